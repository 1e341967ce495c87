import type { Query } from 'firebase-admin/firestore';
import { canonicalEventId, makeEvent } from '@/domain/events/canonical-event';
import { systemActor } from '@/domain/roles';
import { checkoutData } from '@/domain/signals/event-builders';
import { CheckoutSchema, type Checkout } from '@/domain/signals/records';
import { firestore } from '../../db/firestore';
import { modelConverter } from '../../db/typed-collection';
import { tenantDb } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { triggerPlaybooksForEvent } from '../playbooks/trigger-playbooks-for-event';
import { getSignalSettings } from '../integrations/signal-settings';

const BATCH = 200;

/**
 * cart.abandoned is derived, not sent: a checkout still open with no matching order once the
 * tenant's delay (default 60 minutes) has passed since its last activity (an order carrying the
 * checkout's token closes it first, in applyOrder). The checkout's state
 * and the event are written in one transaction, so a checkout is abandoned, and its event
 * stored, exactly once; the event is then dispatched.
 */
export const detectAbandonedCheckoutsTask: CronTask = {
  name: 'signals.detect-abandoned-checkouts',
  run: (deps) => detectAbandonedCheckouts(deps),
};

/** The same work, optionally for one tenant only (the admin CLI and tests use that). */
export async function detectAbandonedCheckouts({ clock, log, deadline, orgId: only }: CronDeps & { orgId?: string }) {
  const now = clock.now();
  const source: Query = only ? firestore().collection(`tenants/${only}/checkouts`) : firestore().collectionGroup('checkouts');
  const snap = await source
    .withConverter(modelConverter(CheckoutSchema, 'checkouts'))
    .where('abandonCheckAt', '<=', now)
    .orderBy('abandonCheckAt', 'asc')
    .limit(BATCH)
    .get();
  const report = { due: snap.size, abandoned: 0 };
  for (const doc of snap.docs) {
    if (Date.now() >= deadline) break;
    const tenant = doc.ref.parent.parent;
    if (!tenant || tenant.parent.id !== 'tenants') continue;
    const orgId = tenant.id;
    const tdb = tenantDb(orgId);
    const settings = await getSignalSettings({ orgId });
    const result = await firestore().runTransaction(async (tx) => {
      const c = (await tx.get(tdb.checkouts.doc(doc.id))).data();
      const t = clock.now();
      if (!c || c.status !== 'open' || !c.abandonCheckAt || c.abandonCheckAt > t) return null;
      const abandoned: Checkout = { ...c, status: 'abandoned', abandonedAt: t, abandonCheckAt: null, updatedAt: t };
      const delayMinutes = Math.max(0, Math.round((t.getTime() - c.lastActivityAt.getTime()) / 60_000));
      const event = makeEvent({
        id: canonicalEventId('bakedbot', `abandoned:${c.id}`),
        name: 'cart.abandoned',
        occurredAt: t,
        receivedAt: t,
        source: 'bakedbot',
        customerId: c.customerId,
        keys: c.customerId ? { checkoutToken: c.token, customerId: c.customerId } : { checkoutToken: c.token },
        data: { checkout: checkoutData(abandoned), delayMinutes: Math.max(delayMinutes, settings.abandonedCheckoutDelayMinutes) },
      });
      tx.set(tdb.checkouts.doc(c.id), abandoned);
      tx.create(tdb.events.doc(event.id), { ...event, deliveryId: null, processedAt: t, dispatchedAt: null });
      return { event };
    });
    if (result) {
      report.abandoned += 1;
      await triggerPlaybooksForEvent({ orgId, actor: systemActor('signals'), clock, log }, result.event);
    }
  }
  return report;
}
