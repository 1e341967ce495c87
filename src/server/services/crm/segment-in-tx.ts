import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { recomputeSegment, type SegmentCause } from '@/domain/crm/segment-change';
import type { SegmentThresholds } from '@/domain/crm/segments';
import { tenantDb } from '../../db/tenant-db';

export interface SegmentInTx {
  /** The customer with segment, reason and since set; the same object when nothing changed. */
  customer: Customer;
  /** customer.segment_changed when the segment changed, to store with the cause's own event. */
  events: CanonicalEvent[];
  /** Queues the history entry (after the transaction's reads); the caller writes the customer. */
  write: (tx: Transaction) => void;
}

/**
 * The customer's segment after their aggregates moved, inside the transaction that moved them,
 * so the profile, its segment, the history entry and the event commit together or not at all.
 */
export function segmentInTx(orgId: string, customer: Customer, thresholds: SegmentThresholds, now: Date, cause: SegmentCause, key: string): SegmentInTx {
  const change = recomputeSegment(customer, thresholds, now, cause, key);
  return {
    customer: change.customer,
    events: change.event ? [change.event] : [],
    write: (tx) => {
      if (change.entry) tx.set(tenantDb(orgId).segmentHistory(customer.id).doc(change.entry.id), change.entry);
    },
  };
}
