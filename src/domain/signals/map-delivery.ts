import type { DeliverySource } from '../integrations/delivery';
import { ALLEAVES_EVENTS, mapAlleaves } from './map-alleaves';
import { mapShopify, SHOPIFY_TOPICS } from './map-shopify';
import { mapStandard, mapStandardEvent, STANDARD_EVENT_TYPES, TRACK_EVENT_TYPES, TrackBatchSchema } from './map-standard';
import { mapWooCommerce, WOOCOMMERCE_TOPICS } from './map-woocommerce';
import { readPayload } from './payload-fields';
import { assertValidSignal, type MapResult, type Signal } from './signal';

const HANDLED: Record<DeliverySource, readonly string[]> = {
  alleaves: ALLEAVES_EVENTS,
  shopify: SHOPIFY_TOPICS,
  woocommerce: WOOCOMMERCE_TOPICS,
  standard: STANDARD_EVENT_TYPES,
  track_api: TRACK_EVENT_TYPES,
};

/** Whether a delivery's topic is one we process; anything else is stored and marked ignored. */
export function isHandledTopic(source: DeliverySource, topic: string | null): boolean {
  return !!topic && HANDLED[source].includes(topic);
}

export function handledTopics(source: DeliverySource): readonly string[] {
  return HANDLED[source];
}

/**
 * Turns a verified, parsed delivery into signals, whatever its sender. Every signal is checked
 * against its schema here, so a payload that does not fit fails before anything is written.
 */
export function mapDelivery(input: { source: DeliverySource; topic: string | null; body: unknown; eventKey: string; receivedAt: Date }): MapResult {
  const { source, topic, body, eventKey, receivedAt } = input;
  let result: MapResult;
  switch (source) {
    case 'shopify':
      result = mapShopify({ topic, body, eventKey, receivedAt });
      break;
    case 'woocommerce':
      result = mapWooCommerce({ topic, body, eventKey, receivedAt });
      break;
    case 'alleaves':
      result = mapAlleaves({ body, eventKey, receivedAt });
      break;
    case 'standard':
      result = mapStandard({ body, eventKey, receivedAt });
      break;
    case 'track_api': {
      const batch = readPayload(TrackBatchSchema, body, 'Track API request');
      const signals: Signal[] = [];
      const ignored: string[] = [];
      for (const e of batch.events) {
        const r = mapStandardEvent({
          type: e.type,
          data: e.data,
          occurredAt: e.timestamp ?? receivedAt,
          eventKey: `msg:${e.messageId}`,
          allowed: TRACK_EVENT_TYPES,
        });
        if (r.outcome === 'mapped') signals.push(...r.signals);
        else ignored.push(`${e.messageId}: ${r.reason}`);
      }
      result = signals.length ? { outcome: 'mapped', signals } : { outcome: 'ignored', reason: ignored.join('; ') };
      break;
    }
  }
  if (result.outcome === 'mapped') result.signals.forEach(assertValidSignal);
  return result;
}
