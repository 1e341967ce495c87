import { salesOf } from '@/domain/analytics/rollup';
import { addDays, daysBetween, localDayKey } from '@/domain/analytics/rollup-day';
import { DAY } from '@/domain/clock';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { readRollupDays } from '../analytics/read-rollups';
import { rollupTimeZone } from '../analytics/rollups-in-tx';

export interface Overview {
  customers: number;
  activeCustomers90d: number;
  newCustomers30d: number;
  /** Present only for roles that may see revenue. */
  sales?: {
    orders30d: number;
    grossSales30dCents: number;
    avgOrder30dCents: number;
    weekly: Array<{ weekStart: string; orders: number; grossSalesCents: number }>;
  };
}

/** The customer counts on the dashboard's first page, from count queries (no document scans). */
export type CustomerCounts = Omit<Overview, 'sales'>;
export type SalesOverview = NonNullable<Overview['sales']>;

export async function getCustomerCounts(ctx: ServiceContext): Promise<CustomerCounts> {
  const { customers } = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const [total, active, fresh] = await Promise.all([
    customers.ref.count().get(),
    customers.ref.where('lastOrderAt', '>=', ago(90)).count().get(),
    customers.ref.where('createdAt', '>=', ago(30)).count().get(),
  ]);
  return { customers: total.data().count, activeCustomers90d: active.data().count, newCustomers30d: fresh.data().count };
}

/**
 * Sales over the last 30 local days and per week for 12 weeks (the last ending today), from the
 * daily rollups: one query of at most 84 days' sales shards, whatever the number of orders; null for
 * roles that may not see revenue. The page still streams it in after the customer counts.
 */
export async function getSalesOverview(ctx: ServiceContext): Promise<SalesOverview | null> {
  if (!seesRevenue(viewerOf(ctx.actor))) return null;
  const timeZone = await rollupTimeZone(ctx.orgId);
  const today = localDayKey(ctx.clock.now(), timeZone);
  const days = await readRollupDays(ctx.orgId, addDays(today, -(7 * 12 - 1)), today, { parts: ['sales'], fields: ['orders', 'grossSalesCents'] });
  const salesFrom = (first: string, last: string) => {
    let orders = 0;
    let cents = 0;
    for (const d of daysBetween(first, last)) {
      const s = salesOf(days.get(d) ?? {});
      orders += s.orders;
      cents += s.grossSalesCents;
    }
    return { orders, cents };
  };
  const last30 = salesFrom(addDays(today, -29), today);
  const weekStarts = Array.from({ length: 12 }, (_, i) => addDays(today, -7 * (12 - i) + 1));
  return {
    orders30d: last30.orders,
    grossSales30dCents: last30.cents,
    avgOrder30dCents: last30.orders ? Math.round(last30.cents / last30.orders) : 0,
    weekly: weekStarts.map((weekStart) => {
      const w = salesFrom(weekStart, addDays(weekStart, 6));
      return { weekStart, orders: w.orders, grossSalesCents: w.cents };
    }),
  };
}
