import { FieldValue } from 'firebase-admin/firestore';
import type { Clock } from '@/domain/clock';
import { AppError, errors } from '@/domain/errors';
import { MAX_BODY_BYTES } from '@/domain/integrations/delivery';
import { DEFAULT_ALLEAVES_HEADERS, type Provider } from '@/domain/integrations/endpoint';
import { isHandledTopic } from '@/domain/signals/map-delivery';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import { tenantDb } from '../../db/tenant-db';
import { afterResponse } from '../../http/after-response';
import { readBodyBytes } from '../../http/parse';
import { ingestRateLimiter } from '../../http/rate-limit';
import type { Logger } from '../../log';
import { resolveEndpoint, type ResolvedEndpoint } from './endpoint-registry';
import { processAfterAck } from './process-delivery';
import { storableHeaders } from './request-headers';
import { sha256Hex, storeDelivery } from './store-delivery';
import { timestampWithinTolerance, verifyBase64BodySignature, verifyHexBodySignature, verifyStandardSignature } from './verify-signatures';

interface Verdict {
  ok: boolean;
  reason: string;
}

function verify(provider: Provider, r: ResolvedEndpoint, raw: Uint8Array, h: Headers, now: Date): Verdict {
  if (!r.secrets.length) return { ok: false, reason: 'The endpoint has no readable signing secret.' };
  switch (provider) {
    case 'shopify':
      return { ok: verifyBase64BodySignature(raw, h.get('x-shopify-hmac-sha256'), r.secrets), reason: 'X-Shopify-Hmac-Sha256 is missing or does not match.' };
    case 'woocommerce':
      return { ok: verifyBase64BodySignature(raw, h.get('x-wc-webhook-signature'), r.secrets), reason: 'X-WC-Webhook-Signature is missing or does not match.' };
    case 'alleaves': {
      const names = r.endpoint.headerNames ?? DEFAULT_ALLEAVES_HEADERS;
      if (!verifyHexBodySignature(raw, h.get(names.signature), r.secrets)) return { ok: false, reason: `${names.signature} is missing or does not match.` };
      const ts = names.timestamp ? h.get(names.timestamp) : null;
      if (ts !== null && !timestampWithinTolerance(ts, now)) return { ok: false, reason: `${names.timestamp} is more than 5 minutes from now.` };
      return { ok: true, reason: '' };
    }
    case 'standard': {
      const v = verifyStandardSignature(
        raw,
        { id: h.get('webhook-id'), timestamp: h.get('webhook-timestamp'), signature: h.get('webhook-signature') },
        r.secrets,
        now,
      );
      return v.ok ? { ok: true, reason: '' } : { ok: false, reason: v.reason };
    }
  }
}

const lastFreshRead = new Map<string, number>();

/** A failed check against a cached secret is retried once against a fresh read, at most every 5 s per endpoint. */
async function verifyWithRefresh(
  provider: Provider,
  endpointId: string,
  first: ResolvedEndpoint,
  raw: Uint8Array,
  h: Headers,
  now: Date,
): Promise<{ verdict: Verdict; endpoint: ResolvedEndpoint }> {
  const verdict = verify(provider, first, raw, h, now);
  if (verdict.ok || Date.now() - (lastFreshRead.get(endpointId) ?? 0) < 5_000) return { verdict, endpoint: first };
  lastFreshRead.set(endpointId, Date.now());
  const fresh = await resolveEndpoint(endpointId, provider, now, { fresh: true });
  if (!fresh) return { verdict, endpoint: first };
  return { verdict: verify(provider, fresh, raw, h, now), endpoint: fresh };
}

function topicAndKeys(provider: Provider, r: ResolvedEndpoint, h: Headers, body: unknown, bodyHash: string) {
  const field = (name: string) => {
    const v = (body as Record<string, unknown> | null)?.[name];
    return typeof v === 'string' || typeof v === 'number' ? String(v).slice(0, 200) : null;
  };
  switch (provider) {
    case 'shopify': {
      const webhookId = h.get('x-shopify-webhook-id');
      const eventId = h.get('x-shopify-event-id');
      return {
        topic: h.get('x-shopify-topic'),
        senderDeliveryId: webhookId,
        dedupeKey: webhookId ?? eventId ?? `sha256:${bodyHash}`,
        eventKey: eventId ?? webhookId ?? `sha256:${bodyHash}`,
      };
    }
    case 'woocommerce': {
      const deliveryId = h.get('x-wc-webhook-delivery-id');
      return {
        topic: h.get('x-wc-webhook-topic'),
        senderDeliveryId: deliveryId,
        dedupeKey: deliveryId ?? `sha256:${bodyHash}`,
        eventKey: deliveryId ?? `sha256:${bodyHash}`,
      };
    }
    case 'alleaves': {
      const names = r.endpoint.headerNames ?? DEFAULT_ALLEAVES_HEADERS;
      const headerId = names.deliveryId ? h.get(names.deliveryId) : null;
      const eventId = field('id');
      return {
        topic: field('event'),
        senderDeliveryId: headerId ?? eventId,
        dedupeKey: headerId ?? eventId ?? `sha256:${bodyHash}`,
        eventKey: eventId ?? headerId ?? `sha256:${bodyHash}`,
      };
    }
    case 'standard': {
      const id = h.get('webhook-id')!;
      return { topic: field('type'), senderDeliveryId: id, dedupeKey: id, eventKey: id };
    }
  }
}

function isWooPing(provider: Provider, raw: Uint8Array, h: Headers): boolean {
  return (
    provider === 'woocommerce' && !h.get('x-wc-webhook-signature') && raw.byteLength < 200 && /^webhook_id=\d+$/.test(Buffer.from(raw).toString('utf8').trim())
  );
}

/**
 * The receiver shared by every webhook sender: verify the signature over the raw bytes, claim
 * and store the delivery, answer at once, and process after the response.
 */
export async function receiveWebhook(provider: Provider, req: Request, endpointId: string, deps: { clock: Clock; log: Logger }): Promise<Response> {
  const now = deps.clock.now();
  const resolved = await resolveEndpoint(endpointId, provider, now);
  if (!resolved) throw errors.notFound('Webhook endpoint');
  const wait = ingestRateLimiter.take(`ep:${endpointId}`, resolved.endpoint.rateLimitPerMinute, Date.now());
  if (wait) throw errors.rateLimited(wait);
  const raw = await readBodyBytes(req, MAX_BODY_BYTES);
  const h = req.headers;

  // WooCommerce pings a new webhook's URL with a form body and no signature: acknowledge, store nothing.
  if (isWooPing(provider, raw, h)) return Response.json({ ok: true, ping: true });

  const { verdict, endpoint } = await verifyWithRefresh(provider, endpointId, resolved, raw, h, now);
  const log = deps.log.child({ orgId: endpoint.orgId, endpointId, provider });
  if (!verdict.ok) {
    log.warn({ reason: verdict.reason }, 'webhook refused: bad signature');
    afterResponse('count-rejection', () =>
      tenantDb(endpoint.orgId).endpoints.update(endpointId, {
        rejectedCount: FieldValue.increment(1),
        lastRejectedAt: now,
        lastRejectedReason: verdict.reason,
      }),
    );
    throw errors.unauthenticated(`Signature check failed: ${verdict.reason}`);
  }

  let text: string;
  let body: unknown;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
    body = parseJsonLossless(text);
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('invalid_json', 'The request body must be a JSON object.');

  const bodyHash = sha256Hex(raw);
  const keys = topicAndKeys(provider, endpoint, h, body, bodyHash);
  const handled = isHandledTopic(provider, keys.topic);
  const alleavesSignature = provider === 'alleaves' ? [(endpoint.endpoint.headerNames ?? DEFAULT_ALLEAVES_HEADERS).signature] : [];
  const { delivery, duplicate } = await storeDelivery({
    orgId: endpoint.orgId,
    source: provider,
    endpointId,
    apiKeyId: null,
    dedupeKey: keys.dedupeKey,
    senderDeliveryId: keys.senderDeliveryId,
    topic: keys.topic?.slice(0, 100) ?? null,
    eventKey: keys.eventKey,
    headers: storableHeaders(h, alleavesSignature),
    contentType: h.get('content-type'),
    raw,
    receivedAt: now,
    ignoredReason: handled ? null : keys.topic ? `"${keys.topic}" is not a topic BakedBot handles.` : 'The delivery names no topic.',
  });
  if (duplicate) {
    log.info({ deliveryId: delivery.id }, 'redelivery acknowledged; already stored');
    return Response.json({ received: true, duplicate: true, deliveryId: delivery.id });
  }
  if (!handled) return Response.json({ received: true, ignored: true, deliveryId: delivery.id, reason: delivery.ignoredReason }, { status: 202 });
  afterResponse('process-delivery', () => processAfterAck(endpoint.orgId, delivery, { by: 'receiver', raw, parsed: body, clock: deps.clock, log }));
  return Response.json({ received: true, deliveryId: delivery.id });
}
