import type { Transaction } from 'firebase-admin/firestore';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';

export { balanceData } from '@/domain/loyalty/loyalty-events';

/**
 * Stores a derived event in the caller's transaction, undispatched, as cart.abandoned does: the
 * event and the effect it reports commit together, and its deterministic id makes a second
 * attempt fail rather than store it twice (callers read the id first and skip).
 */
export function storeEventInTx(tx: Transaction, orgId: string, event: CanonicalEvent, now: Date) {
  const events = tenantDb(orgId).events;
  tx.create(events.doc(event.id), events.parse({ ...event, deliveryId: null, processedAt: now, dispatchedAt: null }));
}

/** Hands stored events to playbooks; one that fails stays undispatched for the re-dispatch tick. */
export async function dispatchLoyaltyEvents(ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'log'>, events: readonly CanonicalEvent[]) {
  for (const event of events) {
    try {
      await triggerPlaybooksForEvent({ orgId: ctx.orgId, actor: systemActor('loyalty'), clock: ctx.clock, log: ctx.log }, event, { stored: true });
    } catch (err) {
      ctx.log?.error({ err, eventId: event.id, name: event.name }, 'dispatching a loyalty event failed; the tick will retry');
    }
  }
}
