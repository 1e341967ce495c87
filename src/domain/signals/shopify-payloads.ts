import { z } from 'zod';
import type { OrderStatus } from '../order';
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
} from './payload-fields';
import type { CheckoutInput, CustomerInput, LineItemInput, OrderInput, RefundInput } from './signal';

/** Shopify's resources as its webhooks send them, and their reading into our inputs. */

const Consent = z
  .object({ state: z.string().nullish(), consent_updated_at: OptionalDate.optional() })
  .nullish()
  .transform((c) => {
    if (!c?.state) return null;
    const status = c.state === 'subscribed' ? 'opted_in' : c.state === 'unsubscribed' ? 'opted_out' : null;
    return status ? ({ status, at: c.consent_updated_at ?? null } as const) : null;
  });

export const Customer = z.object({
  id: IdLike,
  email: Email.optional(),
  phone: Phone.optional(),
  first_name: Name.optional(),
  last_name: Name.optional(),
  tags: Tags.optional(),
  email_marketing_consent: Consent.optional(),
  sms_marketing_consent: Consent.optional(),
  accepts_marketing: Bool.optional(),
});

export function customerInput(c: z.infer<typeof Customer>, fallback: { email?: string | null; phone?: string | null } = {}): CustomerInput {
  return {
    externalId: namespaced('shopify', c.id),
    email: c.email ?? fallback.email ?? null,
    phone: c.phone ?? fallback.phone ?? null,
    firstName: c.first_name ?? '',
    lastName: c.last_name ?? '',
    dateOfBirth: null,
    tags: c.tags ?? [],
    emailConsent: c.email_marketing_consent ?? (c.accepts_marketing === true ? { status: 'opted_in', at: null } : null),
    smsConsent: c.sms_marketing_consent ?? null,
  };
}

const LineItem = z.object({
  variant_id: OptionalId.optional(),
  product_id: OptionalId.optional(),
  sku: OptionalText.optional(),
  name: OptionalText.optional(),
  title: OptionalText.optional(),
  quantity: Quantity,
  price: Money,
  total_discount: OptionalMoney.optional(),
  product_type: OptionalText.optional(),
});

function lineItem(li: z.infer<typeof LineItem>): LineItemInput {
  const quantity = Math.max(1, li.quantity);
  return {
    externalProductId: namespaced('shopify-variant', li.variant_id ?? null) ?? namespaced('shopify', li.product_id ?? null),
    sku: li.sku ?? null,
    name: li.name ?? li.title ?? 'Item',
    category: categoryFromText(li.product_type) ?? null,
    quantity,
    unitPriceCents: Math.abs(li.price),
    totalCents: Math.abs(li.price) * quantity - (li.total_discount ?? 0),
  };
}

const Transaction = z.object({ kind: z.string().nullish(), status: z.string().nullish(), amount: Money });
export const Refund = z.object({
  id: IdLike,
  order_id: IdLike,
  created_at: DateLike,
  note: OptionalText.optional(),
  transactions: z.array(Transaction).default([]),
  refund_line_items: z.array(z.object({ subtotal: OptionalMoney.optional(), total_tax: OptionalMoney.optional() })).default([]),
});

export function refundInput(r: z.infer<typeof Refund>): RefundInput {
  const paid = r.transactions.filter((t) => (t.kind ?? 'refund') === 'refund' && (t.status ?? 'success') === 'success');
  const amountCents = paid.length
    ? paid.reduce((sum, t) => sum + Math.abs(t.amount), 0)
    : r.refund_line_items.reduce((sum, li) => sum + Math.abs(li.subtotal ?? 0) + Math.abs(li.total_tax ?? 0), 0);
  return { externalId: `shopify:${r.id}`, orderExternalId: `shopify:${r.order_id}`, amountCents, reason: r.note ?? null, refundedAt: r.created_at };
}

export const Order = z.object({
  id: IdLike,
  name: OptionalText.optional(),
  email: Email.optional(),
  contact_email: Email.optional(),
  phone: Phone.optional(),
  created_at: DateLike,
  processed_at: OptionalDate.optional(),
  updated_at: OptionalDate.optional(),
  cancelled_at: OptionalDate.optional(),
  financial_status: z.string().nullish(),
  subtotal_price: OptionalMoney.optional(),
  total_discounts: OptionalMoney.optional(),
  discount_codes: z
    .array(z.object({ code: z.string().max(100) }))
    .max(50)
    .nullish(),
  total_tax: OptionalMoney.optional(),
  total_price: Money,
  line_items: z.array(LineItem),
  location_id: OptionalId.optional(),
  checkout_token: OptionalText.optional(),
  customer: Customer.nullish(),
  billing_address: z.object({ phone: Phone.optional() }).nullish(),
  refunds: z.array(Refund).default([]),
});

function orderStatus(o: z.infer<typeof Order>): OrderStatus {
  if (o.cancelled_at) return 'cancelled';
  switch (o.financial_status) {
    case 'paid':
    case 'partially_paid':
    case 'partially_refunded':
      return 'completed';
    case 'refunded':
      return o.refunds.length ? 'completed' : 'refunded';
    case 'voided':
      return 'cancelled';
    default:
      return 'pending';
  }
}

export function orderInput(o: z.infer<typeof Order>): OrderInput {
  const lineItems = o.line_items.map(lineItem);
  const subtotal = o.subtotal_price ?? lineItems.reduce((s, li) => s + li.totalCents, 0);
  const phone = o.phone ?? o.billing_address?.phone ?? null;
  const email = o.email ?? o.contact_email ?? null;
  return {
    externalId: `shopify:${o.id}`,
    number: o.name ?? null,
    status: orderStatus(o),
    lineItems,
    subtotalCents: Math.max(0, subtotal),
    discountCents: Math.abs(o.total_discounts ?? 0),
    taxCents: Math.abs(o.total_tax ?? 0),
    totalCents: Math.abs(o.total_price),
    refunds: o.refunds.map(refundInput),
    placedAt: o.processed_at ?? o.created_at,
    updatedAt: o.updated_at ?? null,
    locationId: namespaced('shopify', o.location_id ?? null),
    checkoutToken: namespaced('shopify', o.checkout_token ?? null),
    discountCodes: (o.discount_codes ?? []).map((d) => d.code),
    customer: o.customer ? customerInput(o.customer, { email, phone }) : email || phone ? anonymousBuyer(email, phone) : null,
  };
}

function anonymousBuyer(email: string | null, phone: string | null): CustomerInput {
  return { externalId: null, email, phone, firstName: '', lastName: '', dateOfBirth: null, tags: [], emailConsent: null, smsConsent: null };
}

const CheckoutLine = z.object({
  variant_id: OptionalId.optional(),
  product_id: OptionalId.optional(),
  sku: OptionalText.optional(),
  title: OptionalText.optional(),
  quantity: Quantity,
  price: Money,
  line_price: OptionalMoney.optional(),
});

export const Checkout = z.object({
  token: IdLike,
  email: Email.optional(),
  phone: Phone.optional(),
  created_at: DateLike,
  completed_at: OptionalDate.optional(),
  total_price: Money,
  abandoned_checkout_url: OptionalText.optional(),
  line_items: z.array(CheckoutLine),
  customer: Customer.nullish(),
});

export function checkoutInput(c: z.infer<typeof Checkout>): CheckoutInput {
  return {
    token: `shopify:${c.token}`,
    customer: c.customer
      ? customerInput(c.customer, { email: c.email, phone: c.phone })
      : c.email || c.phone
        ? anonymousBuyer(c.email ?? null, c.phone ?? null)
        : null,
    lineItems: c.line_items.map((li) => ({
      externalProductId: namespaced('shopify-variant', li.variant_id ?? null),
      sku: li.sku ?? null,
      name: li.title ?? 'Item',
      category: null,
      quantity: Math.max(1, li.quantity),
      unitPriceCents: Math.abs(li.price),
      totalCents: li.line_price ?? Math.abs(li.price) * Math.max(1, li.quantity),
    })),
    totalCents: Math.abs(c.total_price),
    recoveryUrl: c.abandoned_checkout_url ?? null,
    startedAt: c.created_at,
    completedAt: c.completed_at ?? null,
  };
}

export const Product = z.object({
  id: IdLike,
  title: z.string().min(1),
  vendor: OptionalText.optional(),
  product_type: OptionalText.optional(),
  status: z.string().nullish(),
  updated_at: OptionalDate.optional(),
  variants: z
    .array(z.object({ id: IdLike, sku: OptionalText.optional(), price: OptionalMoney.optional(), inventory_item_id: OptionalId.optional() }))
    .default([]),
});

export const InventoryLevel = z.object({
  inventory_item_id: IdLike,
  location_id: OptionalId.optional(),
  available: Quantity.nullish(),
  updated_at: OptionalDate.optional(),
});
