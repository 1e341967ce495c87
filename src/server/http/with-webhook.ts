import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import { MAX_BODY_BYTES } from '@/domain/integrations/delivery';
import type { IncomingHeaders } from '@/domain/integrations/delivery-keys';
import type { Provider } from '@/domain/integrations/endpoint';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../context';
import { resolveEndpoint } from '../services/ingest/endpoint-registry';
import type { VerifiedDelivery, WebhookReceipt } from '../services/ingest/receive-webhook';
import { isUnsignedPing, recordRefusedDelivery, verifyDelivery } from '../services/ingest/verify-delivery';
import { afterResponse, scheduleFollowUp } from './after-response';
import { readBodyBytes } from './parse';
import { ingestRateLimiter } from './rate-limit';
import { withRequest } from './with-request';

/** A request's headers as plain data for the services (Headers already lower-cases names). */
export function plainHeaders(h: Headers): IncomingHeaders {
  const out: Record<string, string> = {};
  h.forEach((value, key) => {
    out[key] = value;
  });
  return out;
}

/**
 * A signed sender's webhook route. As withTenant owns the session, withWebhook owns what
 * authenticates a delivery: the endpoint named in the URL (and so its tenant; unknown is 404),
 * the endpoint's rate limit (429), the body read up to 1 MiB (413) and the signature over those
 * raw bytes (401, counted on the endpoint). Only then does the handler see the delivery, as plain
 * data; it returns a receipt, which is answered at once, and its follow-up (processing) runs
 * after the answer.
 */
export function withWebhook(
  provider: Provider,
  handler: (ctx: ServiceContext, delivery: VerifiedDelivery) => Promise<WebhookReceipt>,
  opts: { clock?: Clock } = {},
) {
  return withRequest<{ endpointId: string }>(async (req, rc, params) => {
    const clock = opts.clock ?? systemClock;
    const now = clock.now();
    const resolved = await resolveEndpoint(params.endpointId, provider, now);
    if (!resolved) throw errors.notFound('Webhook endpoint');
    const endpointId = resolved.endpoint.id;
    const wait = ingestRateLimiter.take(`ep:${endpointId}`, resolved.endpoint.rateLimitPerMinute, Date.now());
    if (wait) throw errors.rateLimited(wait);
    const raw = await readBodyBytes(req, MAX_BODY_BYTES);
    const headers = plainHeaders(req.headers);
    if (isUnsignedPing(provider, raw, headers)) return Response.json({ ok: true, ping: true });

    const { verdict, endpoint } = await verifyDelivery(provider, resolved, raw, headers, now);
    const log = rc.log.child({ orgId: endpoint.orgId, endpointId, provider });
    if (!verdict.ok) {
      log.warn({ reason: verdict.reason }, 'webhook refused: bad signature');
      afterResponse('count-refusal', () => recordRefusedDelivery(endpoint.orgId, endpointId, verdict.reason, now));
      throw errors.unauthenticated(`Signature check failed: ${verdict.reason}`);
    }

    const ctx: ServiceContext = { orgId: endpoint.orgId, actor: systemActor(`webhook-${provider}`), clock, log };
    const receipt = await handler(ctx, { provider, endpoint: endpoint.endpoint, raw, headers });
    switch (receipt.outcome) {
      case 'accepted':
        scheduleFollowUp(receipt.followUp);
        return Response.json({ received: true, deliveryId: receipt.deliveryId });
      case 'duplicate':
        return Response.json({ received: true, duplicate: true, deliveryId: receipt.deliveryId });
      case 'ignored':
        return Response.json({ received: true, ignored: true, deliveryId: receipt.deliveryId, reason: receipt.reason }, { status: 202 });
    }
  });
}
