import type { DocumentReference } from 'firebase-admin/firestore';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { Customer } from '@/domain/customer';
import type { Order } from '@/domain/order';
import { baseStatusOf, settleRefunds } from '@/domain/signals/order-status';
import type { RefundRecord } from '@/domain/signals/records';
import type { RefundInput } from '@/domain/signals/signal';
import { mergeDelta, orderDelta, segmentChangesDelta } from '@/domain/analytics/rollup';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from '../loyalty/loyalty-settings';
import { orderPointsInTx, withPoints, type OrderPointsResult } from '../loyalty/order-points-in-tx';
import { activeSavedSegments } from '../crm/saved-segments-cache';
import { segmentInTx } from '../crm/segment-in-tx';
import { timed } from '../stage-timer';
import { writeRollupDeltaInTx } from '../analytics/rollups-in-tx';
import { orderIdFor } from './apply-order';
import { adjustCustomerStatsInTx } from './customer-stats-in-tx';
import { alreadyRecorded, recordEventsInTx, type EventRecording, type RecordedEvents } from './record-event';
import { NotReadyError, signalLocks, type SignalContext } from './signal-context';

/**
 * Records a refund once (keyed on the sender's refund id, so the same refund reported by
 * refunds/create and again inside orders/updated counts once), then recomputes the order's
 * refunded amount and status, the customer's aggregates and stores the event, in one
 * transaction. A refund for an order we have not seen yet fails and is retried later, when the
 * order has arrived.
 */
export async function applyRefund(
  ctx: SignalContext,
  input: RefundInput,
  eventId: string,
  rec: EventRecording,
  toEvents: (applied: { order: Order; refund: RefundRecord; points: OrderPointsResult | null; segmentEvents: CanonicalEvent[] }) => CanonicalEvent[],
): Promise<RecordedEvents> {
  const tdb = tenantDb(ctx.orgId);
  const orderId = orderIdFor(input.orderExternalId);
  // Read once outside: an unknown order fails fast, and its customer is read with the rest below.
  const peek = await timed('read', () => tdb.orders.get(orderId));
  if (!peek) throw new NotReadyError(`Order ${input.orderExternalId} is not known yet; the refund will be retried once it arrives.`);
  const programme = await loyaltyProgramme(ctx);
  const saved = await activeSavedSegments(ctx.orgId);
  return signalLocks.run([`order:${ctx.orgId}:${orderId}`, `customer:${ctx.orgId}:${peek.customerId ?? '-'}`], () =>
    timed('apply', () =>
      firestore().runTransaction(async (tx) => {
        const now = ctx.clock.now();
        const refs = [
          tdb.events.doc(eventId),
          tdb.orders.doc(orderId),
          tdb.refunds.doc(orderId),
          tdb.customers.doc(peek.customerId ?? '-'),
        ] as DocumentReference[];
        const [eventSnap, orderSnap, refundsSnap, customerSnap] = await tx.getAll(...refs);
        if (eventSnap!.exists) return alreadyRecorded([eventSnap!.data() as never]);
        const order = orderSnap!.data() as Order | undefined;
        if (!order) throw new NotReadyError(`Order ${input.orderExternalId} is not known yet.`);
        const customer = (
          order.customerId
            ? order.customerId === peek.customerId
              ? customerSnap!.data()
              : (await tx.get(tdb.customers.doc(order.customerId))).data()
            : undefined
        ) as Customer | undefined;
        const refunds = [...((refundsSnap!.data() as { refunds: RefundRecord[] } | undefined)?.refunds ?? [])];
        let refund = refunds.find((r) => r.externalId === input.externalId);
        const isNew = !refund;
        if (!refund) {
          refund = { externalId: input.externalId, amountCents: input.amountCents, reason: input.reason, refundedAt: input.refundedAt, recordedAt: now };
          refunds.push(refund);
        }
        const settled = settleRefunds(
          baseStatusOf(order.status),
          order.totalCents,
          refunds.reduce((s, r) => s + r.amountCents, 0),
        );
        const settledOrder: Order = { ...order, status: settled.status, refundedCents: settled.refundedCents, updatedAt: now };
        // The points the refunded share earned go back, in the same commit (docs/loyalty.md).
        const points = customer ? await orderPointsInTx(tx, ctx.orgId, programme, { before: order, after: settledOrder, now }) : null;
        const updated = points?.result.order ?? settledOrder;
        const [statsAfter] = customer ? await adjustCustomerStatsInTx(tx, ctx.orgId, [customer], [{ before: order, after: updated }], now) : [];
        const withPointsAfter = statsAfter && withPoints(statsAfter, points?.result ?? null);
        // The segment follows the aggregates in the same write (docs/crm.md).
        const segment = withPointsAfter ? segmentInTx(ctx.orgId, withPointsAfter, programme.settings.segments, now, 'refund', eventId, saved) : null;
        const customerAfter = segment?.customer ?? withPointsAfter;
        points?.write(tx);
        segment?.write(tx);
        if (isNew) tx.set(tdb.refunds.doc(orderId), { id: orderId, refunds, updatedAt: now });
        tx.set(tdb.orders.doc(orderId), updated);
        const sales = orderDelta(
          { order, refunds: refunds.length - (isNew ? 1 : 0) },
          { order: updated, refunds: refunds.length },
          [{ before: customer ?? null, after: customerAfter ?? null }],
          programme.timeZone,
        );
        writeRollupDeltaInTx(tx, ctx.orgId, mergeDelta(sales, segmentChangesDelta(segment?.events ?? [], programme.timeZone)), now);
        if (customerAfter && customer && customerAfter !== customer) tdb.customers.writeChangesIn(tx, customer, customerAfter);
        return {
          ...(await recordEventsInTx(
            tx,
            ctx.orgId,
            toEvents({ order: updated, refund, points: points?.result ?? null, segmentEvents: segment?.events ?? [] }),
            rec,
            now,
          )),
          customer: customerAfter ?? (order.customerId ? undefined : null),
        };
      }),
    ),
  );
}
