import { createHash } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import type { Clock } from '@/domain/clock';
import { AppError, errors } from '@/domain/errors';
import { MAX_BODY_BYTES } from '@/domain/integrations/delivery';
import { mapStandardEvent, TRACK_EVENT_TYPES, TrackBatchSchema } from '@/domain/signals/map-standard';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import { MappingError } from '@/domain/signals/signal';
import { tenantDb } from '../../db/tenant-db';
import { afterResponse } from '../../http/after-response';
import { readBodyBytes } from '../../http/parse';
import { ingestRateLimiter } from '../../http/rate-limit';
import type { Logger } from '../../log';
import { authenticateApiKey } from './api-key-registry';
import { processAfterAck } from './process-delivery';
import { storableHeaders } from './request-headers';
import { storeDelivery } from './store-delivery';

const lastUsedWrite = new Map<string, number>();

/**
 * The first-party track API: up to 100 storefront events per call, authenticated by a tenant's
 * API key, each event deduplicated on its messageId. The whole batch is validated before
 * anything is stored (422 with the path of what is wrong), then stored and answered with 202.
 */
export async function receiveTrackEvents(req: Request, deps: { clock: Clock; log: Logger }): Promise<Response> {
  const authz = req.headers.get('authorization');
  const auth = authz?.startsWith('Bearer ') ? await authenticateApiKey(authz.slice(7)) : null;
  if (!auth) throw errors.unauthenticated('Send a valid API key as "Authorization: Bearer bbk_…".');
  const wait = ingestRateLimiter.take(`key:${auth.key.id}`, auth.key.rateLimitPerMinute, Date.now());
  if (wait) throw errors.rateLimited(wait);
  const now = deps.clock.now();
  const raw = await readBodyBytes(req, MAX_BODY_BYTES);
  let body: unknown;
  try {
    body = parseJsonLossless(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  const parsed = TrackBatchSchema.safeParse(body);
  if (!parsed.success) throw errors.validation(parsed.error, 'Some events are not valid.');
  const issues: Array<{ path: string; message: string }> = [];
  parsed.data.events.forEach((e, i) => {
    if (!(TRACK_EVENT_TYPES as readonly string[]).includes(e.type)) {
      issues.push({ path: `events.${i}.type`, message: `"${e.type}" is not a track event; use one of ${TRACK_EVENT_TYPES.join(', ')}` });
      return;
    }
    try {
      mapStandardEvent({ type: e.type, data: e.data, occurredAt: e.timestamp ?? now, eventKey: e.messageId, allowed: TRACK_EVENT_TYPES });
    } catch (err) {
      if (!(err instanceof MappingError)) throw err;
      issues.push({ path: `events.${i}.data`, message: err.message });
    }
  });
  if (issues.length) throw new AppError('validation_failed', 'Some events are not valid.', { issues });

  const ids = parsed.data.events.map((e) => e.messageId).sort();
  const types = [...new Set(parsed.data.events.map((e) => e.type))];
  const { delivery, duplicate } = await storeDelivery({
    orgId: auth.orgId,
    source: 'track_api',
    endpointId: null,
    apiKeyId: auth.key.id,
    dedupeKey: createHash('sha256').update(ids.join('\n')).digest('hex'),
    senderDeliveryId: ids.length === 1 ? ids[0]! : null,
    topic: types.length === 1 ? types[0]! : `batch of ${parsed.data.events.length}`,
    eventKey: 'track-batch',
    headers: storableHeaders(req.headers),
    contentType: req.headers.get('content-type'),
    raw,
    receivedAt: now,
    ignoredReason: null,
  });
  const log = deps.log.child({ orgId: auth.orgId, apiKeyId: auth.key.id });
  if (Date.now() - (lastUsedWrite.get(auth.key.id) ?? 0) > 60_000) {
    lastUsedWrite.set(auth.key.id, Date.now());
    afterResponse('api-key-last-used', () => tenantDb(auth.orgId).apiKeys.update(auth.key.id, { lastUsedAt: FieldValue.serverTimestamp() }));
  }
  if (!duplicate)
    afterResponse('process-track-events', () => processAfterAck(auth.orgId, delivery, { by: 'receiver', raw, parsed: body, clock: deps.clock, log }));
  return Response.json({ accepted: parsed.data.events.length, duplicate, deliveryId: delivery.id }, { status: duplicate ? 200 : 202 });
}
