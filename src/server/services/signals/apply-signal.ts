import { canonicalEventId, makeEvent, type CanonicalEvent, type EventKeys } from '@/domain/events/canonical-event';
import type { InventoryData } from '@/domain/events/event-data';
import { checkoutData, customerData, orderData, productData, refundData, unknownProductData } from '@/domain/signals/event-builders';
import type { BehaviourInput, Signal } from '@/domain/signals/signal';
import { toCanonicalEvent } from '@/domain/events/stored-event';
import { tenantDb } from '../../db/tenant-db';
import { redeemOrderCoupons } from '../loyalty/redeem-coupon';
import { createNotification } from '../notifications/create-notification';
import { applyCheckout } from './apply-checkout';
import { applyInventory, type AppliedInventory } from './apply-inventory';
import { applyOrder } from './apply-order';
import { applyProduct, deactivateProduct } from './apply-product';
import { applyRefund } from './apply-refund';
import { findProducts } from './link-products';
import { resolveCustomer } from './resolve-customer';
import type { SignalContext } from './signal-context';

/**
 * Applies one signal's effects (each idempotent) and returns the canonical events it produced,
 * the signal's own event last. An event already stored means the signal was fully applied
 * before: its effects are skipped and the stored events are returned for dispatch.
 */
export async function applySignal(ctx: SignalContext, signal: Signal): Promise<CanonicalEvent[]> {
  const id = canonicalEventId(ctx.source, signal.eventKey);
  const events = tenantDb(ctx.orgId).events;
  const stored = await events.get(id);
  if (stored) return [toCanonicalEvent(stored)];
  const base = { id, occurredAt: signal.occurredAt, receivedAt: ctx.receivedAt, source: ctx.source };
  const keysOf = (k: EventKeys): EventKeys => Object.fromEntries(Object.entries(k).filter(([, v]) => !!v)) as EventKeys;

  switch (signal.kind) {
    case 'customer': {
      const resolved = await resolveCustomer(ctx, signal.customer, 'profile');
      if (!resolved) throw new Error(`${signal.name} names no customer id, phone or email.`);
      const c = resolved.customer;
      return [makeEvent({ ...base, name: signal.name, customerId: c.id, keys: { customerId: c.id }, data: { customer: customerData(c, resolved.isNew) } })];
    }
    case 'order': {
      const resolved = signal.order.customer ? await resolveCustomer(ctx, signal.order.customer, 'reference') : null;
      const applied = await applyOrder(ctx, signal.order, resolved?.customer.id ?? null);
      const o = applied.order;
      // Loyalty coupons the order carries are used by it (idempotent on the order; refusals are reported, never thrown).
      await redeemOrderCoupons(ctx, { id: o.id, status: o.status, discountCodes: signal.order.discountCodes });
      const keys = keysOf({ orderId: o.id, customerId: o.customerId ?? undefined, checkoutToken: o.checkoutToken ?? undefined });
      const common = { ...base, customerId: o.customerId, keys };
      return [
        signal.name === 'order.created'
          ? makeEvent({ ...common, name: 'order.created', data: { order: orderData(o) } })
          : makeEvent({ ...common, name: 'order.updated', data: { order: orderData(o), previousStatus: applied.previousStatus } }),
      ];
    }
    case 'refund': {
      const { order, refund } = await applyRefund(ctx, signal.refund);
      const keys = keysOf({ orderId: order.id, customerId: order.customerId ?? undefined });
      return [
        makeEvent({ ...base, name: 'order.refunded', customerId: order.customerId, keys, data: { order: orderData(order), refund: refundData(refund) } }),
      ];
    }
    case 'checkout': {
      const resolved = signal.checkout.customer ? await resolveCustomer(ctx, signal.checkout.customer, 'reference') : null;
      const checkout = await applyCheckout(ctx, signal.checkout, resolved?.customer.id ?? null, signal.occurredAt);
      const keys = keysOf({ checkoutToken: checkout.token, customerId: checkout.customerId ?? undefined });
      return [makeEvent({ ...base, name: signal.name, customerId: checkout.customerId, keys, data: { checkout: checkoutData(checkout) } })];
    }
    case 'product': {
      const product = await applyProduct(ctx, signal.product);
      return [makeEvent({ ...base, name: 'product.updated', customerId: null, keys: { productId: product.id }, data: { product: productData(product) } })];
    }
    case 'product_deleted': {
      const product = await deactivateProduct(ctx, signal.product);
      const data = product ? productData(product) : unknownProductData(signal.product);
      return [
        makeEvent({
          ...base,
          name: 'product.deleted',
          customerId: null,
          keys: keysOf({ productId: product?.id }),
          data: { product: { ...data, active: false } },
        }),
      ];
    }
    case 'inventory': {
      const applied = await applyInventory(ctx, signal.inventory, signal.occurredAt);
      const data = inventoryData(applied, signal);
      const keys = keysOf({ productId: applied.product?.id });
      const own = makeEvent({ ...base, name: signal.name, customerId: null, keys, data });
      const out: CanonicalEvent[] = [];
      if (signal.name === 'inventory.updated' && applied.crossedLowStock) {
        out.push(
          makeEvent({ ...base, id: canonicalEventId(ctx.source, `${signal.eventKey}:low_stock`), name: 'inventory.low_stock', customerId: null, keys, data }),
        );
      }
      out.push(own);
      for (const e of out) if (e.name === 'inventory.low_stock') await notifyLowStock(ctx, e.id, data);
      return out;
    }
    case 'behaviour':
      return [await behaviourEvent(ctx, signal, base)];
  }
}

function inventoryData(applied: AppliedInventory, signal: Extract<Signal, { kind: 'inventory' }>): InventoryData {
  return {
    product: applied.product ? productData(applied.product) : unknownProductData(signal.inventory.product, signal.inventory.productName),
    locationId: applied.locationId,
    quantity: applied.quantity,
    previousQuantity: applied.previousQuantity,
    lowStockThreshold: applied.threshold,
  };
}

async function notifyLowStock(ctx: SignalContext, eventId: string, data: InventoryData) {
  const where = data.locationId ? ` at ${data.locationId}` : '';
  await createNotification(ctx, {
    kind: 'low_stock',
    severity: data.quantity <= 0 ? 'critical' : 'warning',
    // Stock counts, no money: the counter needs to know.
    audience: 'all_staff',
    title: `Low stock: ${data.product.name}`,
    body: `${data.quantity} left${where} (alert at ${data.lowStockThreshold}).${data.product.sku ? ` SKU ${data.product.sku}.` : ''}`,
    link: null,
    sourceId: eventId,
    dedupeKey: eventId,
  });
}

async function behaviourEvent(
  ctx: SignalContext,
  signal: Extract<Signal, { kind: 'behaviour' }>,
  base: { id: string; occurredAt: Date; receivedAt: Date; source: SignalContext['source'] },
): Promise<CanonicalEvent> {
  const b: BehaviourInput = signal.behaviour;
  const resolved = b.customer ? await resolveCustomer(ctx, b.customer, 'reference') : null;
  const customerId = resolved?.customer.id ?? null;
  let product = b.product ? unknownProductData(b.product) : null;
  if (b.product) {
    const { bySku, byExternal } = await findProducts(ctx.orgId, [{ sku: b.product.sku, externalIds: b.product.externalId ? [b.product.externalId] : [] }]);
    const known = (b.product.sku ? bySku.get(b.product.sku) : undefined) ?? (b.product.externalId ? byExternal.get(b.product.externalId) : undefined);
    if (known) product = productData(known);
  }
  const context = { anonymousId: b.anonymousId, url: b.url, locationId: b.locationId };
  const common = { ...base, customerId, keys: Object.fromEntries(Object.entries({ customerId, productId: product?.id }).filter(([, v]) => !!v)) as EventKeys };
  const p = product ?? unknownProductData({ externalId: null, sku: null, name: null, category: null, priceCents: null });
  switch (signal.name) {
    case 'cart.item_added':
    case 'cart.item_removed':
      return makeEvent({ ...common, name: signal.name, data: { product: p, quantity: b.quantity ?? 1, cartId: b.cartId, context } });
    case 'product.viewed':
    case 'wishlist.added':
      return makeEvent({ ...common, name: signal.name, data: { product: p, context } });
    case 'menu.viewed':
      return makeEvent({ ...common, name: 'menu.viewed', data: { menu: { name: b.menuName }, context } });
    case 'product.searched':
      return makeEvent({ ...common, name: 'product.searched', data: { query: b.query ?? '', resultCount: b.resultCount, context } });
    case 'review.posted':
      return makeEvent({ ...common, name: 'review.posted', data: { product: p, rating: b.rating ?? 5, title: b.title, body: b.body, context } });
  }
}
