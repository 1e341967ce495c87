import { createHash } from 'node:crypto';
import { FieldValue } from 'firebase-admin/firestore';
import { AppError, errors } from '@/domain/errors';
import { headerOf, type IncomingHeaders } from '@/domain/integrations/delivery-keys';
import { mapStandardEvent, TRACK_EVENT_TYPES, TrackBatchSchema } from '@/domain/signals/map-standard';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import { MappingError } from '@/domain/signals/signal';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { processAfterAck, queueAfterAck } from './process-delivery';
import { storableHeaders } from './request-headers';
import { storeDelivery } from './store-delivery';

export interface TrackReceipt {
  accepted: number;
  duplicate: boolean;
  deliveryId: string;
  /** Processing of a new batch, run after the answer; null for a duplicate. */
  followUp: FollowUp | null;
}

/**
 * The first-party track API, once withApiKey has authenticated the key: up to 100 storefront
 * events per call, each deduplicated on its messageId. The whole batch is validated before
 * anything is stored (422 with the path of what is wrong), then stored.
 */
export async function receiveTrackEvents(ctx: ServiceContext, input: { apiKeyId: string; raw: Uint8Array; headers: IncomingHeaders }): Promise<TrackReceipt> {
  const now = ctx.clock.now();
  let body: unknown;
  try {
    body = parseJsonLossless(new TextDecoder('utf-8', { fatal: true }).decode(input.raw));
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
    orgId: ctx.orgId,
    source: 'track_api',
    endpointId: null,
    apiKeyId: input.apiKeyId,
    dedupeKey: createHash('sha256').update(ids.join('\n')).digest('hex'),
    senderDeliveryId: ids.length === 1 ? ids[0]! : null,
    topic: types.length === 1 ? types[0]! : `batch of ${parsed.data.events.length}`,
    eventKey: 'track-batch',
    headers: storableHeaders(input.headers),
    contentType: headerOf(input.headers, 'content-type'),
    raw: input.raw,
    receivedAt: now,
    ignoredReason: null,
  });
  const followUp: FollowUp | null = duplicate
    ? null
    : {
        name: 'process-track-events',
        run: () => processAfterAck(ctx.orgId, delivery, { by: 'receiver', raw: input.raw, parsed: body, clock: ctx.clock, log: ctx.log }),
        queue: () => queueAfterAck(ctx.orgId, delivery, { by: 'receiver', raw: input.raw, parsed: body, clock: ctx.clock, log: ctx.log }),
      };
  return { accepted: parsed.data.events.length, duplicate, deliveryId: delivery.id, followUp };
}

const lastUsedWrite = new Map<string, number>();

/** Records that a key was used, at most once a minute per key per instance: the keys list shows it, and one write per call would be waste. */
export async function recordApiKeyUse(orgId: string, keyId: string): Promise<void> {
  if (Date.now() - (lastUsedWrite.get(keyId) ?? 0) <= 60_000) return;
  lastUsedWrite.set(keyId, Date.now());
  await tenantDb(orgId).apiKeys.update(keyId, { lastUsedAt: FieldValue.serverTimestamp() });
}
