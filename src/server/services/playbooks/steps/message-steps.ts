import type { CheckoutData, OrderData, ProductData } from '@/domain/events/event-data';
import { orderVariables } from '@/domain/messaging/template-variables';
import { runCredit } from '@/domain/analytics/credit';
import type { Send, SendMessageInput } from '@/domain/messaging/send';
import { tenantDb } from '../../../db/tenant-db';
import { previewSend } from '../../messaging/preview-send';
import { sendMessage } from '../../messaging/send-message';
import { registerStepHandler, type StepOutcome, type StepRunContext } from '../engine/step-handler';

/** Template variables from what triggered the run, then the step's own (offer, links). */
export function templateVariables(ctx: StepRunContext): Record<string, unknown> {
  const vars: Record<string, unknown> = {};
  const order = ctx.data.order as OrderData | undefined;
  if (order) {
    vars.order = orderVariables(
      {
        id: order.number ?? order.id,
        totalCents: order.totalCents,
        subtotalCents: order.subtotalCents,
        lineItems: order.lineItems,
        placedAt: new Date(order.placedAt),
      },
      // The ledger's figure, carried on the event (0 for an order that earned nothing).
      order.pointsEarned ?? 0,
    );
  }
  const checkout = ctx.data.checkout as CheckoutData | undefined;
  if (checkout) {
    vars.cart = {
      url: checkout.recoveryUrl ?? '',
      total: checkout.totalCents,
      item_count: checkout.itemCount,
      items: checkout.lineItems.map((li) => ({ name: li.name, quantity: li.quantity, total: li.totalCents })),
    };
  }
  const product = ctx.data.product as ProductData | undefined;
  if (product) vars.product = { name: product.name, brand: product.brand ?? '', price: product.priceCents ?? 0, url: '' };
  // A coupon an earlier step gave (issue_coupon) is the run's offer; the step's own values still win.
  const runOffer = (ctx.data.vars as Record<string, unknown> | undefined)?.offer;
  if (runOffer && typeof runOffer === 'object') vars.offer = runOffer;
  // Smokey's picks from a recommend_products step earlier in the run.
  const picks = (ctx.data.vars as Record<string, unknown> | undefined)?.recommendations;
  if (Array.isArray(picks)) vars.recommendations = picks;
  const own = (ctx.step.variables as Record<string, unknown> | undefined) ?? {};
  for (const [k, v] of Object.entries(own)) {
    const existing = vars[k];
    vars[k] = existing && typeof existing === 'object' && v && typeof v === 'object' ? { ...(existing as object), ...(v as object) } : v;
  }
  return vars;
}

interface Composed {
  email?: { subject: string; body: string };
  sms?: { body: string };
}

async function sendInput(ctx: StepRunContext, channel: 'email' | 'sms'): Promise<Omit<SendMessageInput, 'variables'> & { variables: Record<string, unknown> }> {
  const { step, run } = ctx;
  const template = !step.kind && typeof step.template === 'string' ? await tenantDb(ctx.orgId).templates.get(step.template) : null;
  const base = {
    customerId: run.customerId!,
    channel,
    kind: (step.kind as 'marketing' | 'transactional' | undefined) ?? template?.kind ?? 'marketing',
    variables: templateVariables(ctx),
    idempotencyKey: ctx.idempotencyKey,
    source: { type: 'playbook' as const, runId: run.id, stepId: step.id, playbookId: run.playbookId, ...runCredit(run) },
  };
  const composed = step.useComposed ? ((run.context.vars.composed as Composed | undefined)?.[channel] ?? null) : null;
  if (composed)
    return { ...base, content: channel === 'email' ? { subject: (composed as Composed['email'])!.subject, body: composed.body } : { body: composed.body } };
  if (typeof step.body === 'string' && step.body) return { ...base, content: { subject: step.subject as string | undefined, body: step.body } };
  return { ...base, templateKey: step.template as string };
}

const LABEL = { email: 'Email', sms: 'SMS' } as const;

export function describeSend(channel: 'email' | 'sms', send: Pick<Send, 'id' | 'status' | 'decision' | 'lastError' | 'cancelReason'>): StepOutcome {
  const refs = { sendId: send.id };
  switch (send.status) {
    case 'skipped':
      return { kind: 'next', status: 'skipped', detail: `${LABEL[channel]} not sent: ${send.decision.detail}`, skipReason: send.decision.detail, refs };
    case 'cancelled':
      return {
        kind: 'next',
        status: 'skipped',
        detail: `${LABEL[channel]} cancelled: ${send.cancelReason ?? 'withdrawn before it went'}`,
        skipReason: send.cancelReason ?? 'Cancelled',
        refs,
      };
    case 'deferred':
      return { kind: 'next', status: 'done', detail: `${LABEL[channel]} deferred: ${send.decision.detail}`, refs };
    case 'failed':
      return {
        kind: 'next',
        status: 'skipped',
        detail: `${LABEL[channel]} failed: ${send.lastError?.message ?? 'the provider refused it'}`,
        skipReason: send.lastError?.message ?? 'Provider refused the message',
        refs,
      };
    default:
      return {
        kind: 'next',
        status: 'done',
        detail: `${LABEL[channel]} ${send.status === 'queued' ? 'queued (the provider is retried by the tick)' : send.status}`,
        refs,
      };
  }
}

function messageStep(channel: 'email' | 'sms') {
  return {
    // The send id is a hash of runId:stepId: calling again returns the first send.
    idempotentByKey: true,
    async execute(ctx: StepRunContext): Promise<StepOutcome> {
      if (!ctx.run.customerId)
        return { kind: 'next', status: 'skipped', detail: `No customer to ${channel === 'email' ? 'email' : 'text'}`, skipReason: 'This run has no customer' };
      const input = await sendInput(ctx, channel);
      if (ctx.dryRun) {
        const preview = await previewSend(ctx, input);
        const d = preview.decision;
        const what = `${LABEL[channel]}${preview.message.subject ? ` “${preview.message.subject}”` : ''}`;
        const { subject, html, text, segments, headers } = preview.message;
        const message = { channel, to: preview.to, message: { subject, html, text, segments, headers }, example: preview.example };
        if (d.outcome === 'skip') return { kind: 'next', status: 'skipped', detail: `${what} would not be sent: ${d.detail}`, skipReason: d.detail, message };
        return { kind: 'next', status: 'done', detail: `${what} would be ${d.outcome === 'defer' ? 'deferred' : 'sent'}: ${d.detail}`, message };
      }
      // The step's idempotency key (runId:stepId) makes a retried step return the first send.
      const profile = ctx.profile && ctx.profile.id === input.customerId ? ctx.profile : undefined;
      return describeSend(channel, await sendMessage(ctx, input, { newKey: ctx.freshStart === true, customer: profile }));
    },
  };
}

registerStepHandler('send_email', messageStep('email'));
registerStepHandler('send_sms', messageStep('sms'));
