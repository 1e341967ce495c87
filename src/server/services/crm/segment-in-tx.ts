import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { applySavedSegments, type SavedSegmentRef } from '@/domain/crm/saved-segment-entry';
import { recomputeSegment, type SegmentCause } from '@/domain/crm/segment-change';
import type { SegmentThresholds } from '@/domain/crm/segments';
import { tenantDb } from '../../db/tenant-db';

export interface SegmentInTx {
  /** The customer with segment, reason, since and saved segments set; the same object when nothing changed. */
  customer: Customer;
  /** customer.segment_changed and customer.saved_segment_entered, to store with the cause's own event. */
  events: CanonicalEvent[];
  /** Queues the history entry (after the transaction's reads); the caller writes the customer. */
  write: (tx: Transaction) => void;
}

/**
 * The customer's segment and saved segments after their aggregates moved, inside the transaction
 * that moved them, so the profile, its segments, the history entry and the events commit together
 * or not at all. `saved` are the tenant's active saved segments (loaded once per event, cached).
 */
export function segmentInTx(
  orgId: string,
  customer: Customer,
  thresholds: SegmentThresholds,
  now: Date,
  cause: 'order' | 'refund',
  key: string,
  saved: readonly SavedSegmentRef[] = [],
): SegmentInTx {
  const change = recomputeSegment(customer, thresholds, now, cause satisfies SegmentCause, key);
  const withSaved = applySavedSegments(change.customer, saved, now, cause, key);
  return {
    customer: withSaved.customer,
    events: [...(change.event ? [change.event] : []), ...withSaved.events],
    write: (tx) => {
      if (change.entry) tx.set(tenantDb(orgId).segmentHistory(customer.id).doc(change.entry.id), change.entry);
    },
  };
}
