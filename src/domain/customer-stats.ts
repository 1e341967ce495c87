import type { Order } from './order';
import { orderCounts, orderNetCents } from './order';

export interface CustomerStats {
  lifetimeValueCents: number;
  orderCount: number;
  avgOrderValueCents: number;
  firstOrderAt: Date | null;
  lastOrderAt: Date | null;
}

export const EMPTY_STATS: CustomerStats = {
  lifetimeValueCents: 0,
  orderCount: 0,
  avgOrderValueCents: 0,
  firstOrderAt: null,
  lastOrderAt: null,
};

/**
 * Aggregates recomputed from the orders themselves, so a redelivered, reordered or refunded
 * order can never be counted twice: the result depends only on the set of orders.
 */
export function computeCustomerStats(orders: ReadonlyArray<Pick<Order, 'status' | 'totalCents' | 'refundedCents' | 'placedAt'>>): CustomerStats {
  let ltv = 0;
  let count = 0;
  let first: Date | null = null;
  let last: Date | null = null;
  for (const o of orders) {
    ltv += orderNetCents(o);
    if (!orderCounts(o)) continue;
    count += 1;
    if (!first || o.placedAt < first) first = o.placedAt;
    if (!last || o.placedAt > last) last = o.placedAt;
  }
  return {
    lifetimeValueCents: ltv,
    orderCount: count,
    avgOrderValueCents: count ? Math.round(ltv / count) : 0,
    firstOrderAt: first,
    lastOrderAt: last,
  };
}
