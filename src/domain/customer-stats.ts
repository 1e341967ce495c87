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

type StatsOrder = Pick<Order, 'status' | 'totalCents' | 'refundedCents' | 'placedAt'>;

/** What the first or last order date must be found again from: the order that held it changed. */
export interface BoundaryLookups {
  first: boolean;
  last: boolean;
}

/**
 * The aggregates after one order of the customer changed from `before` to `after` (null when the
 * order was not, or is no longer, theirs), without reading their other orders: the sums move by
 * the difference, and a date the new order extends moves with it. Equal to computeCustomerStats
 * over the new set of orders, provided `current` was; so a redelivery (before equals after)
 * changes nothing. When the order that held the first or last date stops counting or moves
 * inward, that date cannot be known from here: `lookups` asks the caller for the customer's next
 * counting order in that direction (excluding this one), to pass to withBoundaries.
 */
export function adjustStats(current: CustomerStats, before: StatsOrder | null, after: StatsOrder | null): { stats: CustomerStats; lookups: BoundaryLookups } {
  const was = before && orderCounts(before) ? before.placedAt : null;
  const now = after && orderCounts(after) ? after.placedAt : null;
  const lifetimeValueCents = current.lifetimeValueCents - (before ? orderNetCents(before) : 0) + (after ? orderNetCents(after) : 0);
  const orderCount = current.orderCount - (was ? 1 : 0) + (now ? 1 : 0);
  const same = (a: Date | null, b: Date | null) => (a && b ? a.getTime() === b.getTime() : a === b);
  const lookups = { first: false, last: false };
  let first = current.firstOrderAt;
  let last = current.lastOrderAt;
  if (was && same(was, first) && !(now && now <= was)) lookups.first = true;
  if (was && same(was, last) && !(now && now >= was)) lookups.last = true;
  if (now && (!first || now < first)) {
    first = now;
    lookups.first = false;
  }
  if (now && (!last || now > last)) {
    last = now;
    lookups.last = false;
  }
  if (orderCount === 0) {
    first = null;
    last = null;
    lookups.first = lookups.last = false;
  }
  return { stats: withAverage({ lifetimeValueCents, orderCount, firstOrderAt: first, lastOrderAt: last }), lookups };
}

/**
 * Completes an adjustment that asked for lookups: `nextFirst`/`nextLast` are the dates of the
 * customer's earliest/latest other counting order (null when none), `after` the changed order.
 */
export function withBoundaries(
  adjusted: CustomerStats,
  lookups: BoundaryLookups,
  found: { nextFirst?: Date | null; nextLast?: Date | null },
  after: StatsOrder | null,
): CustomerStats {
  const now = after && orderCounts(after) ? after.placedAt : null;
  const pick = (a: Date | null | undefined, b: Date | null, earlier: boolean) => {
    if (!a) return b;
    if (!b) return a;
    return earlier === a < b ? a : b;
  };
  return {
    ...adjusted,
    firstOrderAt: lookups.first ? pick(found.nextFirst, now, true) : adjusted.firstOrderAt,
    lastOrderAt: lookups.last ? pick(found.nextLast, now, false) : adjusted.lastOrderAt,
  };
}

function withAverage(s: Omit<CustomerStats, 'avgOrderValueCents'>): CustomerStats {
  return { ...s, avgOrderValueCents: s.orderCount ? Math.round(s.lifetimeValueCents / s.orderCount) : 0 };
}
