import { z } from 'zod';
import { EventEnvelopeSchema, checkEventData, type CanonicalEvent } from './canonical-event';

/**
 * tenants/{orgId}/events/{eventId}: every processed event, its data checked against the catalogue
 * on write and read. Queried by customer (timelines, exit rules, attribution) and by name and
 * time (wait_for_event); firestore.indexes.json declares both.
 */
export const StoredEventSchema = EventEnvelopeSchema.extend({
  deliveryId: z.string().nullable(),
  processedAt: z.date(),
  /** Set once by triggerPlaybooksForEvent; a redelivery or replay finds it set and dispatches nothing. */
  dispatchedAt: z.date().nullable(),
}).superRefine(checkEventData);
export type StoredEvent = CanonicalEvent & { deliveryId: string | null; processedAt: Date; dispatchedAt: Date | null };

export function toCanonicalEvent(stored: z.infer<typeof StoredEventSchema>): CanonicalEvent {
  const { deliveryId: _d, processedAt: _p, dispatchedAt: _x, ...event } = stored;
  return event as CanonicalEvent;
}
