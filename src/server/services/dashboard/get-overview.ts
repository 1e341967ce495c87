import { AggregateField } from 'firebase-admin/firestore';
import { DAY } from '@/domain/clock';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

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
 * Sales over the last 30 days and per week for 12 weeks, from aggregate queries; null for roles
 * that may not see revenue. The slowest part of the page (on the emulator, aggregations scan), so
 * the page streams it in after the rest.
 */
export async function getSalesOverview(ctx: ServiceContext): Promise<SalesOverview | null> {
  if (!seesRevenue(viewerOf(ctx.actor))) return null;
  const { orders } = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const salesBetween = async (from: Date, to: Date) => {
    const agg = await orders.ref
      .where('placedAt', '>=', from)
      .where('placedAt', '<', to)
      .aggregate({ n: AggregateField.count(), sum: AggregateField.sum('totalCents') })
      .get();
    return { orders: agg.data().n, cents: agg.data().sum ?? 0 };
  };
  const weekStarts = Array.from({ length: 12 }, (_, i) => ago(7 * (12 - i)));
  const [last30, ...weeks] = await Promise.all([
    salesBetween(ago(30), now),
    ...weekStarts.map((start) => salesBetween(start, new Date(start.getTime() + 7 * DAY))),
  ]);
  return {
    orders30d: last30!.orders,
    grossSales30dCents: last30!.cents,
    avgOrder30dCents: last30!.orders ? Math.round(last30!.cents / last30!.orders) : 0,
    weekly: weeks.map((w, i) => ({ weekStart: weekStarts[i]!.toISOString().slice(0, 10), orders: w.orders, grossSalesCents: w.cents })),
  };
}
