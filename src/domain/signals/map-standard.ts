import { z } from 'zod';
import { isEventName } from '../events/catalogue';
import { categoryFromText } from './categories';
import { readPayload } from './payload-fields';
import { BEHAVIOUR_EVENTS, MappingError, type BehaviourEventName, type MapResult, type Signal } from './signal';
import {
  BehaviourDataSchema,
  StandardCheckoutSchema,
  StandardCustomerSchema,
  StandardInventorySchema,
  StandardOrderSchema,
  StandardProductRefSchema,
  StandardProductSchema,
  StandardRefundSchema,
  behaviourInput,
  standardCheckout,
  standardCustomer,
  standardLineItem,
} from './standard-input';

/** The Standard Webhooks payload: { type, timestamp, data } carrying one of our canonical events. */
export const StandardEnvelopeSchema = z.object({
  type: z.string().min(1).max(100),
  timestamp: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
  data: z.record(z.string(), z.unknown()),
});

/** Event types a custom storefront may send over Standard Webhooks (derived ones are ours alone). */
export const STANDARD_EVENT_TYPES = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.updated',
  'order.refunded',
  'checkout.started',
  'checkout.updated',
  'inventory.updated',
  'inventory.low_stock',
  'product.updated',
  'product.deleted',
  ...BEHAVIOUR_EVENTS,
] as const;

/** What the first-party track API accepts. */
export const TRACK_EVENT_TYPES = [
  'cart.item_added',
  'cart.item_removed',
  'checkout.started',
  'product.viewed',
  'menu.viewed',
  'product.searched',
  'wishlist.added',
  'review.posted',
] as const;

const NEEDS_PRODUCT: ReadonlySet<string> = new Set(['cart.item_added', 'cart.item_removed', 'product.viewed', 'wishlist.added', 'review.posted']);

/** Maps one event in our input format; `allowed` limits the names this channel may send. */
export function mapStandardEvent(input: { type: string; data: unknown; occurredAt: Date; eventKey: string; allowed: readonly string[] }): MapResult {
  const { type, data, eventKey } = input;
  const at = input.occurredAt;
  if (!input.allowed.includes(type)) {
    return { outcome: 'ignored', reason: isEventName(type) ? `"${type}" cannot be sent on this channel.` : `"${type}" is not a BakedBot event.` };
  }
  const what = `${type} data`;
  const base = { occurredAt: at, eventKey };
  let signal: Signal;
  switch (type) {
    case 'customer.created':
    case 'customer.updated': {
      const { customer } = readPayload(z.object({ customer: StandardCustomerSchema }), data, what);
      signal = { ...base, kind: 'customer', name: type, customer: standardCustomer(customer, at) };
      break;
    }
    case 'order.created':
    case 'order.updated': {
      const { order: o } = readPayload(z.object({ order: StandardOrderSchema }), data, what);
      const lineItems = o.lineItems.map(standardLineItem);
      signal = {
        ...base,
        kind: 'order',
        name: type,
        order: {
          externalId: `storefront:${o.id}`,
          number: o.number ?? null,
          status: o.status,
          lineItems,
          subtotalCents: o.subtotalCents ?? lineItems.reduce((s, li) => s + li.totalCents, 0),
          discountCents: o.discountCents ?? 0,
          taxCents: o.taxCents ?? 0,
          totalCents: o.totalCents,
          refunds: [],
          placedAt: o.placedAt,
          updatedAt: o.updatedAt ?? null,
          locationId: o.locationId ?? null,
          checkoutToken: o.checkoutToken ? `storefront:${o.checkoutToken}` : null,
          customer: o.customer ? standardCustomer(o.customer, at) : null,
        },
      };
      break;
    }
    case 'order.refunded': {
      const { refund: r } = readPayload(z.object({ refund: StandardRefundSchema }), data, what);
      const refund = {
        externalId: `storefront:${r.id}`,
        orderExternalId: `storefront:${r.orderId}`,
        amountCents: r.amountCents,
        reason: r.reason ?? null,
        refundedAt: r.refundedAt,
      };
      signal = { ...base, kind: 'refund', name: 'order.refunded', refund, eventKey: `refund:${refund.externalId}` };
      break;
    }
    case 'checkout.started':
    case 'checkout.updated': {
      const { checkout } = readPayload(z.object({ checkout: StandardCheckoutSchema }), data, what);
      signal = { ...base, kind: 'checkout', name: type, checkout: standardCheckout(checkout, at) };
      break;
    }
    case 'product.updated': {
      const { product: p } = readPayload(z.object({ product: StandardProductSchema }), data, what);
      signal = {
        ...base,
        kind: 'product',
        name: 'product.updated',
        product: {
          externalId: `storefront:${p.id}`,
          sku: p.sku ?? null,
          alsoKnownAs: [],
          name: p.name,
          brand: p.brand ?? null,
          category: categoryFromText(p.category),
          strainType: null,
          thcPercent: null,
          cbdPercent: null,
          priceCents: p.priceCents ?? null,
          active: p.active ?? true,
          stock: [],
          lowStockThreshold: p.lowStockThreshold ?? null,
          updatedAt: p.updatedAt ?? null,
        },
      };
      break;
    }
    case 'product.deleted': {
      const { product: p } = readPayload(z.object({ product: StandardProductRefSchema }), data, what);
      signal = {
        ...base,
        kind: 'product_deleted',
        name: 'product.deleted',
        product: { externalId: p.id ? `storefront:${p.id}` : null, sku: p.sku ?? null, inventoryItemId: null },
      };
      break;
    }
    case 'inventory.updated':
    case 'inventory.low_stock': {
      const { inventory: i } = readPayload(z.object({ inventory: StandardInventorySchema }), data, what);
      signal = {
        ...base,
        kind: 'inventory',
        name: type,
        inventory: {
          product: { externalId: i.productId ? `storefront:${i.productId}` : null, sku: i.sku ?? null, inventoryItemId: null },
          productName: i.name ?? null,
          locationId: i.locationId ?? null,
          quantity: i.quantity,
          previousQuantity: i.previousQuantity ?? null,
          threshold: i.threshold ?? null,
          updatedAt: i.updatedAt ?? at,
        },
      };
      break;
    }
    default: {
      const name = type as BehaviourEventName;
      const d = readPayload(BehaviourDataSchema, data, what);
      if (NEEDS_PRODUCT.has(name) && !d.product) throw new MappingError(`${what}: product: required for ${name}`);
      if (name === 'product.searched' && d.query === undefined) throw new MappingError(`${what}: query: required for product.searched`);
      if (name === 'review.posted' && d.rating === undefined) throw new MappingError(`${what}: rating: required for review.posted`);
      signal = { ...base, kind: 'behaviour', name, behaviour: behaviourInput(d, at) };
    }
  }
  return { outcome: 'mapped', signals: [signal] };
}

/** A Standard Webhooks delivery body. */
export function mapStandard(input: { body: unknown; eventKey: string; receivedAt: Date }): MapResult {
  const env = readPayload(StandardEnvelopeSchema, input.body, 'Standard Webhooks payload');
  return mapStandardEvent({
    type: env.type,
    data: env.data,
    occurredAt: env.timestamp ?? input.receivedAt,
    eventKey: input.eventKey,
    allowed: STANDARD_EVENT_TYPES,
  });
}

export const TrackEventSchema = z.object({
  messageId: z.string().min(1).max(200),
  type: z.string().min(1).max(100),
  timestamp: z.iso
    .datetime({ offset: true })
    .transform((s) => new Date(s))
    .optional(),
  data: z.record(z.string(), z.unknown()).default({}),
});

/** The track API request: up to 100 events, each deduplicated on its messageId. */
export const TrackBatchSchema = z.object({ events: z.array(TrackEventSchema).min(1).max(100) });
