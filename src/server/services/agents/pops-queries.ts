import { AggregateField } from 'firebase-admin/firestore';
import { z } from 'zod';
import {
  cohortMonths,
  cohortRow,
  FUNNEL_STEPS,
  repeatFunnel,
  salesByDay,
  segmentMovementOf,
  sumDays,
  topProductsOf,
  type CohortRow,
  type DayRange,
  type FunnelStep,
  type SegmentMovement,
} from '@/domain/agents/pops';
import { salesOf } from '@/domain/analytics/rollup';
import { daysBetween, DAY_KEY_PATTERN } from '@/domain/analytics/rollup-day';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { readRollupDays } from '../analytics/read-rollups';

/**
 * Pops's typed queries (docs/agents.md, Pops): the cards, the weekly email, the ready questions and
 * Claude's tools all call these, so every figure Pops states comes from one of them. Sales, products
 * and segment moves read the daily rollups; cohorts and the repeat funnel are aggregate queries
 * over the customer profiles (a bounded number of them, whatever the number of customers).
 */
type ReadCtx = Pick<ServiceContext, 'orgId'>;

/** A range of local days; a year at most, so a question cannot make Pops read more than 366 days of rollups. */
export const DayRangeSchema = z
  .object({
    from: z.string().regex(DAY_KEY_PATTERN, 'Use YYYY-MM-DD'),
    to: z.string().regex(DAY_KEY_PATTERN, 'Use YYYY-MM-DD'),
  })
  .refine((r) => r.from <= r.to, { message: '`from` must not be after `to`', path: ['from'] })
  .refine((r) => r.from > r.to || daysBetween(r.from, r.to).length <= 366, { message: 'Ask about a year at most', path: ['to'] });

function range(input: unknown): DayRange {
  const parsed = DayRangeSchema.safeParse(input);
  if (!parsed.success) throw errors.badRequest(parsed.error.issues[0]!.message);
  return parsed.data;
}

export async function querySales(ctx: ReadCtx, input: DayRange) {
  const r = range(input);
  const days = await readRollupDays(ctx.orgId, r.from, r.to, {
    parts: ['sales'],
    fields: ['orders', 'grossSalesCents', 'refunds', 'refundedCents', 'customerOrders', 'newCustomers'],
  });
  return { ...r, totals: salesOf(sumDays(days, r)), byDay: salesByDay(days, r) };
}

export const TopProductsSchema = DayRangeSchema.and(z.object({ limit: z.number().int().min(1).max(25).default(10) }));

export async function queryTopProducts(ctx: ReadCtx, input: z.input<typeof TopProductsSchema>) {
  const parsed = TopProductsSchema.safeParse(input);
  if (!parsed.success) throw errors.badRequest(parsed.error.issues[0]!.message);
  const { from, to, limit } = parsed.data;
  const days = await readRollupDays(ctx.orgId, from, to, { parts: ['sales'], fields: ['products'] });
  const top = topProductsOf(sumDays(days, { from, to }), limit);
  // Names from the catalogue where the key is a product id; a line's name stands for itself.
  const tdb = tenantDb(ctx.orgId);
  const ids = top.map((p) => p.key).filter((k) => /^[A-Za-z0-9_\-:.]{1,128}$/.test(k));
  const found = ids.length ? await tdb.products.ref.firestore.getAll(...ids.map((id) => tdb.products.ref.doc(id))) : [];
  const names = new Map(found.filter((s) => s.exists).map((s) => [s.id, (s.data() as { name: string }).name]));
  return { from, to, products: top.map((p) => ({ name: names.get(p.key) ?? p.key, ...p })) };
}

export async function querySegmentMovement(ctx: ReadCtx, input: DayRange): Promise<DayRange & SegmentMovement> {
  const r = range(input);
  const days = await readRollupDays(ctx.orgId, r.from, r.to, { parts: ['sales'], fields: ['segmentMoves', 'segmentsEntered'] });
  return { ...r, ...segmentMovementOf(sumDays(days, r)) };
}

export const CohortInputSchema = z.object({ months: z.number().int().min(1).max(24).default(6) });

/**
 * Lifetime value by the month of the first order: one count-and-sum aggregate per month over the
 * profiles, whose lifetimeValueCents already follows refunds and voids. Rollups cannot keep this
 * exactly: a late or voided earlier order moves a customer to another cohort with all their spend.
 */
export async function queryCohortLtv(ctx: ReadCtx & Pick<ServiceContext, 'clock'>, input: z.input<typeof CohortInputSchema>, timeZone: string) {
  const { months } = CohortInputSchema.parse(input);
  const customers = tenantDb(ctx.orgId).customers.ref;
  const rows: CohortRow[] = await Promise.all(
    cohortMonths(ctx.clock.now(), timeZone, months).map(async (m) => {
      const snap = await customers
        .where('firstOrderAt', '>=', m.start)
        .where('firstOrderAt', '<', m.end)
        .aggregate({ customers: AggregateField.count(), ltv: AggregateField.sum('lifetimeValueCents') })
        .get();
      const d = snap.data();
      return cohortRow(m.month, d.customers, Math.round(d.ltv ?? 0));
    }),
  );
  return { months: rows };
}

/** Customers with at least 1, 2, 3 and 5 orders: one count per step over the profiles. */
export async function queryRepeatFunnel(ctx: ReadCtx): Promise<{ steps: FunnelStep[] }> {
  const customers = tenantDb(ctx.orgId).customers.ref;
  const counts = await Promise.all(FUNNEL_STEPS.map(async (n) => (await customers.where('orderCount', '>=', n).count().get()).data().count));
  return { steps: repeatFunnel(counts) };
}

/** Per playbook over the range: messages sent, conversions and attributed revenue, from the message rollups. */
export async function queryPlaybookResults(ctx: ReadCtx, input: DayRange) {
  const r = range(input);
  const days = await readRollupDays(ctx.orgId, r.from, r.to, { parts: ['messages'], fields: ['playbooks'] });
  const byId = new Map<string, { sends: number; conversions: number; attributedRevenueCents: number }>();
  for (const [k, v] of Object.entries(sumDays(days, r))) {
    const [group, id, , field] = JSON.parse(k) as string[];
    if (group !== 'playbooks' || !id || !field) continue;
    const p = byId.get(id) ?? { sends: 0, conversions: 0, attributedRevenueCents: 0 };
    if (field === 'sends' || field === 'conversions' || field === 'attributedRevenueCents') p[field] += v;
    byId.set(id, p);
  }
  const tdb = tenantDb(ctx.orgId);
  const ids = [...byId.keys()].slice(0, 50);
  const snaps = ids.length ? await tdb.playbooks.ref.firestore.getAll(...ids.map((id) => tdb.playbooks.ref.doc(id))) : [];
  const names = new Map(snaps.filter((s) => s.exists).map((s) => [s.id, (s.data() as { name: string }).name]));
  const playbooks = ids
    .map((id) => ({ id, name: names.get(id) ?? 'A deleted playbook', ...byId.get(id)! }))
    .sort((a, b) => b.attributedRevenueCents - a.attributedRevenueCents || b.sends - a.sends);
  return { ...r, playbooks };
}
