import { createHash } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import type { Customer } from '@/domain/customer';
import { OutboundFailedError, OutboundRefusedError, outboundRequest, resolveOutboundTarget, type OutboundResponse } from '../../../net/outbound-request';
import { registerStepHandler, type StepOutcome, type StepRunContext } from '../engine/step-handler';
import { outboundSigningSecrets } from '../outbound-webhook-secret';

const TIMEOUT_MS = 10_000;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the endpoint';
  }
}

/**
 * A refused URL is reported with the guard's one-line reason and nothing it learnt on the way
 * (which address, which range, any answer), and is not retried: it will not become public.
 */
function refused(ctx: StepRunContext, err: OutboundRefusedError): StepOutcome {
  ctx.log?.warn({ event: 'webhook.refused', stepId: ctx.step.id, reason: err.reason, detail: err.internalDetail }, 'webhook refused');
  return { kind: 'next', status: 'skipped', detail: `Webhook not sent: ${err.message}`, skipReason: err.message };
}

registerStepHandler('webhook', {
  // Every call carries the same webhook-id (from runId:stepId), so a receiver drops a redelivery.
  idempotentByKey: true,
  async execute(ctx) {
    const url = ctx.step.url as string;
    const host = hostOf(url);
    const c = ctx.data.customer as Customer | null;
    const event = ctx.run.context.event as { id?: string; name?: string; data?: unknown } | null;
    const payload = JSON.stringify({
      type: ctx.step.eventType,
      timestamp: ctx.clock.now().toISOString(),
      data: {
        playbookId: ctx.run.playbookId,
        runId: ctx.run.id,
        stepId: ctx.step.id,
        customer: c ? { id: c.id, firstName: c.firstName, lastName: c.lastName, email: c.email, phone: c.phone, segment: c.segment, tags: c.tags } : null,
        event: event ? { id: event.id, name: event.name, data: event.data } : null,
      },
    });
    if (ctx.dryRun) {
      // The same check as a real run, without connecting, so the builder learns of a refusal before it goes live.
      try {
        await resolveOutboundTarget(url, { signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        if (err instanceof OutboundRefusedError) return refused(ctx, err);
        return {
          kind: 'next',
          status: 'done',
          detail: `Would POST ${payload.length} bytes to ${host}, but it cannot be reached now (${(err as Error).message})`,
        };
      }
      return { kind: 'next', status: 'done', detail: `Would POST ${payload.length} bytes to ${host}, signed with the Standard Webhooks scheme` };
    }
    // The message id comes from runId:stepId, so a retry after a crash is a redelivery the receiver can spot.
    const msgId = `msg_${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 26)}`;
    const sentAt = ctx.clock.now();
    // During the 24 hours after a rotation both secrets sign; receivers accept any one of the space-separated signatures.
    const signature = (await outboundSigningSecrets(ctx.orgId, sentAt)).map((s) => new Webhook(s).sign(msgId, sentAt, payload)).join(' ');
    let res: OutboundResponse;
    try {
      res = await outboundRequest(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'BakedBot-Webhooks/1',
        },
        body: payload,
        timeoutMs: TIMEOUT_MS,
      });
    } catch (err) {
      if (err instanceof OutboundRefusedError) return refused(ctx, err);
      // Network errors and timeouts are retried by the executor with backoff, with the same webhook-id.
      const reason = err instanceof OutboundFailedError ? err.message : 'network error';
      throw new Error(`Webhook to ${host} failed: ${reason}`);
    }
    if (res.status >= 200 && res.status < 300)
      return { kind: 'next', status: 'done', detail: `POST ${host} answered ${res.status}`, refs: { webhookId: msgId } };
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Error(`Webhook to ${host} answered ${res.status}`);
    return {
      kind: 'next',
      status: 'skipped',
      detail: `POST ${host} refused with ${res.status}; not retried`,
      skipReason: `Endpoint answered ${res.status}`,
      refs: { webhookId: msgId },
    };
  },
});
