import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import type { MessagingWebhookProvider } from '@/domain/messaging/records';
import { newRenderBudget } from '@/domain/messaging/render-budget';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../context';
import { authenticateMessagingWebhook } from '../services/messaging/messaging-webhooks';
import { readBodyBytes } from './parse';
import { ingestRateLimiter } from './rate-limit';
import { withRequest } from './with-request';

/** Per callback endpoint and instance; generous, since a campaign's events arrive in bursts and both providers retry. */
export const MESSAGING_WEBHOOK_RATE_PER_MINUTE = 6_000;

export interface MessagingCallback {
  endpointId: string;
  raw: Uint8Array;
  contentType: string | null;
}

/**
 * A messaging provider's callback route (Mailjet events, Blackleaf texts and receipts). It owns
 * what authenticates a call: the basic-auth credentials from the URL, checked against the
 * endpoint's stored hash (401 for anything wrong, without saying what), the endpoint's rate limit
 * (429) and the body read up to `maxBytes` (413). The handler gets plain data and the tenant.
 */
export function withMessagingWebhook(
  provider: MessagingWebhookProvider,
  handler: (ctx: ServiceContext, callback: MessagingCallback) => Promise<unknown>,
  opts: { maxBytes: number; actor: string; clock?: Clock },
) {
  return withRequest<{ endpointId: string }>(async (req, rc, params) => {
    const auth = await authenticateMessagingWebhook(provider, params.endpointId, req.headers.get('authorization'));
    if (!auth) throw errors.unauthenticated('Unknown endpoint or wrong credentials.');
    const wait = ingestRateLimiter.take(`msg:${auth.endpoint.endpointId}`, MESSAGING_WEBHOOK_RATE_PER_MINUTE, Date.now());
    if (wait) throw errors.rateLimited(wait);
    const raw = await readBodyBytes(req, opts.maxBytes);
    const ctx: ServiceContext = {
      orgId: auth.orgId,
      actor: systemActor(opts.actor),
      clock: opts.clock ?? systemClock,
      log: rc.log.child({ orgId: auth.orgId }),
      // Inbound texts render replies (STOP/HELP confirmations): one allowance for the whole call.
      renderBudget: newRenderBudget(),
    };
    return handler(ctx, { endpointId: auth.endpoint.endpointId, raw, contentType: req.headers.get('content-type') });
  });
}
