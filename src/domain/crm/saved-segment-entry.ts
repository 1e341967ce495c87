import type { Customer } from '../customer';
import { canonicalEventId, makeEvent, type CanonicalEvent } from '../events/canonical-event';
import { savedMembership, type SavedSegment } from './saved-segment';

export type SavedSegmentCause = 'order' | 'refund' | 'nightly' | 'thresholds' | 'job' | 'edit';
export type SavedSegmentRef = Pick<SavedSegment, 'id' | 'name' | 'definition' | 'archived'>;

/** customer.saved_segment_entered; its id derives from what evaluated it, so a retried transaction or job stores it once. */
export function savedSegmentEnteredEvent(
  customerId: string,
  segment: Pick<SavedSegment, 'id' | 'name'>,
  cause: SavedSegmentCause,
  key: string,
  now: Date,
): CanonicalEvent {
  return makeEvent({
    id: canonicalEventId('bakedbot', `saved_segment_entered:${key}:${segment.id}:${customerId}`),
    name: 'customer.saved_segment_entered',
    occurredAt: now,
    receivedAt: now,
    source: 'bakedbot',
    customerId,
    keys: { customerId },
    data: { customerId, savedSegmentId: segment.id, name: segment.name, cause },
  });
}

/**
 * The customer with `savedSegmentIds` brought up to date against the given segments, and an
 * entered event for each segment newly entered. The same object when nothing moved.
 */
export function applySavedSegments(
  customer: Customer,
  segments: readonly SavedSegmentRef[],
  now: Date,
  cause: SavedSegmentCause,
  key: string,
): { customer: Customer; events: CanonicalEvent[] } {
  if (!segments.length) return { customer, events: [] };
  const m = savedMembership(customer.savedSegmentIds, segments, customer, now);
  if (!m.changed) return { customer, events: [] };
  const byId = new Map(segments.map((s) => [s.id, s]));
  return {
    customer: { ...customer, savedSegmentIds: m.ids },
    events: m.entered.map((id) => savedSegmentEnteredEvent(customer.id, byId.get(id)!, cause, key, now)),
  };
}
