import { createHash, randomBytes } from 'node:crypto';
import { isIP } from 'node:net';
import { Webhook } from 'standardwebhooks';
import type { Customer } from '@/domain/customer';
import { config } from '../../../config';
import { secretName, secretStore } from '../../../secrets';
import { registerStepHandler } from '../engine/step-handler';

const TIMEOUT_MS = 10_000;

/** The tenant's signing secret for outbound playbook webhooks, made on first use. */
export async function outboundWebhookSecret(orgId: string): Promise<string> {
  const name = secretName('tenant', orgId, 'playbook-webhooks');
  const store = secretStore();
  const existing = await store.get(name);
  if (existing) return existing;
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  await store.put(name, secret);
  return (await store.get(name)) ?? secret;
}

/** In production, refuse addresses inside private networks (no reaching our own infrastructure). */
function blockedHost(url: URL): boolean {
  if (!config().isProduction) return false;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.internal') || host.endsWith('.local')) return true;
  if (!isIP(host)) return false;
  return /^(10\.|127\.|169\.254\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.|::1$|fc|fd|fe80)/i.test(host);
}

registerStepHandler('webhook', {
  // Every call carries the same webhook-id (from runId:stepId), so a receiver drops a redelivery.
  idempotentByKey: true,
  async execute(ctx) {
    const url = new URL(ctx.step.url as string);
    if (blockedHost(url))
      return {
        kind: 'next',
        status: 'skipped',
        detail: `Refused to call ${url.host}: private address`,
        skipReason: 'Webhook URL points inside a private network',
      };
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
    if (ctx.dryRun)
      return { kind: 'next', status: 'done', detail: `Would POST ${payload.length} bytes to ${url.host}, signed with the Standard Webhooks scheme` };
    // The message id comes from runId:stepId, so a retry after a crash is a redelivery the receiver can spot.
    const msgId = `msg_${createHash('sha256').update(ctx.idempotencyKey).digest('hex').slice(0, 26)}`;
    const sentAt = ctx.clock.now();
    const signature = new Webhook(await outboundWebhookSecret(ctx.orgId)).sign(msgId, sentAt, payload);
    let res: Response;
    try {
      res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': msgId,
          'webhook-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          'webhook-signature': signature,
          'user-agent': 'BakedBot-Webhooks/1',
        },
        body: payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      // Network errors and timeouts are retried by the executor with backoff, with the same webhook-id.
      throw new Error(`Webhook to ${url.host} failed: ${(err as Error).message}`);
    }
    if (res.status >= 200 && res.status < 300)
      return { kind: 'next', status: 'done', detail: `POST ${url.host} answered ${res.status}`, refs: { webhookId: msgId } };
    if (res.status >= 500 || res.status === 429 || res.status === 408) throw new Error(`Webhook to ${url.host} answered ${res.status}`);
    return {
      kind: 'next',
      status: 'skipped',
      detail: `POST ${url.host} refused with ${res.status}; not retried`,
      skipReason: `Endpoint answered ${res.status}`,
      refs: { webhookId: msgId },
    };
  },
});
