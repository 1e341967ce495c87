import { MINUTE } from '@/domain/clock';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { LineItem } from '@/domain/order';
import { stableId, type Checkout } from '@/domain/signals/records';
import type { CheckoutInput } from '@/domain/signals/signal';
import { lineItemData } from '@/domain/signals/event-builders';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { signalSettingsOrDefault } from '../integrations/signal-settings';
import { timed } from '../stage-timer';
import { identityLocks, identityRefs, resolveInTx, type IdentityPlan } from './identity';
import { alreadyRecorded, recordEventsInTx, type EventRecording, type RecordedEvents } from './record-event';
import { signalLocks, type SignalContext } from './signal-context';

export function checkoutIdFor(token: string): string {
  return stableId('chk', token);
}

/**
 * Keeps one document per checkout, in one transaction with the customer it names and its event.
 * An open checkout is due for the abandonment check the tenant's delay after its last activity;
 * a completed one (or one whose order already arrived, whatever the order of delivery) is never
 * abandoned.
 */
export async function applyCheckout(
  ctx: SignalContext,
  o: { input: CheckoutInput; eventId: string; identity: IdentityPlan | null; lineItems: Promise<LineItem[]>; occurredAt: Date },
  rec: EventRecording,
  toEvents: (checkout: Checkout) => CanonicalEvent[],
): Promise<RecordedEvents> {
  const { input, identity, occurredAt } = o;
  const tdb = tenantDb(ctx.orgId);
  const id = checkoutIdFor(input.token);
  return signalLocks.run([`checkout:${ctx.orgId}:${id}`, ...identityLocks(ctx.orgId, identity)], () =>
    timed('apply', () =>
      firestore().runTransaction(async (tx) => {
        const now = ctx.clock.now();
        const idRefs = identity ? identityRefs(ctx.orgId, identity) : [];
        const snaps = await tx.getAll(tdb.events.doc(o.eventId), tdb.checkouts.doc(id), tdb.signalSettings.doc('current'), ...idRefs);
        if (snaps[0]!.exists) return alreadyRecorded([snaps[0]!.data() as never]);
        const settings = signalSettingsOrDefault(snaps[2]!.data() as never);
        const resolved = identity ? await resolveInTx(tx, { orgId: ctx.orgId, source: ctx.source, now }, identity, snaps.slice(3)) : null;
        const customerId = resolved?.customer.id ?? null;
        // An order that completed this checkout has already marked it (see applyOrder), whichever came first.
        const existing = (snaps[1]!.data() as Checkout | undefined) ?? null;
        const lineItems = await o.lineItems;
        const orderId = existing?.orderId ?? null;
        const lastActivityAt = existing && existing.lastActivityAt > occurredAt ? existing.lastActivityAt : occurredAt;
        const completed = !!orderId || !!input.completedAt || existing?.status === 'completed';
        const status = completed ? 'completed' : (existing?.status ?? 'open');
        const checkout: Checkout = {
          id,
          token: input.token,
          source: ctx.source,
          customerId: customerId ?? existing?.customerId ?? null,
          email: input.customer?.email ?? existing?.email ?? null,
          phone: input.customer?.phone ?? existing?.phone ?? null,
          lineItems: lineItems.length || !existing ? lineItems.map(lineItemData) : existing.lineItems,
          totalCents: input.totalCents,
          recoveryUrl: input.recoveryUrl ?? existing?.recoveryUrl ?? null,
          startedAt: existing?.startedAt ?? input.startedAt,
          lastActivityAt,
          status,
          orderId,
          abandonCheckAt: status === 'open' ? new Date(lastActivityAt.getTime() + settings.abandonedCheckoutDelayMinutes * MINUTE) : null,
          abandonedAt: existing?.abandonedAt ?? null,
          updatedAt: now,
        };
        resolved?.write(tx, resolved.customer);
        tx.set(tdb.checkouts.doc(id), checkout);
        return {
          ...(await recordEventsInTx(tx, ctx.orgId, toEvents(checkout), rec, now)),
          customer: resolved?.customer ?? (customerId ? undefined : null),
        };
      }),
    ),
  );
}
