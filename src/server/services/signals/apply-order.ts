import type { Order, OrderSource, OrderStatus } from '@/domain/order';
import { baseStatusOf, settleRefunds } from '@/domain/signals/order-status';
import { lineItemData } from '@/domain/signals/event-builders';
import { stableId, type Checkout } from '@/domain/signals/records';
import type { OrderInput } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { prepareStatsRecompute } from './customer-stats-in-tx';
import { linkLineItems } from './link-products';
import { signalLocks, type SignalContext } from './signal-context';

export interface AppliedOrder {
  order: Order;
  previousStatus: OrderStatus | null;
  /** The sender's copy was older than ours, so only the customer link was applied. */
  stale: boolean;
}

const ORDER_SOURCE: Partial<Record<SignalContext['source'], OrderSource>> = {
  alleaves: 'alleaves',
  shopify: 'shopify',
  woocommerce: 'woocommerce',
  standard: 'standard',
  track_api: 'standard',
};

function completedCheckoutStub(ctx: SignalContext, id: string, token: string, order: Order, now: Date): Checkout {
  return {
    id,
    token,
    source: ctx.source,
    customerId: order.customerId,
    email: null,
    phone: null,
    lineItems: order.lineItems.map(lineItemData),
    totalCents: order.totalCents,
    recoveryUrl: null,
    startedAt: order.placedAt,
    lastActivityAt: order.placedAt,
    status: 'completed',
    orderId: order.id,
    abandonCheckAt: null,
    abandonedAt: null,
    updatedAt: now,
  };
}

export function orderIdFor(externalId: string): string {
  return stableId('ord', externalId);
}

/**
 * Creates or updates an order and, in the same transaction, its customer's aggregates. Keyed on
 * the sender's order id, so a redelivery rewrites the same document; an older copy (an
 * order.created arriving after its order.updated) never overwrites a newer one; refunds we
 * already hold are applied whichever came first. A checkout this order completes is closed.
 */
export async function applyOrder(ctx: SignalContext, input: OrderInput, customerId: string | null): Promise<AppliedOrder> {
  const tdb = tenantDb(ctx.orgId);
  const lineItems = await linkLineItems(ctx.orgId, input.lineItems);
  const id = orderIdFor(input.externalId);
  const checkoutId = input.checkoutToken ? stableId('chk', input.checkoutToken) : null;
  const now = ctx.clock.now();
  return signalLocks.run([`order:${ctx.orgId}:${id}`, `customer:${ctx.orgId}:${customerId ?? '-'}`], () =>
    firestore().runTransaction(async (tx) => {
      const [orderSnap, refundsSnap, checkoutSnap] = await Promise.all([
        tx.get(tdb.orders.doc(id)),
        tx.get(tdb.refunds.doc(id)),
        checkoutId ? tx.get(tdb.checkouts.doc(checkoutId)) : null,
      ]);
      const existing = orderSnap.data() ?? null;
      const refunds = refundsSnap.data()?.refunds ?? [];
      const checkout = checkoutSnap?.data() ?? null;
      const ownerId = customerId ?? existing?.customerId ?? null;
      const applyStats = await prepareStatsRecompute(tx, ctx.orgId, [ownerId, existing?.customerId]);

      const stale = !!(existing?.sourceUpdatedAt && input.updatedAt && input.updatedAt < existing.sourceUpdatedAt);
      let order: Order;
      if (existing && stale) {
        order = { ...existing, customerId: existing.customerId ?? customerId, updatedAt: now };
      } else {
        const refundsCents = refunds.reduce((s, r) => s + r.amountCents, 0);
        const settled = settleRefunds(baseStatusOf(input.status), input.totalCents, refundsCents);
        order = {
          id,
          customerId: ownerId,
          locationId: input.locationId ?? existing?.locationId ?? null,
          source: ORDER_SOURCE[ctx.source] ?? 'manual',
          externalId: input.externalId,
          status: settled.status,
          lineItems,
          subtotalCents: input.subtotalCents,
          discountCents: input.discountCents,
          taxCents: input.taxCents,
          totalCents: input.totalCents,
          refundedCents: settled.refundedCents,
          placedAt: input.placedAt,
          number: input.number,
          checkoutToken: input.checkoutToken,
          sourceUpdatedAt: input.updatedAt ?? existing?.sourceUpdatedAt ?? null,
          createdAt: existing?.createdAt ?? now,
          updatedAt: now,
        };
      }
      tx.set(tdb.orders.doc(id), order);
      if (checkout && checkout.status !== 'completed') {
        tdb.checkouts.updateIn(tx, checkout.id, {
          status: 'completed',
          orderId: id,
          abandonCheckAt: null,
          customerId: checkout.customerId ?? order.customerId,
          updatedAt: now,
        });
      } else if (!checkout && checkoutId && input.checkoutToken) {
        // The order came first: record its checkout as completed, so a late checkout event never abandons it.
        tx.set(tdb.checkouts.doc(checkoutId), completedCheckoutStub(ctx, checkoutId, input.checkoutToken, order, now));
      }
      applyStats([order], now);
      return { order, previousStatus: existing?.status ?? null, stale };
    }),
  );
}
