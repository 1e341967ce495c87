import { canonicalEventId, makeEvent, type CanonicalEvent } from '@/domain/events/canonical-event';
import type { Customer } from '@/domain/customer';
import { expiresAtFor } from '@/domain/loyalty/earning';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { customerData } from '@/domain/signals/event-builders';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { openLedger } from './ledger-in-tx';
import { dispatchLoyaltyEvents, storeEventInTx } from './loyalty-events';
import { loyaltyProgramme } from './loyalty-settings';
import { loyaltyLocks } from './post-points';

export type CustomerDay = { kind: 'birthday'; year: number } | { kind: 'anniversary'; year: number; years: number };

const ACTORS: Record<CustomerDay['kind'], LedgerActor> = {
  birthday: { kind: 'system', id: 'system:loyalty-birthday', name: 'Birthday job' },
  anniversary: { kind: 'system', id: 'system:loyalty-anniversary', name: 'Anniversary job' },
};

/**
 * A customer's birthday or anniversary, once a year: the programme's bonus (if any) as a
 * `birthday:{customerId}:{year}` / `anniversary:{customerId}:{year}` line and the
 * customer.birthday / customer.anniversary event, in one transaction. The event's id comes from
 * the same key, so a rerun, a restart or a second instance finds it and does nothing.
 */
export async function celebrateCustomerDay(ctx: ServiceContext, customerId: string, day: CustomerDay): Promise<'celebrated' | 'already'> {
  const programme = await loyaltyProgramme(ctx);
  const tdb = tenantDb(ctx.orgId);
  const key = `${day.kind}:${customerId}:${day.year}`;
  const bonus = day.kind === 'birthday' ? programme.settings.points.birthdayBonus : programme.settings.points.anniversaryBonus;
  const eventId = canonicalEventId('bakedbot', key);
  const event = await loyaltyLocks.run([`${ctx.orgId}:${customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const [existing, customerSnap] = await Promise.all([tx.get(tdb.events.doc(eventId)), tx.get(tdb.customers.doc(customerId))]);
      const customer: Customer | undefined = customerSnap.data();
      if (existing.exists || !customer) return null;
      let awarded = 0;
      if (bonus > 0) {
        const session = await openLedger(tx, ctx.orgId, customerId, [key], programme, now);
        const r = session.post({
          key,
          posting: {
            kind: 'credit',
            type: day.kind,
            points: bonus,
            availableAt: now,
            expiresAt: expiresAtFor(now, programme.settings.points.expiryMonths, programme.timeZone),
          },
          actor: ACTORS[day.kind],
          reason: day.kind === 'birthday' ? 'Happy birthday' : `${day.years}-year anniversary`,
        });
        awarded = r.line.points;
        session.write(tx);
      }
      const e: CanonicalEvent =
        day.kind === 'birthday'
          ? makeEvent({
              ...envelope(eventId, customerId, now),
              name: 'customer.birthday',
              data: { customer: customerData(customer, false), pointsAwarded: awarded, years: null },
            })
          : makeEvent({
              ...envelope(eventId, customerId, now),
              name: 'customer.anniversary',
              data: { customer: customerData(customer, false), pointsAwarded: awarded, years: day.years },
            });
      storeEventInTx(tx, ctx.orgId, e, now);
      return e;
    }),
  );
  if (!event) return 'already';
  await dispatchLoyaltyEvents(ctx, [event]);
  return 'celebrated';
}

function envelope(id: string, customerId: string, now: Date) {
  return { id, occurredAt: now, receivedAt: now, source: 'bakedbot' as const, customerId, keys: { customerId } };
}
