import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

export interface TriggerResult {
  /** False when this event had already been dispatched (a redelivery, a replay, a second worker). */
  dispatched: boolean;
}

/**
 * The one entry point from processed events to playbooks, called once per event after its
 * effects are committed. Dispatch is claimed in a transaction on the stored event, so under
 * redelivery, replay or concurrent workers an event is dispatched exactly once.
 *
 * The playbook engine fills in what dispatching means (look up listeners by event name, start
 * runs); until then dispatching records dispatchedAt on the event. When it does, it should start
 * runs with ids derived from the event id and the playbook, so a repeated call starts nothing
 * twice, and set dispatchedAt once they exist: a call that fails before that is repeated by the
 * delivery's retry and by the tick's re-dispatch of events left undispatched.
 */
export async function triggerPlaybooksForEvent(ctx: ServiceContext, event: CanonicalEvent): Promise<TriggerResult> {
  const events = tenantDb(ctx.orgId).events;
  const now = ctx.clock.now();
  const dispatched = await firestore().runTransaction(async (tx) => {
    const stored = (await tx.get(events.doc(event.id))).data();
    if (stored?.dispatchedAt) return false;
    if (!stored) tx.create(events.doc(event.id), { ...event, deliveryId: null, processedAt: now, dispatchedAt: now });
    else events.updateIn(tx, event.id, { dispatchedAt: now });
    return true;
  });
  if (dispatched) ctx.log?.debug({ event: 'event.dispatched', eventId: event.id, name: event.name }, 'event dispatched to playbooks');
  return { dispatched };
}
