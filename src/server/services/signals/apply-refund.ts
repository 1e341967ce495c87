import type { Order } from '@/domain/order';
import { baseStatusOf, settleRefunds } from '@/domain/signals/order-status';
import type { RefundRecord } from '@/domain/signals/records';
import type { RefundInput } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { orderIdFor } from './apply-order';
import { prepareStatsRecompute } from './customer-stats-in-tx';
import { NotReadyError, signalLocks, type SignalContext } from './signal-context';

/**
 * Records a refund once (keyed on the sender's refund id, so the same refund reported by
 * refunds/create and again inside orders/updated counts once), then recomputes the order's
 * refunded amount and status and the customer's aggregates in the same transaction. A refund for
 * an order we have not seen yet fails and is retried later, when the order has arrived.
 */
export async function applyRefund(ctx: SignalContext, input: RefundInput): Promise<{ order: Order; refund: RefundRecord }> {
  const tdb = tenantDb(ctx.orgId);
  const orderId = orderIdFor(input.orderExternalId);
  const now = ctx.clock.now();
  const peek = await tdb.orders.get(orderId);
  if (!peek) throw new NotReadyError(`Order ${input.orderExternalId} is not known yet; the refund will be retried once it arrives.`);
  return signalLocks.run([`order:${ctx.orgId}:${orderId}`, `customer:${ctx.orgId}:${peek.customerId ?? '-'}`], () =>
    firestore().runTransaction(async (tx) => {
      const order = (await tx.get(tdb.orders.doc(orderId))).data();
      if (!order) throw new NotReadyError(`Order ${input.orderExternalId} is not known yet.`);
      const refunds = [...((await tx.get(tdb.refunds.doc(orderId))).data()?.refunds ?? [])];
      const applyStats = await prepareStatsRecompute(tx, ctx.orgId, [order.customerId]);
      let refund = refunds.find((r) => r.externalId === input.externalId);
      if (!refund) {
        refund = { externalId: input.externalId, amountCents: input.amountCents, reason: input.reason, refundedAt: input.refundedAt, recordedAt: now };
        refunds.push(refund);
        tx.set(tdb.refunds.doc(orderId), { id: orderId, refunds, updatedAt: now });
      }
      const settled = settleRefunds(
        baseStatusOf(order.status),
        order.totalCents,
        refunds.reduce((s, r) => s + r.amountCents, 0),
      );
      const updated: Order = { ...order, status: settled.status, refundedCents: settled.refundedCents, updatedAt: now };
      tx.set(tdb.orders.doc(orderId), updated);
      applyStats([updated], now);
      return { order: updated, refund };
    }),
  );
}
