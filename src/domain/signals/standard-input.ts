import { z } from 'zod';
import { CalendarDateSchema } from '../common';
import { OrderStatusSchema } from '../order';
import { categoryFromText } from './categories';
import { Email, Phone } from './payload-fields';
import type { BehaviourInput, CheckoutInput, CustomerInput, LineItemInput } from './signal';

/**
 * The input format for custom storefronts (Standard Webhooks and the track API): our own field
 * names, amounts in integer cents, ISO-8601 times. docs/webhooks.md documents it with examples.
 * Ids are the storefront's own and are namespaced "storefront:<id>".
 */

const ExtId = z.union([z.string().trim().min(1).max(200), z.number().int().nonnegative()]).transform(String);
const Cents = z.number().int().nonnegative();
const When = z.iso.datetime({ offset: true }).transform((s) => new Date(s));
const ConsentIn = z.enum(['opted_in', 'opted_out']).optional();

export const StandardCustomerSchema = z.object({
  id: ExtId.optional(),
  email: z.string().max(320).optional(),
  phone: z.string().max(40).optional(),
  firstName: z.string().max(80).optional(),
  lastName: z.string().max(80).optional(),
  dateOfBirth: CalendarDateSchema.optional(),
  tags: z.array(z.string().min(1).max(40)).max(50).optional(),
  emailConsent: ConsentIn,
  smsConsent: ConsentIn,
});

export function standardCustomer(c: z.infer<typeof StandardCustomerSchema>, at: Date): CustomerInput {
  return {
    externalId: c.id ? `storefront:${c.id}` : null,
    email: Email.parse(c.email),
    phone: Phone.parse(c.phone),
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    dateOfBirth: c.dateOfBirth ?? null,
    tags: c.tags ?? [],
    emailConsent: c.emailConsent ? { status: c.emailConsent, at } : null,
    smsConsent: c.smsConsent ? { status: c.smsConsent, at } : null,
  };
}

export const StandardLineItemSchema = z.object({
  productId: ExtId.optional(),
  sku: z.string().min(1).optional(),
  name: z.string().min(1),
  category: z.string().optional(),
  quantity: z.number().int().positive(),
  unitPriceCents: Cents,
  totalCents: z.number().int().optional(),
});

export function standardLineItem(li: z.infer<typeof StandardLineItemSchema>): LineItemInput {
  return {
    externalProductId: li.productId ? `storefront:${li.productId}` : null,
    sku: li.sku ?? null,
    name: li.name,
    category: categoryFromText(li.category) ?? li.category?.toLowerCase() ?? null,
    quantity: li.quantity,
    unitPriceCents: li.unitPriceCents,
    totalCents: li.totalCents ?? li.unitPriceCents * li.quantity,
  };
}

export const StandardOrderSchema = z.object({
  id: ExtId,
  number: z.string().optional(),
  status: OrderStatusSchema,
  lineItems: z.array(StandardLineItemSchema).max(500),
  subtotalCents: Cents.optional(),
  discountCents: Cents.optional(),
  taxCents: Cents.optional(),
  totalCents: Cents,
  placedAt: When,
  updatedAt: When.optional(),
  locationId: z.string().optional(),
  checkoutToken: z.string().min(1).optional(),
  customer: StandardCustomerSchema.optional(),
});

export const StandardRefundSchema = z.object({ id: ExtId, orderId: ExtId, amountCents: Cents, reason: z.string().optional(), refundedAt: When });

export const StandardCheckoutSchema = z.object({
  token: z.string().min(1).max(200),
  lineItems: z.array(StandardLineItemSchema).max(500),
  totalCents: Cents,
  recoveryUrl: z.url().optional(),
  startedAt: When.optional(),
  completedAt: When.optional(),
  customer: StandardCustomerSchema.optional(),
});

export function standardCheckout(c: z.infer<typeof StandardCheckoutSchema>, at: Date): CheckoutInput {
  return {
    token: `storefront:${c.token}`,
    customer: c.customer ? standardCustomer(c.customer, at) : null,
    lineItems: c.lineItems.map(standardLineItem),
    totalCents: c.totalCents,
    recoveryUrl: c.recoveryUrl ?? null,
    startedAt: c.startedAt ?? at,
    completedAt: c.completedAt ?? null,
  };
}

export const StandardProductSchema = z.object({
  id: ExtId,
  sku: z.string().min(1).optional(),
  name: z.string().min(1),
  brand: z.string().optional(),
  category: z.string().optional(),
  priceCents: Cents.optional(),
  active: z.boolean().optional(),
  lowStockThreshold: z.number().int().nonnegative().optional(),
  updatedAt: When.optional(),
});

export const StandardProductRefSchema = z
  .object({ id: ExtId.optional(), sku: z.string().min(1).optional() })
  .refine((p) => p.id || p.sku, 'Give the product id or sku.');

export const StandardInventorySchema = z
  .object({
    productId: ExtId.optional(),
    sku: z.string().min(1).optional(),
    name: z.string().optional(),
    locationId: z.string().optional(),
    quantity: z.number().int(),
    previousQuantity: z.number().int().optional(),
    threshold: z.number().int().nonnegative().optional(),
    updatedAt: When.optional(),
  })
  .refine((p) => p.productId || p.sku, 'Give the product id or sku.');

export const BehaviourDataSchema = z.object({
  customer: StandardCustomerSchema.optional(),
  anonymousId: z.string().min(1).max(200).optional(),
  url: z.string().max(2000).optional(),
  locationId: z.string().max(128).optional(),
  product: z
    .object({
      id: ExtId.optional(),
      sku: z.string().min(1).optional(),
      name: z.string().optional(),
      category: z.string().optional(),
      priceCents: Cents.optional(),
    })
    .optional(),
  quantity: z.number().int().positive().optional(),
  cartId: z.string().max(200).optional(),
  query: z.string().max(500).optional(),
  resultCount: z.number().int().nonnegative().optional(),
  menuName: z.string().max(200).optional(),
  rating: z.number().int().min(1).max(5).optional(),
  title: z.string().max(500).optional(),
  body: z.string().max(10_000).optional(),
});

export function behaviourInput(d: z.infer<typeof BehaviourDataSchema>, at: Date): BehaviourInput {
  return {
    customer: d.customer ? standardCustomer(d.customer, at) : null,
    anonymousId: d.anonymousId ?? null,
    url: d.url ?? null,
    locationId: d.locationId ?? null,
    product: d.product
      ? {
          externalId: d.product.id ? `storefront:${d.product.id}` : null,
          sku: d.product.sku ?? null,
          name: d.product.name ?? null,
          category: categoryFromText(d.product.category) ?? d.product.category ?? null,
          priceCents: d.product.priceCents ?? null,
        }
      : null,
    quantity: d.quantity ?? null,
    cartId: d.cartId ?? null,
    query: d.query ?? null,
    resultCount: d.resultCount ?? null,
    menuName: d.menuName ?? null,
    rating: d.rating ?? null,
    title: d.title ?? null,
    body: d.body ?? null,
  };
}
