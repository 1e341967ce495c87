import { z } from 'zod';
import { OrderSourceSchema, OrderStatusSchema } from '../order';

/**
 * The building blocks of event data. Concrete types throughout: the playbook engine type-checks
 * conditions such as `order.total >= 100 and "edible" in order.categories` against them.
 * Money is integer cents; each amount also has a decimal twin (`total`) for readable conditions.
 */

export const EventSourceSchema = z.enum(['alleaves', 'shopify', 'woocommerce', 'standard', 'track_api', 'bakedbot']);
export type EventSource = z.infer<typeof EventSourceSchema>;

export const LineItemDataSchema = z.object({
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  category: z.string().nullable(),
  quantity: z.number().int(),
  unitPriceCents: z.number().int(),
  totalCents: z.number().int(),
});
export type LineItemData = z.infer<typeof LineItemDataSchema>;

export const OrderDataSchema = z.object({
  /** Our order id (tenants/{orgId}/orders/{id}). */
  id: z.string(),
  externalId: z.string().nullable(),
  /** The number staff and customers see, e.g. "#1001" or "PP-10231". */
  number: z.string().nullable(),
  source: OrderSourceSchema,
  status: OrderStatusSchema,
  locationId: z.string().nullable(),
  placedAt: z.date(),
  itemCount: z.number().int(),
  lineItems: z.array(LineItemDataSchema),
  /** Distinct line-item categories, lower-case (e.g. "edible", "flower"). */
  categories: z.array(z.string()),
  skus: z.array(z.string()),
  productIds: z.array(z.string()),
  subtotalCents: z.number().int(),
  discountCents: z.number().int(),
  taxCents: z.number().int(),
  totalCents: z.number().int(),
  /** totalCents / 100, for conditions written in dollars. */
  total: z.number(),
  refundedCents: z.number().int(),
  checkoutToken: z.string().nullable(),
  /** Loyalty points the order earned (the ledger's figure); null when it earned none (no customer, cancelled). */
  pointsEarned: z.number().int().nullable().default(null),
});
export type OrderData = z.infer<typeof OrderDataSchema>;

export const RefundDataSchema = z.object({
  externalId: z.string(),
  amountCents: z.number().int(),
  amount: z.number(),
  reason: z.string().nullable(),
  refundedAt: z.date(),
});
export type RefundData = z.infer<typeof RefundDataSchema>;

export const CustomerDataSchema = z.object({
  id: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  tags: z.array(z.string()),
  externalIds: z.array(z.string()),
  /** True when this event created the profile; false when it matched an existing one. */
  isNew: z.boolean(),
  emailConsent: z.enum(['opted_in', 'opted_out', 'unknown']),
  smsConsent: z.enum(['opted_in', 'opted_out', 'unknown']),
});
export type CustomerData = z.infer<typeof CustomerDataSchema>;

export const CheckoutDataSchema = z.object({
  token: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  itemCount: z.number().int(),
  lineItems: z.array(LineItemDataSchema),
  categories: z.array(z.string()),
  totalCents: z.number().int(),
  total: z.number(),
  /** Where the shopper can pick the cart up again, when the store provides one. */
  recoveryUrl: z.string().nullable(),
  startedAt: z.date(),
});
export type CheckoutData = z.infer<typeof CheckoutDataSchema>;

export const ProductDataSchema = z.object({
  /** Our product id, when the product is known to BakedBot. */
  id: z.string().nullable(),
  externalId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  priceCents: z.number().int().nullable(),
  price: z.number().nullable(),
  active: z.boolean(),
});
export type ProductData = z.infer<typeof ProductDataSchema>;

export const InventoryDataSchema = z.object({
  product: ProductDataSchema,
  locationId: z.string().nullable(),
  quantity: z.number().int(),
  previousQuantity: z.number().int().nullable(),
  lowStockThreshold: z.number().int(),
});
export type InventoryData = z.infer<typeof InventoryDataSchema>;

export const BehaviourContextSchema = z.object({
  /** The storefront's anonymous visitor id, when the shopper is not identified. */
  anonymousId: z.string().nullable(),
  url: z.string().nullable(),
  locationId: z.string().nullable(),
});

/** A customer's points as a loyalty event left them (the ledger's figures). */
export const LoyaltyBalanceDataSchema = z.object({
  available: z.number().int(),
  pending: z.number().int(),
  tierId: z.string().nullable(),
  tierName: z.string().nullable(),
});

export const PointsEarnedDataSchema = z.object({
  points: z.number().int().positive(),
  /** What earned them: an order, a referral, a birthday, a playbook bonus... */
  type: z.enum(['earn', 'referral', 'birthday', 'anniversary', 'bonus', 'opening_balance', 'adjust']),
  orderId: z.string().nullable(),
  loyalty: LoyaltyBalanceDataSchema,
});

const TierRefSchema = z.object({ id: z.string(), name: z.string() });
export const TierChangedDataSchema = z.object({
  direction: z.enum(['joined', 'up', 'down']),
  from: TierRefSchema.nullable(),
  to: TierRefSchema,
  loyalty: LoyaltyBalanceDataSchema,
});

export const SegmentChangedDataSchema = z.object({
  customerId: z.string(),
  segment: z.string(),
  /** null: the customer had no segment before. */
  previousSegment: z.string().nullable(),
  /** Why, in plain words (it quotes the customer's spend). */
  reason: z.string(),
  /** What recomputed it: an order, a refund, the nightly scan, a thresholds change. */
  cause: z.enum(['order', 'refund', 'nightly', 'thresholds', 'seed', 'merge']),
});

export const SavedSegmentEnteredDataSchema = z.object({
  customerId: z.string(),
  savedSegmentId: z.string(),
  /** The segment's name when the customer entered it. */
  name: z.string(),
  /** What evaluated it: an order or refund, the nightly pass, the segment's own job after a save, a tag or consent edit. */
  cause: z.enum(['order', 'refund', 'nightly', 'thresholds', 'job', 'edit']),
});

export const PointsExpiringDataSchema = z.object({
  points: z.number().int().positive(),
  expiresAt: z.date(),
  daysLeft: z.number().int().nonnegative(),
  loyalty: LoyaltyBalanceDataSchema,
});

export const CustomerDayDataSchema = z.object({
  customer: CustomerDataSchema,
  /** Bonus points credited for the day (0 when the programme gives none). */
  pointsAwarded: z.number().int().nonnegative(),
  /** Anniversary: whole years since the customer joined. */
  years: z.number().int().nonnegative().nullable(),
});
