import { canonicalEventId, makeEvent } from '@/domain/events/canonical-event';
import { systemActor } from '@/domain/roles';
import { checkoutData } from '@/domain/signals/event-builders';
import { CheckoutSchema, type Checkout } from '@/domain/signals/records';
import { firestore } from '../../db/firestore';
import { modelConverter } from '../../db/typed-collection';
import { tenantDb } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
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
export async function detectAbandonedCheckouts(deps: CronDeps & { orgId?: string }) {
  const { clock, log } = deps;
  const report = await workDue(deps, {
    collection: 'checkouts',
    outcomes: ['abandoned'] as const,
    pageSize: BATCH,
    concurrency: 4,
    due: (checkouts, now) =>
      checkouts.withConverter(modelConverter(CheckoutSchema, 'checkouts')).where('abandonCheckAt', '<=', now).orderBy('abandonCheckAt', 'asc'),
    async work(doc, orgId) {
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
      if (!result) return null;
      await triggerPlaybooksForEvent({ orgId, actor: systemActor('signals'), clock, log }, result.event, { stored: true });
      return 'abandoned';
    },
  });
  return { due: report.due, abandoned: report.abandoned, errors: report.errors, leftForNextTick: report.leftForNextTick };
}
