import { z } from 'zod';
import { IdSchema } from './common';
import { CentsSchema, NonNegativeCentsSchema } from './money';

export const OrderSourceSchema = z.enum(['alleaves', 'shopify', 'woocommerce', 'standard', 'manual', 'seed']);
export type OrderSource = z.infer<typeof OrderSourceSchema>;

export const OrderStatusSchema = z.enum(['pending', 'completed', 'cancelled', 'refunded', 'partially_refunded']);
export type OrderStatus = z.infer<typeof OrderStatusSchema>;

export const LineItemSchema = z.object({
  productId: z.string().nullable(),
  sku: z.string().nullable(),
  name: z.string().min(1),
  category: z.string().nullable(),
  quantity: z.number().int().positive(),
  unitPriceCents: NonNegativeCentsSchema,
  totalCents: CentsSchema,
});
export type LineItem = z.infer<typeof LineItemSchema>;

export const OrderSchema = z.object({
  id: IdSchema,
  customerId: z.string().nullable(),
  /** Our store (tenants/{orgId}/locations) the sender's store id maps to; null when none does. */
  locationId: z.string().nullable(),
  source: OrderSourceSchema,
  externalId: z.string().nullable(),
  status: OrderStatusSchema,
  lineItems: z.array(LineItemSchema),
  subtotalCents: NonNegativeCentsSchema,
  discountCents: NonNegativeCentsSchema,
  taxCents: NonNegativeCentsSchema,
  totalCents: NonNegativeCentsSchema,
  refundedCents: NonNegativeCentsSchema,
  placedAt: z.date(),
  // Added by behavioural signals (optional so existing documents and literals stay valid).
  /** The number staff and customers see, e.g. "#1001". */
  number: z.string().nullable().optional(),
  /** The store as the sender named it, "<sender>:<id>", whether or not a store maps it. */
  sourceLocationId: z.string().nullable().optional(),
  /** The online checkout this order completed, linking it to checkout and cart-abandonment events. */
  checkoutToken: z.string().nullable().optional(),
  /** When the sender last changed the order; an older update never overwrites a newer one. */
  sourceUpdatedAt: z.date().nullable().optional(),
  /** The points this order earned and what refunds or a cancellation took back (docs/loyalty.md). */
  loyalty: z.object({ earnedPoints: z.number().int().nonnegative(), reversedPoints: z.number().int().nonnegative() }).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Order = z.infer<typeof OrderSchema>;

/** What an order is worth to the customer's lifetime value: nothing until paid, less any refund. */
export function orderNetCents(o: Pick<Order, 'status' | 'totalCents' | 'refundedCents'>): number {
  if (o.status === 'pending' || o.status === 'cancelled') return 0;
  return Math.max(0, o.totalCents - o.refundedCents);
}

/** Whether the order counts as a purchase in orderCount and first/last order dates. */
export function orderCounts(o: Pick<Order, 'status' | 'totalCents' | 'refundedCents'>): boolean {
  return (o.status === 'completed' || o.status === 'partially_refunded') && orderNetCents(o) > 0;
}
