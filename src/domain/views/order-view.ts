import type { LineItem, Order } from '../order';
import { pickFields, seesRevenue, type Viewer } from './viewer';

/** What a budtender sees of an order: what was bought and when, never what it cost. */
export const COUNTER_ORDER_FIELDS = [
  'id',
  'customerId',
  'locationId',
  'source',
  'status',
  'number',
  'placedAt',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Order>;
export const COUNTER_LINE_ITEM_FIELDS = ['productId', 'sku', 'name', 'category', 'quantity'] as const satisfies ReadonlyArray<keyof LineItem>;

export type LineItemView = Pick<LineItem, (typeof COUNTER_LINE_ITEM_FIELDS)[number]> & Partial<LineItem>;
export type OrderView = Pick<Order, (typeof COUNTER_ORDER_FIELDS)[number]> & Partial<Omit<Order, 'lineItems'>> & { lineItems: LineItemView[] };

export function orderViewFor(viewer: Viewer, order: Order): OrderView {
  if (seesRevenue(viewer)) return order;
  return { ...pickFields(order, COUNTER_ORDER_FIELDS), lineItems: order.lineItems.map((li) => pickFields(li, COUNTER_LINE_ITEM_FIELDS)) };
}
