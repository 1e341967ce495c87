import { z } from 'zod';
import type { OrderStatus } from '../order';
import { categoryFromText } from './categories';
import {
  AbsMoney,
  Email,
  GmtDate,
  IdLike,
  Money,
  Name,
  OptionalDate,
  OptionalId,
  OptionalMoney,
  OptionalText,
  Phone,
  Quantity,
  namespaced,
  readPayload,
} from './payload-fields';
import { MappingError, type CustomerInput, type MapResult, type OrderInput, type Signal } from './signal';

/**
 * WooCommerce webhooks: the REST API (v3) representation of the resource, the topic in
 * X-WC-Webhook-Topic, money as decimal strings, dates in the site's zone with *_gmt twins.
 */
export const WOOCOMMERCE_TOPICS = ['order.created', 'order.updated', 'customer.created', 'customer.updated', 'product.updated'] as const;

const Address = z.object({ first_name: Name.optional(), last_name: Name.optional(), email: Email.optional(), phone: Phone.optional() }).nullish();

const LineItem = z.object({
  product_id: OptionalId.optional(),
  variation_id: OptionalId.optional(),
  name: OptionalText.optional(),
  sku: OptionalText.optional(),
  quantity: Quantity,
  subtotal: OptionalMoney.optional(),
  total: Money,
  price: OptionalMoney.optional(),
});

const Order = z.object({
  id: IdLike,
  number: OptionalText.optional(),
  status: z.string(),
  date_created_gmt: GmtDate.optional(),
  date_created: OptionalDate.optional(),
  date_modified_gmt: GmtDate.optional(),
  date_paid_gmt: GmtDate.optional(),
  discount_total: OptionalMoney.optional(),
  coupon_lines: z
    .array(z.object({ code: z.string().max(100) }))
    .max(50)
    .default([]),
  total_tax: OptionalMoney.optional(),
  total: Money,
  customer_id: OptionalId.optional(),
  billing: Address,
  line_items: z.array(LineItem),
  refunds: z.array(z.object({ id: IdLike, reason: OptionalText.optional(), total: AbsMoney })).default([]),
});

const STATUS: Record<string, OrderStatus> = {
  pending: 'pending',
  'on-hold': 'pending',
  'checkout-draft': 'pending',
  processing: 'completed',
  completed: 'completed',
  cancelled: 'cancelled',
  failed: 'cancelled',
  trash: 'cancelled',
  refunded: 'completed',
};

function orderInput(o: z.infer<typeof Order>): OrderInput {
  const placedAt = o.date_paid_gmt ?? o.date_created_gmt ?? o.date_created;
  if (!placedAt) throw new MappingError('WooCommerce order: date_created_gmt: missing');
  const updatedAt = o.date_modified_gmt ?? null;
  const lineItems = o.line_items.map((li) => {
    const quantity = Math.max(1, li.quantity);
    return {
      externalProductId: namespaced('woocommerce', li.variation_id ?? li.product_id ?? null),
      sku: li.sku ?? null,
      name: li.name ?? 'Item',
      category: null,
      quantity,
      unitPriceCents: Math.abs(li.price ?? Math.round((li.subtotal ?? li.total) / quantity)),
      totalCents: li.total,
    };
  });
  const subtotal = o.line_items.reduce((s, li) => s + Math.abs(li.subtotal ?? li.total), 0);
  const buyer = o.billing;
  const customer: CustomerInput | null =
    o.customer_id || buyer?.email || buyer?.phone
      ? {
          externalId: namespaced('woocommerce', o.customer_id ?? null),
          email: buyer?.email ?? null,
          phone: buyer?.phone ?? null,
          firstName: buyer?.first_name ?? '',
          lastName: buyer?.last_name ?? '',
          dateOfBirth: null,
          tags: [],
          emailConsent: null,
          smsConsent: null,
        }
      : null;
  return {
    externalId: `woocommerce:${o.id}`,
    number: o.number ?? String(o.id),
    status: STATUS[o.status] ?? 'pending',
    lineItems,
    subtotalCents: subtotal,
    discountCents: Math.abs(o.discount_total ?? 0),
    taxCents: Math.abs(o.total_tax ?? 0),
    totalCents: Math.abs(o.total),
    // WooCommerce lists refunds without dates; the order's modification time is the best we have.
    refunds: o.refunds.map((r) => ({
      externalId: `woocommerce:${r.id}`,
      orderExternalId: `woocommerce:${o.id}`,
      amountCents: r.total,
      reason: r.reason ?? null,
      refundedAt: updatedAt ?? placedAt,
    })),
    placedAt,
    updatedAt,
    locationId: null,
    checkoutToken: null,
    customer,
    discountCodes: o.coupon_lines.map((c) => c.code),
  };
}

const Customer = z.object({
  id: IdLike,
  email: Email.optional(),
  first_name: Name.optional(),
  last_name: Name.optional(),
  billing: Address,
  date_modified_gmt: GmtDate.optional(),
});

const Product = z.object({
  id: IdLike,
  name: z.string().min(1),
  sku: OptionalText.optional(),
  status: z.string().nullish(),
  price: OptionalMoney.optional(),
  manage_stock: z.boolean().nullish(),
  stock_quantity: Quantity.nullish(),
  low_stock_amount: Quantity.nullish(),
  categories: z.array(z.object({ name: z.string() })).default([]),
  date_modified_gmt: GmtDate.optional(),
});

export function mapWooCommerce(input: { topic: string | null; body: unknown; eventKey: string; receivedAt: Date }): MapResult {
  const { topic, body, eventKey } = input;
  switch (topic) {
    case 'order.created':
    case 'order.updated': {
      const o = readPayload(Order, body, `WooCommerce ${topic}`);
      const order = orderInput(o);
      const signals: Signal[] = [{ kind: 'order', name: topic, order, occurredAt: order.updatedAt ?? order.placedAt, eventKey }];
      for (const refund of order.refunds)
        signals.push({ kind: 'refund', name: 'order.refunded', refund, occurredAt: refund.refundedAt, eventKey: `refund:${refund.externalId}` });
      return { outcome: 'mapped', signals };
    }
    case 'customer.created':
    case 'customer.updated': {
      const c = readPayload(Customer, body, `WooCommerce ${topic}`);
      const customer: CustomerInput = {
        externalId: `woocommerce:${c.id}`,
        email: c.email ?? c.billing?.email ?? null,
        phone: c.billing?.phone ?? null,
        firstName: c.first_name || c.billing?.first_name || '',
        lastName: c.last_name || c.billing?.last_name || '',
        dateOfBirth: null,
        tags: [],
        emailConsent: null,
        smsConsent: null,
      };
      return { outcome: 'mapped', signals: [{ kind: 'customer', name: topic, customer, occurredAt: c.date_modified_gmt ?? input.receivedAt, eventKey }] };
    }
    case 'product.updated': {
      const p = readPayload(Product, body, 'WooCommerce product.updated');
      return {
        outcome: 'mapped',
        signals: [
          {
            kind: 'product',
            name: 'product.updated',
            occurredAt: p.date_modified_gmt ?? input.receivedAt,
            eventKey,
            product: {
              externalId: `woocommerce:${p.id}`,
              sku: p.sku ?? null,
              alsoKnownAs: [],
              name: p.name,
              brand: null,
              category: categoryFromText(p.categories.map((c) => c.name).join(' ')),
              strainType: null,
              thcPercent: null,
              cbdPercent: null,
              priceCents: p.price ?? null,
              active: (p.status ?? 'publish') === 'publish',
              stock: p.manage_stock && typeof p.stock_quantity === 'number' ? [{ locationId: 'woocommerce', quantity: p.stock_quantity }] : [],
              lowStockThreshold: p.low_stock_amount ?? null,
              updatedAt: p.date_modified_gmt ?? null,
            },
          },
        ],
      };
    }
    default:
      return { outcome: 'ignored', reason: topic ? `WooCommerce topic "${topic}" is not one BakedBot handles.` : 'No X-WC-Webhook-Topic header.' };
  }
}
