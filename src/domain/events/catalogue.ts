import { z } from 'zod';
import { OrderStatusSchema } from '../order';
import {
  BehaviourContextSchema,
  CheckoutDataSchema,
  CustomerDataSchema,
  CustomerDayDataSchema,
  InventoryDataSchema,
  OrderDataSchema,
  PointsEarnedDataSchema,
  PointsExpiringDataSchema,
  ProductDataSchema,
  RefundDataSchema,
  SegmentChangedDataSchema,
  SavedSegmentEnteredDataSchema,
  TierChangedDataSchema,
  type EventSource,
} from './event-data';

/** Which key of a CanonicalEvent a playbook run can be keyed on (one run per key). */
export type RunKey = 'orderId' | 'customerId' | 'checkoutToken' | 'productId';

export interface EventDefinition<S extends z.ZodObject = z.ZodObject> {
  description: string;
  schema: S;
  producers: readonly EventSource[];
  /** Natural run keys, most specific first. */
  runKeys: readonly RunKey[];
}

const define = <S extends z.ZodObject>(d: EventDefinition<S>) => d;

const ProductBehaviour = z.object({ product: ProductDataSchema, context: BehaviourContextSchema });
const CART_PRODUCERS = ['track_api', 'standard'] as const;
const ALL_POS_AND_STORES = ['alleaves', 'shopify', 'woocommerce', 'standard'] as const;

/**
 * Every canonical event. Providers map into these names and nothing else; playbooks trigger on
 * exactly these names. docs/events.md describes each one.
 */
export const EVENT_CATALOGUE = {
  'customer.created': define({
    description: 'A sender reported a new customer. `customer.isNew` is false when the person matched an existing profile.',
    schema: z.object({ customer: CustomerDataSchema }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['customerId'],
  }),
  'customer.updated': define({
    description: "A sender reported a change to a customer's details or marketing consent.",
    schema: z.object({ customer: CustomerDataSchema }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['customerId'],
  }),
  'order.created': define({
    description: 'A new order at the counter (POS) or online.',
    schema: z.object({ order: OrderDataSchema }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['orderId', 'customerId'],
  }),
  'order.updated': define({
    description: 'An order changed: paid, completed, cancelled or edited. `previousStatus` is null when BakedBot had not seen the order before.',
    schema: z.object({ order: OrderDataSchema, previousStatus: OrderStatusSchema.nullable() }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['orderId', 'customerId'],
  }),
  'order.refunded': define({
    description: 'Money went back to the customer, fully or in part. `order.refundedCents` is the running total.',
    schema: z.object({ order: OrderDataSchema, refund: RefundDataSchema }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['orderId', 'customerId'],
  }),
  'checkout.started': define({
    description: 'A shopper began an online checkout.',
    schema: z.object({ checkout: CheckoutDataSchema }),
    producers: ['shopify', 'standard', 'track_api'],
    runKeys: ['checkoutToken', 'customerId'],
  }),
  'checkout.updated': define({
    description: 'A shopper changed an open checkout (items, contact details).',
    schema: z.object({ checkout: CheckoutDataSchema }),
    producers: ['shopify', 'standard'],
    runKeys: ['checkoutToken', 'customerId'],
  }),
  'cart.abandoned': define({
    description: "Derived by BakedBot: a checkout with no matching order after the tenant's delay (default 60 minutes).",
    schema: z.object({ checkout: CheckoutDataSchema, delayMinutes: z.number().int() }),
    producers: ['bakedbot'],
    runKeys: ['checkoutToken', 'customerId'],
  }),
  'cart.item_added': define({
    description: 'A shopper put a product in their cart.',
    schema: z.object({ product: ProductDataSchema, quantity: z.number().int(), cartId: z.string().nullable(), context: BehaviourContextSchema }),
    producers: CART_PRODUCERS,
    runKeys: ['customerId', 'productId'],
  }),
  'cart.item_removed': define({
    description: 'A shopper took a product out of their cart.',
    schema: z.object({ product: ProductDataSchema, quantity: z.number().int(), cartId: z.string().nullable(), context: BehaviourContextSchema }),
    producers: CART_PRODUCERS,
    runKeys: ['customerId', 'productId'],
  }),
  'inventory.updated': define({
    description: 'The units on hand of a product at a location changed.',
    schema: InventoryDataSchema,
    producers: ['alleaves', 'shopify', 'standard'],
    runKeys: ['productId'],
  }),
  'inventory.low_stock': define({
    description:
      'A product fell to or below its low-stock threshold at a location (reported by the POS, or derived by BakedBot from a stock update). Creates a staff notification.',
    schema: InventoryDataSchema,
    producers: ['alleaves', 'shopify', 'standard'],
    runKeys: ['productId'],
  }),
  'product.updated': define({
    description: 'A product was created or changed (name, price, category, active).',
    schema: z.object({ product: ProductDataSchema }),
    producers: ALL_POS_AND_STORES,
    runKeys: ['productId'],
  }),
  'product.deleted': define({
    description: 'A product was removed from the catalogue; BakedBot marks it inactive.',
    schema: z.object({ product: ProductDataSchema }),
    producers: ['alleaves', 'standard'],
    runKeys: ['productId'],
  }),
  'product.viewed': define({
    description: 'A shopper opened a product page.',
    schema: ProductBehaviour,
    producers: CART_PRODUCERS,
    runKeys: ['customerId', 'productId'],
  }),
  'menu.viewed': define({
    description: 'A shopper opened a menu.',
    schema: z.object({ menu: z.object({ name: z.string().nullable() }), context: BehaviourContextSchema }),
    producers: CART_PRODUCERS,
    runKeys: ['customerId'],
  }),
  'product.searched': define({
    description: 'A shopper searched the menu.',
    schema: z.object({ query: z.string(), resultCount: z.number().int().nullable(), context: BehaviourContextSchema }),
    producers: CART_PRODUCERS,
    runKeys: ['customerId'],
  }),
  'wishlist.added': define({
    description: 'A shopper saved a product to their wishlist.',
    schema: ProductBehaviour,
    producers: CART_PRODUCERS,
    runKeys: ['customerId', 'productId'],
  }),
  'review.posted': define({
    description: 'A shopper reviewed a product.',
    schema: z.object({
      product: ProductDataSchema,
      rating: z.number().int().min(1).max(5),
      title: z.string().nullable(),
      body: z.string().nullable(),
      context: BehaviourContextSchema,
    }),
    producers: CART_PRODUCERS,
    runKeys: ['customerId', 'productId'],
  }),
  'loyalty.points_earned': define({
    description: 'Derived by BakedBot: a customer was credited points (an order, a referral, a birthday, a playbook bonus). `loyalty` is the balance after.',
    schema: PointsEarnedDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'loyalty.tier_changed': define({
    description:
      'Derived by BakedBot: a customer reached a tier (on the order that crossed the line) or dropped one at requalification, after the grace period.',
    schema: TierChangedDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'loyalty.points_expiring': define({
    description: "Derived by BakedBot's daily loyalty job: some of a customer's points expire in the programme's reminder window (default 14 days).",
    schema: PointsExpiringDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'customer.birthday': define({
    description: "Derived by BakedBot at local midnight in the customer's zone on their birthday, once a year; any birthday bonus is already credited.",
    schema: CustomerDayDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'customer.anniversary': define({
    description: 'Derived by BakedBot at local midnight on the day the customer joined, once a year from the first anniversary.',
    schema: CustomerDayDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'customer.segment_changed': define({
    description:
      "Derived by BakedBot: a customer's CRM segment changed (an order or refund, the nightly scan of days since the last order, or new thresholds). Starts `segment_entered` playbooks.",
    schema: SegmentChangedDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
  'customer.saved_segment_entered': define({
    description:
      "Derived by BakedBot: a customer entered one of the dispensary's saved segments (an order or refund, the nightly pass, or the pass after the segment was saved). Starts `segment_entered` playbooks on that saved segment.",
    schema: SavedSegmentEnteredDataSchema,
    producers: ['bakedbot'],
    runKeys: ['customerId'],
  }),
} as const;

export type EventCatalogue = typeof EVENT_CATALOGUE;
export type EventName = keyof EventCatalogue;
export type EventData<N extends EventName = EventName> = N extends EventName ? z.infer<EventCatalogue[N]['schema']> : never;

const NAMES = Object.keys(EVENT_CATALOGUE) as EventName[];
export const EventNameSchema = z.enum(NAMES as [EventName, ...EventName[]]);

/** Every canonical event name, in catalogue order. */
export function listEventNames(): EventName[] {
  return [...NAMES];
}

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(EVENT_CATALOGUE, name);
}

export function getEventDefinition<N extends EventName>(name: N): EventCatalogue[N] {
  return EVENT_CATALOGUE[name];
}

/** The zod schema of an event's data, or undefined for a name outside the catalogue. */
export function getEventSchema<N extends EventName>(name: N): EventCatalogue[N]['schema'];
export function getEventSchema(name: string): z.ZodObject | undefined;
export function getEventSchema(name: string): z.ZodObject | undefined {
  return isEventName(name) ? EVENT_CATALOGUE[name].schema : undefined;
}

/** The names a given provider can produce. */
export function eventNamesProducedBy(source: EventSource): EventName[] {
  return NAMES.filter((n) => (EVENT_CATALOGUE[n].producers as readonly EventSource[]).includes(source));
}
