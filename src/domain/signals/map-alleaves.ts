import { z } from 'zod';
import type { OrderStatus } from '../order';
import { CalendarDateSchema } from '../common';
import { categoryFromText } from './categories';
import {
  Bool,
  DateLike,
  Email,
  IdLike,
  Money,
  Name,
  OptionalDate,
  OptionalId,
  OptionalMoney,
  OptionalText,
  Phone,
  Quantity,
  Tags,
  namespaced,
  readPayload,
} from './payload-fields';
import type { CustomerInput, MapResult, OrderInput, RefundInput, Signal } from './signal';

/**
 * Alleaves POS webhooks, in the format BakedBot specifies (docs/webhooks.md): an envelope
 * { id, event, created_at, data } signed with hex HMAC-SHA256.
 */
export const ALLEAVES_EVENTS = [
  'customer.created',
  'customer.updated',
  'order.created',
  'order.updated',
  'order.refunded',
  'inventory.updated',
  'inventory.low_stock',
  'product.updated',
  'product.deleted',
] as const;

export const AlleavesEnvelopeSchema = z.object({
  id: IdLike,
  event: z.string().min(1),
  created_at: DateLike,
  data: z.record(z.string(), z.unknown()),
});

const optIn = (v: boolean | null | undefined) =>
  v === true ? { status: 'opted_in' as const, at: null } : v === false ? { status: 'opted_out' as const, at: null } : null;

const Customer = z.object({
  id: IdLike,
  first_name: Name.optional(),
  last_name: Name.optional(),
  email: Email.optional(),
  phone: Phone.optional(),
  date_of_birth: CalendarDateSchema.nullish(),
  tags: Tags.optional(),
  email_opt_in: Bool.optional(),
  sms_opt_in: Bool.optional(),
  updated_at: OptionalDate.optional(),
});

function customerInput(c: z.infer<typeof Customer>): CustomerInput {
  return {
    externalId: `alleaves:${c.id}`,
    email: c.email ?? null,
    phone: c.phone ?? null,
    firstName: c.first_name ?? '',
    lastName: c.last_name ?? '',
    dateOfBirth: c.date_of_birth ?? null,
    tags: c.tags ?? [],
    emailConsent: optIn(c.email_opt_in),
    smsConsent: optIn(c.sms_opt_in),
  };
}

const Item = z.object({
  product_id: OptionalId.optional(),
  sku: OptionalText.optional(),
  name: z.string().min(1),
  category: OptionalText.optional(),
  quantity: Quantity,
  unit_price: Money,
  discount: OptionalMoney.optional(),
  total: OptionalMoney.optional(),
});

const STATUS: Record<string, OrderStatus> = {
  pending: 'pending',
  open: 'pending',
  completed: 'completed',
  paid: 'completed',
  cancelled: 'cancelled',
  voided: 'cancelled',
  refunded: 'refunded',
};

const Order = z.object({
  id: IdLike,
  order_number: OptionalText.optional(),
  status: z.string(),
  customer: Customer.nullish(),
  location_id: OptionalId.optional(),
  items: z.array(Item),
  subtotal: OptionalMoney.optional(),
  discount: OptionalMoney.optional(),
  tax: OptionalMoney.optional(),
  total: Money,
  refunded: OptionalMoney.optional(),
  /** Codes applied at the register, loyalty coupons among them (our field: docs/webhooks.md). */
  discount_codes: z.array(z.string().max(100)).max(50).default([]),
  placed_at: DateLike,
  updated_at: OptionalDate.optional(),
});

function orderInput(o: z.infer<typeof Order>): OrderInput {
  const lineItems = o.items.map((i) => {
    const quantity = Math.max(1, i.quantity);
    return {
      externalProductId: namespaced('alleaves', i.product_id ?? null),
      sku: i.sku ?? null,
      name: i.name,
      category: categoryFromText(i.category) ?? i.category?.toLowerCase() ?? null,
      quantity,
      unitPriceCents: Math.abs(i.unit_price),
      totalCents: i.total ?? Math.abs(i.unit_price) * quantity - Math.abs(i.discount ?? 0),
    };
  });
  return {
    externalId: `alleaves:${o.id}`,
    number: o.order_number ?? null,
    status: STATUS[o.status.toLowerCase()] ?? 'pending',
    lineItems,
    subtotalCents: Math.abs(o.subtotal ?? lineItems.reduce((s, li) => s + li.totalCents, 0)),
    discountCents: Math.abs(o.discount ?? 0),
    taxCents: Math.abs(o.tax ?? 0),
    totalCents: Math.abs(o.total),
    refunds: [],
    placedAt: o.placed_at,
    updatedAt: o.updated_at ?? null,
    locationId: o.location_id ?? null,
    checkoutToken: null,
    customer: o.customer ? customerInput(o.customer) : null,
    discountCodes: o.discount_codes,
  };
}

const Refund = z.object({ id: IdLike, order_id: IdLike, amount: Money, reason: OptionalText.optional(), created_at: DateLike });

const Inventory = z.object({
  product_id: OptionalId.optional(),
  sku: OptionalText.optional(),
  name: OptionalText.optional(),
  location_id: OptionalId.optional(),
  quantity: Quantity,
  previous_quantity: Quantity.nullish(),
  threshold: Quantity.nullish(),
  updated_at: OptionalDate.optional(),
});

const Product = z.object({
  id: IdLike,
  sku: OptionalText.optional(),
  name: z.string().min(1),
  brand: OptionalText.optional(),
  category: OptionalText.optional(),
  strain_type: OptionalText.optional(),
  thc_percent: z.number().min(0).max(100).nullish(),
  cbd_percent: z.number().min(0).max(100).nullish(),
  price: OptionalMoney.optional(),
  active: z.boolean().nullish(),
  low_stock_threshold: Quantity.nullish(),
  updated_at: OptionalDate.optional(),
});

/** Reads one Alleaves delivery body (already parsed) into signals. */
export function mapAlleaves(input: { body: unknown; eventKey: string; receivedAt: Date }): MapResult {
  const env = readPayload(AlleavesEnvelopeSchema, input.body, 'Alleaves envelope');
  const base = { occurredAt: env.created_at, eventKey: input.eventKey };
  const data = env.data;
  let signal: Signal;
  switch (env.event) {
    case 'customer.created':
    case 'customer.updated':
      signal = {
        ...base,
        kind: 'customer',
        name: env.event,
        customer: customerInput(readPayload(Customer, data.customer, `Alleaves ${env.event} data.customer`)),
      };
      break;
    case 'order.created':
    case 'order.updated':
      signal = { ...base, kind: 'order', name: env.event, order: orderInput(readPayload(Order, data.order, `Alleaves ${env.event} data.order`)) };
      break;
    case 'order.refunded': {
      const r = readPayload(Refund, data.refund, 'Alleaves order.refunded data.refund');
      const refund: RefundInput = {
        externalId: `alleaves:${r.id}`,
        orderExternalId: `alleaves:${r.order_id}`,
        amountCents: Math.abs(r.amount),
        reason: r.reason ?? null,
        refundedAt: r.created_at,
      };
      signal = { ...base, kind: 'refund', name: 'order.refunded', refund, eventKey: `refund:${refund.externalId}` };
      break;
    }
    case 'inventory.updated':
    case 'inventory.low_stock': {
      const i = readPayload(Inventory, data.inventory, `Alleaves ${env.event} data.inventory`);
      signal = {
        ...base,
        kind: 'inventory',
        name: env.event,
        inventory: {
          product: { externalId: namespaced('alleaves', i.product_id ?? null), sku: i.sku ?? null, inventoryItemId: null },
          productName: i.name ?? null,
          locationId: i.location_id ?? null,
          quantity: i.quantity,
          previousQuantity: i.previous_quantity ?? null,
          threshold: i.threshold ?? null,
          updatedAt: i.updated_at ?? env.created_at,
        },
      };
      break;
    }
    case 'product.updated': {
      const p = readPayload(Product, data.product, 'Alleaves product.updated data.product');
      signal = {
        ...base,
        kind: 'product',
        name: 'product.updated',
        product: {
          externalId: `alleaves:${p.id}`,
          sku: p.sku ?? null,
          alsoKnownAs: [],
          name: p.name,
          brand: p.brand ?? null,
          category: categoryFromText(p.category),
          strainType: p.strain_type?.toLowerCase() ?? null,
          thcPercent: p.thc_percent ?? null,
          cbdPercent: p.cbd_percent ?? null,
          priceCents: p.price ?? null,
          active: p.active ?? true,
          stock: [],
          lowStockThreshold: p.low_stock_threshold ?? null,
          updatedAt: p.updated_at ?? env.created_at,
        },
      };
      break;
    }
    case 'product.deleted': {
      const p = readPayload(z.object({ id: IdLike, sku: OptionalText.optional() }), data.product, 'Alleaves product.deleted data.product');
      signal = {
        ...base,
        kind: 'product_deleted',
        name: 'product.deleted',
        product: { externalId: `alleaves:${p.id}`, sku: p.sku ?? null, inventoryItemId: null },
      };
      break;
    }
    default:
      return { outcome: 'ignored', reason: `Alleaves event "${env.event}" is not one BakedBot handles.` };
  }
  return { outcome: 'mapped', signals: [signal] };
}

/** The event name an Alleaves body declares, for the delivery list (null when unreadable). */
export function alleavesTopicOf(body: unknown): string | null {
  const event = (body as { event?: unknown } | null)?.event;
  return typeof event === 'string' ? event.slice(0, 100) : null;
}
