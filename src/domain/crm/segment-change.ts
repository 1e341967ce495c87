import type { Customer } from '../customer';
import { canonicalEventId, makeEvent, type CanonicalEvent } from '../events/canonical-event';
import { segmentFor, type SegmentHistoryEntry, type SegmentThresholds } from './segments';

export type SegmentCause = SegmentHistoryEntry['cause'];

export interface SegmentChange {
  customer: Customer;
  /** Set when the segment itself changed: the history entry and the event to store with it. */
  entry: SegmentHistoryEntry | null;
  event: CanonicalEvent | null;
}

/**
 * The customer with their segment recomputed. A new reason under the same segment (the figures
 * moved) is written without an event or history entry; a new segment gets both. `key` names what
 * caused it (the order's event id, the night, the recompute job), so a retried transaction or a
 * rerun job derives the same ids and stores each once.
 */
export function recomputeSegment(customer: Customer, thresholds: SegmentThresholds, now: Date, cause: SegmentCause, key: string): SegmentChange {
  const { segment, reason } = segmentFor(customer, thresholds, now);
  const previous = customer.segment ?? null;
  if (segment === previous) {
    if (customer.segmentReason === reason) return { customer, entry: null, event: null };
    return { customer: { ...customer, segmentReason: reason }, entry: null, event: null };
  }
  const id = canonicalEventId('bakedbot', `segment_changed:${key}:${customer.id}`);
  const entry: SegmentHistoryEntry = { id, segment, previousSegment: previous, reason, cause, at: now };
  const event = makeEvent({
    id,
    name: 'customer.segment_changed',
    occurredAt: now,
    receivedAt: now,
    source: 'bakedbot',
    customerId: customer.id,
    keys: { customerId: customer.id },
    data: { customerId: customer.id, segment, previousSegment: previous, reason, cause },
  });
  return { customer: { ...customer, segment, segmentReason: reason, segmentSince: now }, entry, event };
}
