import { z } from 'zod';
import { CalendarDateSchema } from '../common';
import { ConsentStatusSchema } from '../customer';
import type { EventName } from '../events/catalogue';
import { OrderStatusSchema } from '../order';

/**
 * What every provider payload is normalised into before anything is written: the provider's
 * words ("financial_status", "billing.phone", "total": "12.30") become ours (status, E.164 phone,
 * cents). Effects and events are built from these, never from raw payloads.
 */

const ConsentInputSchema = z.object({ status: ConsentStatusSchema, at: z.date().nullable() });

export const CustomerInputSchema = z.object({
  /** "provider:id", e.g. "shopify:207119551"; null when the sender gave no id. */
  externalId: z.string().min(3).nullable(),
  email: z.email().nullable(),
  /** E.164 or null (numbers that do not parse are dropped, not guessed). */
  phone: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/)
    .nullable(),
  firstName: z.string().max(80),
  lastName: z.string().max(80),
  dateOfBirth: CalendarDateSchema.nullable(),
  tags: z.array(z.string().min(1).max(40)),
  emailConsent: ConsentInputSchema.nullable(),
  smsConsent: ConsentInputSchema.nullable(),
});
export type CustomerInput = z.infer<typeof CustomerInputSchema>;

export const LineItemInputSchema = z.object({
  /** "provider:id" of the product or variant, when given. */
  externalProductId: z.string().nullable(),
  sku: z.string().min(1).nullable(),
  name: z.string().min(1),
  category: z.string().nullable(),
  quantity: z.number().int().positive(),
  unitPriceCents: z.number().int().nonnegative(),
  totalCents: z.number().int(),
});
export type LineItemInput = z.infer<typeof LineItemInputSchema>;

export const RefundInputSchema = z.object({
  /** "provider:id" of the refund; the same refund seen twice is counted once. */
  externalId: z.string().min(1),
  orderExternalId: z.string().min(1),
  amountCents: z.number().int().nonnegative(),
  reason: z.string().nullable(),
  refundedAt: z.date(),
});
export type RefundInput = z.infer<typeof RefundInputSchema>;

export const OrderInputSchema = z.object({
  /** "provider:id" of the order. */
  externalId: z.string().min(1),
  number: z.string().nullable(),
  /** The sender's view before refunds are applied: pending, completed, cancelled or refunded. */
  status: OrderStatusSchema,
  lineItems: z.array(LineItemInputSchema),
  subtotalCents: z.number().int().nonnegative(),
  discountCents: z.number().int().nonnegative(),
  taxCents: z.number().int().nonnegative(),
  totalCents: z.number().int().nonnegative(),
  refunds: z.array(RefundInputSchema),
  placedAt: z.date(),
  /** When the sender last changed the order; an older version never overwrites a newer one. */
  updatedAt: z.date().nullable(),
  locationId: z.string().nullable(),
  checkoutToken: z.string().nullable(),
  customer: CustomerInputSchema.nullable(),
  /** Discount codes the order carries (Shopify discount_codes, WooCommerce coupon_lines, Alleaves discount_codes): loyalty coupons among them are marked used. */
  discountCodes: z.array(z.string().max(100)).max(50).optional(),
});
export type OrderInput = z.infer<typeof OrderInputSchema>;

export const CheckoutInputSchema = z.object({
  token: z.string().min(1),
  customer: CustomerInputSchema.nullable(),
  lineItems: z.array(LineItemInputSchema),
  totalCents: z.number().int().nonnegative(),
  recoveryUrl: z.string().nullable(),
  startedAt: z.date(),
  completedAt: z.date().nullable(),
});
export type CheckoutInput = z.infer<typeof CheckoutInputSchema>;

/** How a payload names a product: any of these may be missing, at least one is present. */
export const ProductRefSchema = z
  .object({
    externalId: z.string().nullable(),
    sku: z.string().min(1).nullable(),
    /** Shopify stock updates name only the inventory item ("shopify-item:…"). */
    inventoryItemId: z.string().nullable(),
  })
  .refine((p) => p.externalId || p.sku || p.inventoryItemId, 'A product needs an id, a SKU or an inventory item id.');
export type ProductRef = z.infer<typeof ProductRefSchema>;

export const ProductInputSchema = z.object({
  externalId: z.string().min(1),
  sku: z.string().min(1).nullable(),
  /** Other ids the product is known by (Shopify variants and inventory items). */
  alsoKnownAs: z.array(z.string()),
  name: z.string().min(1),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  strainType: z.string().nullable(),
  thcPercent: z.number().min(0).max(100).nullable(),
  cbdPercent: z.number().min(0).max(100).nullable(),
  priceCents: z.number().int().nonnegative().nullable(),
  active: z.boolean(),
  /** Units on hand per location, when the payload carries them. */
  stock: z.array(z.object({ locationId: z.string(), quantity: z.number().int() })),
  lowStockThreshold: z.number().int().nonnegative().nullable(),
  updatedAt: z.date().nullable(),
});
export type ProductInput = z.infer<typeof ProductInputSchema>;

export const InventoryInputSchema = z.object({
  product: ProductRefSchema,
  productName: z.string().nullable(),
  locationId: z.string().nullable(),
  quantity: z.number().int(),
  previousQuantity: z.number().int().nullable(),
  threshold: z.number().int().nonnegative().nullable(),
  updatedAt: z.date().nullable(),
});
export type InventoryInput = z.infer<typeof InventoryInputSchema>;

export const BehaviourProductSchema = z.object({
  externalId: z.string().nullable(),
  sku: z.string().min(1).nullable(),
  name: z.string().nullable(),
  category: z.string().nullable(),
  priceCents: z.number().int().nonnegative().nullable(),
});
export type BehaviourProduct = z.infer<typeof BehaviourProductSchema>;

export const BehaviourInputSchema = z.object({
  customer: CustomerInputSchema.nullable(),
  anonymousId: z.string().nullable(),
  url: z.string().nullable(),
  locationId: z.string().nullable(),
  product: BehaviourProductSchema.nullable(),
  quantity: z.number().int().positive().nullable(),
  cartId: z.string().nullable(),
  query: z.string().nullable(),
  resultCount: z.number().int().nonnegative().nullable(),
  menuName: z.string().nullable(),
  rating: z.number().int().min(1).max(5).nullable(),
  title: z.string().nullable(),
  body: z.string().nullable(),
});
export type BehaviourInput = z.infer<typeof BehaviourInputSchema>;

export type BehaviourEventName = Extract<
  EventName,
  'cart.item_added' | 'cart.item_removed' | 'product.viewed' | 'menu.viewed' | 'product.searched' | 'wishlist.added' | 'review.posted'
>;
export const BEHAVIOUR_EVENTS: readonly BehaviourEventName[] = [
  'cart.item_added',
  'cart.item_removed',
  'product.viewed',
  'menu.viewed',
  'product.searched',
  'wishlist.added',
  'review.posted',
];

interface Base {
  occurredAt: Date;
  /** The sender's identity for this signal; with the source it makes the event id. */
  eventKey: string;
}

export type Signal =
  | (Base & { kind: 'customer'; name: 'customer.created' | 'customer.updated'; customer: CustomerInput })
  | (Base & { kind: 'order'; name: 'order.created' | 'order.updated'; order: OrderInput })
  | (Base & { kind: 'refund'; name: 'order.refunded'; refund: RefundInput })
  | (Base & { kind: 'checkout'; name: 'checkout.started' | 'checkout.updated'; checkout: CheckoutInput })
  | (Base & { kind: 'product'; name: 'product.updated'; product: ProductInput })
  | (Base & { kind: 'product_deleted'; name: 'product.deleted'; product: ProductRef })
  | (Base & { kind: 'inventory'; name: 'inventory.updated' | 'inventory.low_stock'; inventory: InventoryInput })
  | (Base & { kind: 'behaviour'; name: BehaviourEventName; behaviour: BehaviourInput });

/** A payload is either mapped to signals, or recognised as something we do not handle. */
export type MapResult = { outcome: 'mapped'; signals: Signal[] } | { outcome: 'ignored'; reason: string };

/** A payload that claims a topic we handle but does not have the shape that topic needs. */
export class MappingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MappingError';
  }
}

const SIGNAL_PARTS: Record<Signal['kind'], z.ZodType> = {
  customer: z.object({ customer: CustomerInputSchema }),
  order: z.object({ order: OrderInputSchema }),
  refund: z.object({ refund: RefundInputSchema }),
  checkout: z.object({ checkout: CheckoutInputSchema }),
  product: z.object({ product: ProductInputSchema }),
  product_deleted: z.object({ product: ProductRefSchema }),
  inventory: z.object({ inventory: InventoryInputSchema }),
  behaviour: z.object({ behaviour: BehaviourInputSchema }),
};

/** Checks what a mapper produced, so a mapper bug is a clear failure and never a bad write. */
export function assertValidSignal(signal: Signal): Signal {
  const parsed = SIGNAL_PARTS[signal.kind].safeParse(signal);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new MappingError(`${signal.name}: ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'invalid'}`);
  }
  if (Number.isNaN(signal.occurredAt.getTime())) throw new MappingError(`${signal.name}: the event time is not a valid date`);
  return signal;
}
