import type { Customer } from '../customer';
import type { CheckoutData, CustomerData, LineItemData, OrderData, ProductData, RefundData } from '../events/event-data';
import type { LineItem, Order } from '../order';
import type { Product } from '../product';
import type { Checkout, RefundRecord } from './records';
import type { BehaviourProduct, ProductRef } from './signal';

/** Event data built from the stored documents after effects, so events say what BakedBot now knows. */

const dollars = (cents: number) => Math.round(cents) / 100;
const distinct = (xs: Array<string | null | undefined>) => [...new Set(xs.filter((x): x is string => !!x))];

export function lineItemData(li: LineItem): LineItemData {
  return {
    productId: li.productId,
    sku: li.sku,
    name: li.name,
    category: li.category,
    quantity: li.quantity,
    unitPriceCents: li.unitPriceCents,
    totalCents: li.totalCents,
  };
}

export function orderData(o: Order): OrderData {
  return {
    id: o.id,
    externalId: o.externalId,
    number: o.number ?? null,
    source: o.source,
    status: o.status,
    locationId: o.locationId,
    placedAt: o.placedAt,
    itemCount: o.lineItems.reduce((n, li) => n + li.quantity, 0),
    lineItems: o.lineItems.map(lineItemData),
    categories: distinct(o.lineItems.map((li) => li.category?.toLowerCase())),
    skus: distinct(o.lineItems.map((li) => li.sku)),
    productIds: distinct(o.lineItems.map((li) => li.productId)),
    subtotalCents: o.subtotalCents,
    discountCents: o.discountCents,
    taxCents: o.taxCents,
    totalCents: o.totalCents,
    total: dollars(o.totalCents),
    refundedCents: o.refundedCents,
    checkoutToken: o.checkoutToken ?? null,
    pointsEarned: o.loyalty ? o.loyalty.earnedPoints : null,
  };
}

export function refundData(r: RefundRecord): RefundData {
  return { externalId: r.externalId, amountCents: r.amountCents, amount: dollars(r.amountCents), reason: r.reason, refundedAt: r.refundedAt };
}

export function customerData(c: Customer, isNew: boolean): CustomerData {
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    email: c.email,
    phone: c.phone,
    tags: c.tags,
    externalIds: c.externalIds,
    isNew,
    emailConsent: c.consent.email.status,
    smsConsent: c.consent.sms.status,
  };
}

export function checkoutData(c: Checkout): CheckoutData {
  return {
    token: c.token,
    email: c.email,
    phone: c.phone,
    itemCount: c.lineItems.reduce((n, li) => n + li.quantity, 0),
    lineItems: c.lineItems,
    categories: distinct(c.lineItems.map((li) => li.category?.toLowerCase())),
    totalCents: c.totalCents,
    total: dollars(c.totalCents),
    recoveryUrl: c.recoveryUrl,
    startedAt: c.startedAt,
  };
}

export function productData(p: Product): ProductData {
  return {
    id: p.id,
    externalId: p.externalIds[0] ?? null,
    sku: p.sku,
    name: p.name,
    brand: p.brand,
    category: p.category,
    priceCents: p.priceCents,
    price: dollars(p.priceCents),
    active: p.active,
  };
}

/** A product BakedBot does not know (yet): what the sender told us about it. */
export function unknownProductData(ref: ProductRef | BehaviourProduct, name?: string | null): ProductData {
  const r = ref as Partial<ProductRef & BehaviourProduct>;
  return {
    id: null,
    externalId: r.externalId ?? r.inventoryItemId ?? null,
    sku: r.sku ?? null,
    name: r.name ?? name ?? r.sku ?? 'Unknown product',
    brand: null,
    category: r.category ?? null,
    priceCents: r.priceCents ?? null,
    price: typeof r.priceCents === 'number' ? dollars(r.priceCents) : null,
    active: true,
  };
}
