import { canonicalEventId, makeEvent, type CanonicalEvent } from '@/domain/events/canonical-event';
import { expiryReminders } from '@/domain/loyalty/daily';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { balanceData, dispatchLoyaltyEvents, storeEventInTx } from './loyalty-events';
import type { LoyaltyProgramme } from './loyalty-settings';

/**
 * loyalty.points_expiring for one customer: one event per expiry date within the programme's
 * notice days, its id the customer and the date, so each date is noticed once across reruns and
 * restarts. Returns how many were stored now.
 */
export async function notifyPointsExpiring(ctx: ServiceContext, programme: LoyaltyProgramme, customerId: string): Promise<number> {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const account = await tdb.loyaltyAccounts.get(customerId);
  const customer = await tdb.customers.get(customerId);
  if (!account || !customer?.loyalty) return 0;
  const due = expiryReminders(account.lots, now, programme.timeZone, programme.settings.points.expiringNoticeDays);
  const stored: CanonicalEvent[] = [];
  for (const r of due) {
    const event = makeEvent({
      id: canonicalEventId('bakedbot', `expiring:${customerId}:${r.expiryDate}`),
      name: 'loyalty.points_expiring',
      occurredAt: now,
      receivedAt: now,
      source: 'bakedbot',
      customerId,
      keys: { customerId },
      data: { points: r.points, expiresAt: r.expiresAt, daysLeft: r.daysLeft, loyalty: balanceData(customer.loyalty) },
    });
    const created = await firestore().runTransaction(async (tx) => {
      if ((await tx.get(tdb.events.doc(event.id))).exists) return false;
      storeEventInTx(tx, ctx.orgId, event, now);
      return true;
    });
    if (created) stored.push(event);
  }
  await dispatchLoyaltyEvents(ctx, stored);
  return stored.length;
}
