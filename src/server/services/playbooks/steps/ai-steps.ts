import { z } from 'zod';
import type { Customer } from '@/domain/customer';
import { draftCopy } from '../../craig/draft-copy';
import { LanguageModelError } from '../../craig/language-model';
import { registerStepHandler } from '../engine/step-handler';
import { mayCallModels, stepModel } from './step-model';

registerStepHandler('ai_compose', {
  // Asking again after a crash costs a call but acts on nothing: the copy is kept only when the step commits.
  idempotentByKey: true,
  async execute(ctx) {
    const brief = ctx.step.brief as { goal: string; audience?: string; tone?: string; offer?: string };
    const channel = ctx.step.channel as 'email' | 'sms';
    if (!mayCallModels(ctx)) {
      return {
        kind: 'next',
        status: 'skipped',
        detail: `Would ask Craig for ${channel === 'email' ? 'an email' : 'a text'}: “${brief.goal}”${brief.offer ? ` (offer: ${brief.offer})` : ''}. This dry run calls no model, so the next message uses its template.`,
        skipReason: 'Dry run without AI; template used',
      };
    }
    const draft = await draftCopy(ctx, { ...brief, channel }, { model: await stepModel(ctx) });
    if (draft.source !== 'craig') {
      return {
        kind: 'next',
        status: 'skipped',
        detail: `${draft.notice ?? 'Craig could not write the copy'} The next message uses its template.`,
        skipReason: 'Craig unavailable; template used',
      };
    }
    const composed = channel === 'email' ? { email: { subject: draft.subject, body: draft.emailHtml } } : { sms: { body: draft.smsVariants[0]?.text ?? '' } };
    const preview = channel === 'email' ? `“${draft.subject}”` : `“${draft.smsVariants[0]?.text.slice(0, 80) ?? ''}”`;
    return {
      kind: 'next',
      status: 'done',
      detail: `Craig wrote ${channel === 'email' ? 'the email' : 'the text'}: ${preview}${draft.notice ? ` (${draft.notice})` : ''}`,
      vars: { composed },
    };
  },
});

const AnswerSchema = z.object({ answer: z.boolean(), reason: z.string().max(300) });

/** What Claude sees: the customer's history and the event, never their email or phone. */
function describeForModel(data: Record<string, unknown>) {
  const c = data.customer as Customer | null;
  const customer = c
    ? {
        firstName: c.firstName,
        segment: c.segment,
        tags: c.tags,
        orderCount: c.orderCount,
        lifetimeValue: c.lifetimeValueCents / 100,
        averageOrder: c.avgOrderValueCents / 100,
        firstOrderAt: c.firstOrderAt,
        lastOrderAt: c.lastOrderAt,
        points: c.pointsBalance,
      }
    : null;
  const event = data.event as { name?: string; occurredAt?: unknown; data?: Record<string, unknown> } | null;
  const { customer: _omit, ...eventData } = event?.data ?? {};
  return JSON.stringify({ customer, event: event ? { name: event.name, occurredAt: event.occurredAt, data: eventData } : null }, null, 1).slice(0, 8000);
}

registerStepHandler('ai_condition', {
  idempotentByKey: true,
  async execute(ctx) {
    const { step } = ctx;
    const question = step.question as string;
    const fallback = step.whenUnavailable as 'then' | 'else';
    if (!mayCallModels(ctx)) {
      return {
        kind: 'next',
        status: 'done',
        branch: fallback,
        detail: `Would ask Claude: “${question}”. This dry run calls no model, so it takes the “${fallback}” branch declared for no answer.`,
      };
    }
    try {
      const model = await stepModel(ctx);
      const { output } = await model.generateStructured({
        system:
          'You help a licensed cannabis dispensary decide how to treat a customer. Answer the yes/no question strictly from the data given. If the data does not say, answer no.',
        prompt: `Question: ${question}\n\nData:\n${describeForModel(ctx.data)}`,
        schema: AnswerSchema,
        maxTokens: 200,
        timeoutMs: step.timeoutMs as number,
      });
      return {
        kind: 'next',
        status: 'done',
        branch: output.answer ? 'then' : 'else',
        detail: `Claude: ${output.answer ? 'yes' : 'no'}, ${output.reason}`.slice(0, 500),
      };
    } catch (err) {
      if (!(err instanceof LanguageModelError)) throw err;
      return {
        kind: 'next',
        status: 'done',
        branch: fallback,
        detail: `Claude could not answer (${err.reason.replace('_', ' ')}); took the declared "${fallback}" branch`,
      };
    }
  },
});
