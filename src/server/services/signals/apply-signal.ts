import type { Transaction, WriteBatch } from 'firebase-admin/firestore';
import { canonicalEventId, makeEvent, type CanonicalEvent, type EventKeys } from '@/domain/events/canonical-event';
import type { InventoryData } from '@/domain/events/event-data';
import { checkoutData, customerData, orderData, productData, refundData, unknownProductData } from '@/domain/signals/event-builders';
import type { BehaviourInput, Signal } from '@/domain/signals/signal';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { settleOrderAnalytics } from '../analytics/settle-order-analytics';
import { redeemOrderCoupons } from '../loyalty/redeem-coupon';
import { applyOrderReferral } from '../loyalty/referrals';
import { createNotification } from '../notifications/create-notification';
import { listenerRegistry } from '../playbooks/engine/listener-registry';
import { planRunStartsInTx } from '../playbooks/engine/plan-run-starts';
import { timed } from '../stage-timer';
import { applyCheckout } from './apply-checkout';
import { applyInventory, type AppliedInventory } from './apply-inventory';
import { applyOrder, orderIdFor } from './apply-order';
import { applyProduct, deactivateProduct } from './apply-product';
import { applyRefund } from './apply-refund';
import { identityLocks, identityRefs, planIdentity, resolveInTx, type IdentityPlan } from './identity';
import { findProducts, linkLineItems } from './link-products';
import { alreadyRecorded, recordEventsInBatch, recordEventsInTx, type EventRecording, type RecordedEvents } from './record-event';
import { signalLocks, type SignalContext } from './signal-context';

export type { RecordedEvents } from './record-event';

export interface ApplyOptions {
  deliveryId: string | null;
  /** Writes the delivery's outcome with the signal's own commit when nothing is left after it. */
  finish?: (w: Transaction | WriteBatch, events: CanonicalEvent[]) => boolean;
}

const keysOf = (k: EventKeys): EventKeys => Object.fromEntries(Object.entries(k).filter(([, v]) => !!v)) as EventKeys;

/**
 * Applies one signal's effects and stores the events it produced (the signal's own event last),
 * in as few round trips as it can: everything it needs to look up first (the listener registry,
 * the person's identity keys, the products of its line items) in one, then its effects and its
 * events in one transaction. An event already stored means the signal was fully applied before:
 * nothing is written again, and the stored events are returned for dispatch if they need it.
 * A profile it creates is queued in that transaction for the tick's duplicate check (identity.ts).
 */
export async function applySignal(ctx: SignalContext, signal: Signal, o: ApplyOptions): Promise<RecordedEvents> {
  const id = canonicalEventId(ctx.source, signal.eventKey);
  const base = { id, occurredAt: signal.occurredAt, receivedAt: ctx.receivedAt, source: ctx.source };
  const person =
    signal.kind === 'customer'
      ? signal.customer
      : signal.kind === 'order'
        ? signal.order.customer
        : signal.kind === 'checkout'
          ? signal.checkout.customer
          : null;
  const items = signal.kind === 'order' ? signal.order.lineItems : signal.kind === 'checkout' ? signal.checkout.lineItems : [];
  // Looked up while the transaction reads (the registry is usually in memory).
  const registry = listenerRegistry(ctx.orgId);
  const lineItems = linkLineItems(ctx.orgId, items);
  for (const p of [registry, lineItems]) p.catch(() => undefined);
  const identity = person ? planIdentity(person, signal.kind === 'customer' ? 'profile' : 'reference') : null;
  const rec: EventRecording = { deliveryId: o.deliveryId, registry, finish: o.finish };

  switch (signal.kind) {
    case 'customer': {
      if (!identity) throw new Error(`${signal.name} names no customer id, phone or email.`);
      return inCustomerTx(ctx, id, identity, rec, (c, isNew) => [
        makeEvent({ ...base, name: signal.name, customerId: c.id, keys: { customerId: c.id }, data: { customer: customerData(c, isNew) } }),
      ]);
    }
    case 'order': {
      const { applied, recorded } = await applyOrder(ctx, { input: signal.order, eventId: id, identity, lineItems }, rec, (applied) => {
        const ord = applied.order;
        const keys = keysOf({ orderId: ord.id, customerId: ord.customerId ?? undefined, checkoutToken: ord.checkoutToken ?? undefined });
        const common = { ...base, customerId: ord.customerId, keys };
        return [
          ...(applied.points?.events(id) ?? []),
          ...applied.segmentEvents,
          signal.name === 'order.created'
            ? makeEvent({ ...common, name: 'order.created', data: { order: orderData(ord) } })
            : makeEvent({ ...common, name: 'order.updated', data: { order: orderData(ord), previousStatus: applied.previousStatus } }),
        ];
      });
      // Loyalty coupons the order carries are used by it. Idempotent on the order, and run on a
      // redelivery too, so a crash between the order's commit and this step heals on the retry;
      // refusals are reported, never thrown.
      await redeemOrderCoupons(ctx, { id: orderIdFor(signal.order.externalId), status: signal.order.status, discountCodes: signal.order.discountCodes });
      // The same for referrals: a code among the discount codes links the customer, and their first
      // purchase credits both sides, once. Skipped without a read for the usual order: a customer
      // who was not referred and no codes (a redelivery, which does not know, checks).
      const owner = recorded.customer;
      if (owner === undefined || owner?.referredBy || signal.order.discountCodes?.length)
        await applyOrderReferral(ctx, { orderId: orderIdFor(signal.order.externalId), discountCodes: signal.order.discountCodes });
      // Which message or code earned it, and the A/B splits measuring its customer: after dispatch,
      // and rerun by a redelivery, so a failure is retried by the sender like the steps above.
      const orderId = orderIdFor(signal.order.externalId);
      // An order this signal created passes what its commit knows, so a customer no message or
      // split can have earned it from costs no read (domain/analytics/touch-marks.ts).
      const created = applied && applied.previousStatus === null ? { order: applied.order, customer: applied.customer } : undefined;
      return { ...recorded, afterDispatch: () => settleOrderAnalytics(ctx, orderId, { discountCodes: signal.order.discountCodes, created }) };
    }
    case 'refund': {
      const recorded = await applyRefund(ctx, signal.refund, id, rec, ({ order, refund, points, segmentEvents }) => {
        const keys = keysOf({ orderId: order.id, customerId: order.customerId ?? undefined });
        return [
          ...(points?.events(id) ?? []),
          ...segmentEvents,
          makeEvent({ ...base, name: 'order.refunded', customerId: order.customerId, keys, data: { order: orderData(order), refund: refundData(refund) } }),
        ];
      });
      // The refund comes off the order's attributed revenue and its A/B split revenue (rerun on a redelivery).
      const orderId = orderIdFor(signal.refund.orderExternalId);
      return { ...recorded, afterDispatch: () => settleOrderAnalytics(ctx, orderId) };
    }
    case 'checkout':
      return applyCheckout(ctx, { input: signal.checkout, eventId: id, identity, lineItems, occurredAt: signal.occurredAt }, rec, (checkout) => {
        const keys = keysOf({ checkoutToken: checkout.token, customerId: checkout.customerId ?? undefined });
        return [makeEvent({ ...base, name: signal.name, customerId: checkout.customerId, keys, data: { checkout: checkoutData(checkout) } })];
      });
    case 'behaviour': {
      const b = signal.behaviour;
      const plan = b.customer ? planIdentity(b.customer, 'reference') : null;
      const product = await behaviourProduct(ctx, b);
      const make = (customerId: string | null) => behaviourEvent(signal, base, customerId, product);
      if (plan) return inCustomerTx(ctx, id, plan, rec, (c) => [make(c.id)]);
      return recordOnce(ctx, id, rec, async () => [make(null)]);
    }
    case 'product':
      return recordOnce(ctx, id, rec, async () => {
        const product = await timed('apply', () => applyProduct(ctx, signal.product));
        return [makeEvent({ ...base, name: 'product.updated', customerId: null, keys: { productId: product.id }, data: { product: productData(product) } })];
      });
    case 'product_deleted':
      return recordOnce(ctx, id, rec, async () => {
        const product = await timed('apply', () => deactivateProduct(ctx, signal.product));
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
      });
    case 'inventory':
      return recordOnce(ctx, id, rec, async () => {
        const applied = await timed('apply', () => applyInventory(ctx, signal.inventory, signal.occurredAt));
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
      });
  }
}

/** A signal about a person alone (a profile update, a visit): the profile, its keys and the event in one transaction. */
function inCustomerTx(
  ctx: SignalContext,
  eventId: string,
  identity: IdentityPlan,
  rec: EventRecording,
  toEvents: (customer: import('@/domain/customer').Customer, isNew: boolean) => CanonicalEvent[],
): Promise<RecordedEvents> {
  const tdb = tenantDb(ctx.orgId);
  return signalLocks.run(identityLocks(ctx.orgId, identity), () =>
    timed('apply', () =>
      firestore().runTransaction(async (tx) => {
        const now = ctx.clock.now();
        const snaps = await tx.getAll(tdb.events.doc(eventId), ...identityRefs(ctx.orgId, identity));
        if (snaps[0]!.exists) return alreadyRecorded([snaps[0]!.data() as never]);
        const resolved = await resolveInTx(tx, { orgId: ctx.orgId, source: ctx.source, now }, identity, snaps.slice(1));
        const events = toEvents(resolved.customer, resolved.isNew);
        // A welcome's run starts in this commit (planned before the writes: it may read key records).
        const plan = await planRunStartsInTx(tx, ctx, {
          events,
          registry: await rec.registry,
          customer: resolved.customer,
          newKeys: { customerId: resolved.isNew ? resolved.customer.id : null },
        });
        resolved.write(tx, resolved.customer);
        return { ...(await recordEventsInTx(tx, ctx.orgId, events, rec, now, plan)), customer: resolved.customer };
      }),
    ),
  );
}

/**
 * Signals whose effects have a transaction of their own (products, stock) or none: an event
 * already stored means they were applied; otherwise apply them, then store the events in one batch.
 */
async function recordOnce(ctx: SignalContext, eventId: string, rec: EventRecording, apply: () => Promise<CanonicalEvent[]>): Promise<RecordedEvents> {
  const stored = await timed('read', () => tenantDb(ctx.orgId).events.get(eventId));
  if (stored) return alreadyRecorded([stored]);
  const events = await apply();
  return timed('record', () => recordEventsInBatch(ctx.orgId, events, rec, ctx.clock.now()));
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

async function behaviourProduct(ctx: SignalContext, b: BehaviourInput) {
  if (!b.product) return null;
  const { bySku, byExternal } = await timed('read', () =>
    findProducts(ctx.orgId, [{ sku: b.product!.sku, externalIds: b.product!.externalId ? [b.product!.externalId] : [] }]),
  );
  const known = (b.product.sku ? bySku.get(b.product.sku) : undefined) ?? (b.product.externalId ? byExternal.get(b.product.externalId) : undefined);
  return known ? productData(known) : unknownProductData(b.product);
}

function behaviourEvent(
  signal: Extract<Signal, { kind: 'behaviour' }>,
  base: { id: string; occurredAt: Date; receivedAt: Date; source: SignalContext['source'] },
  customerId: string | null,
  product: ReturnType<typeof productData> | null,
): CanonicalEvent {
  const b: BehaviourInput = signal.behaviour;
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
