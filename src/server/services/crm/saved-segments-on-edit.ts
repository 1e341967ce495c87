import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { applySavedSegments, type SavedSegmentRef } from '@/domain/crm/saved-segment-entry';
import type { ServiceContext } from '../../context';
import { storeEventInTx } from '../loyalty/loyalty-events';
import { dispatchSegmentEvents } from './recompute-segments';

/**
 * Saved segments after a tag or consent edit, inside the edit's transaction: the patch to add to
 * the profile's own update (`savedSegmentIds`, or nothing) and the entered events, already stored
 * in the same transaction. `key` names the edit (its history entry), so a retried transaction
 * derives the same event ids.
 */
export function savedSegmentsOnEditInTx(
  tx: Transaction,
  orgId: string,
  after: Customer,
  saved: readonly SavedSegmentRef[],
  now: Date,
  key: string,
): { patch: { savedSegmentIds?: string[] }; events: CanonicalEvent[] } {
  const r = applySavedSegments(after, saved, now, 'edit', key);
  if (r.customer === after) return { patch: {}, events: [] };
  for (const event of r.events) storeEventInTx(tx, orgId, event, now);
  return { patch: { savedSegmentIds: r.customer.savedSegmentIds ?? [] }, events: r.events };
}

/** Hands the committed events to playbooks; one that fails waits for the re-dispatch tick. */
export function dispatchEditEvents(ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'log'>, events: CanonicalEvent[]) {
  return events.length ? dispatchSegmentEvents({ orgId: ctx.orgId, clock: ctx.clock, log: ctx.log }, events) : Promise.resolve();
}
