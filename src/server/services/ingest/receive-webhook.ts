import { AppError } from '@/domain/errors';
import { deliveryKeys, headerOf, type IncomingHeaders } from '@/domain/integrations/delivery-keys';
import { DEFAULT_ALLEAVES_HEADERS, type IntegrationEndpoint, type Provider } from '@/domain/integrations/endpoint';
import { isHandledTopic } from '@/domain/signals/map-delivery';
import { parseJsonLossless } from '@/domain/signals/parse-json';
import type { ServiceContext } from '../../context';
import type { FollowUp } from '../follow-up';
import { processAfterAck, queueAfterAck } from './process-delivery';
import { storableHeaders } from './request-headers';
import { sha256Hex, storeDelivery } from './store-delivery';

/** A delivery whose signature withWebhook has checked: the endpoint it came to, its raw bytes and headers. */
export interface VerifiedDelivery {
  provider: Provider;
  endpoint: IntegrationEndpoint;
  raw: Uint8Array;
  headers: IncomingHeaders;
}

export type WebhookReceipt =
  /** Stored; `followUp` processes it and is run after the acknowledgement. */
  | { outcome: 'accepted'; deliveryId: string; followUp: FollowUp }
  /** Already stored under the same signed key: not stored or processed again. */
  | { outcome: 'duplicate'; deliveryId: string }
  /** Stored, marked ignored: a topic BakedBot does not handle. */
  | { outcome: 'ignored'; deliveryId: string; reason: string };

/**
 * The ingest use-case shared by every signed sender, after its signature is verified: parse the
 * JSON, claim the delivery on its signed key (docs/webhooks.md, deduplication), store it, and
 * hand back the processing to run once the sender has its answer.
 */
export async function receiveWebhook(ctx: ServiceContext, d: VerifiedDelivery): Promise<WebhookReceipt> {
  const { provider, endpoint, raw, headers } = d;
  let body: unknown;
  try {
    body = parseJsonLossless(new TextDecoder('utf-8', { fatal: true }).decode(raw));
  } catch {
    throw new AppError('invalid_json', 'The request body is not valid JSON.');
  }
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new AppError('invalid_json', 'The request body must be a JSON object.');

  const keys = deliveryKeys(provider, { headers, body, bodyHash: sha256Hex(raw), headerNames: endpoint.headerNames });
  const handled = isHandledTopic(provider, keys.topic);
  const alleavesSignature = provider === 'alleaves' ? [(endpoint.headerNames ?? DEFAULT_ALLEAVES_HEADERS).signature] : [];
  const { delivery, duplicate } = await storeDelivery({
    orgId: ctx.orgId,
    source: provider,
    endpointId: endpoint.id,
    apiKeyId: null,
    dedupeKey: keys.key,
    senderDeliveryId: keys.senderDeliveryId,
    topic: keys.topic?.slice(0, 100) ?? null,
    eventKey: keys.key,
    headers: storableHeaders(headers, alleavesSignature),
    contentType: headerOf(headers, 'content-type'),
    raw,
    receivedAt: ctx.clock.now(),
    ignoredReason: handled ? null : keys.topic ? `"${keys.topic}" is not a topic BakedBot handles.` : 'The delivery names no topic.',
  });
  if (duplicate) {
    ctx.log?.info({ deliveryId: delivery.id }, 'redelivery acknowledged; already stored');
    return { outcome: 'duplicate', deliveryId: delivery.id };
  }
  if (!handled) return { outcome: 'ignored', deliveryId: delivery.id, reason: delivery.ignoredReason! };
  return {
    outcome: 'accepted',
    deliveryId: delivery.id,
    followUp: {
      name: 'process-delivery',
      run: () => processAfterAck(ctx.orgId, delivery, { by: 'receiver', raw, parsed: body, clock: ctx.clock, log: ctx.log }),
      queue: () => queueAfterAck(ctx.orgId, delivery, { by: 'receiver', raw, parsed: body, clock: ctx.clock, log: ctx.log }),
    },
  };
}
