import { reportWeeks, type CohortRow, type DayRange, type FunnelStep, type SegmentMovement } from '@/domain/agents/pops';
import { addDays } from '@/domain/analytics/rollup-day';
import { can } from '@/domain/roles';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { rollupTimeZone } from '../analytics/rollups-in-tx';
import { credential } from '../messaging/messaging-config';
import { queryCohortLtv, queryRepeatFunnel, querySales, querySegmentMovement, queryTopProducts } from './pops-queries';

export interface PopsWeek {
  range: DayRange;
  sales: Awaited<ReturnType<typeof querySales>>['totals'];
  byDay: Awaited<ReturnType<typeof querySales>>['byDay'];
  topProducts: Awaited<ReturnType<typeof queryTopProducts>>['products'];
  movement: SegmentMovement;
}

/** Pops's cards: last week against the week before, cohorts and the repeat funnel. */
export interface PopsReport {
  timeZone: string;
  lastWeek: PopsWeek;
  weekBefore: PopsWeek;
  /** Net sales per day over the last eight weeks, for the trend chart. */
  trend: Awaited<ReturnType<typeof querySales>>['byDay'];
  cohorts: CohortRow[];
  funnel: FunnelStep[];
  /** Whether questions in plain words can go to Claude (a key is set); otherwise the ready questions only. */
  aiAvailable: boolean;
}

async function week(ctx: ServiceContext, range: DayRange): Promise<PopsWeek> {
  const [sales, top, moves] = await Promise.all([querySales(ctx, range), queryTopProducts(ctx, { ...range, limit: 10 }), querySegmentMovement(ctx, range)]);
  const { from: _f, to: _t, ...movement } = moves;
  return { range, sales: sales.totals, byDay: sales.byDay, topProducts: top.products, movement };
}

/** Everything Pops reports, as of the injected clock's week: owners and admins (revenue). */
export async function getPopsReport(ctx: ServiceContext): Promise<PopsReport> {
  if (!ctx.actor.role || !can(ctx.actor.role, 'analytics:read')) throw errors.forbidden('Pops’s reports are for owners and admins.');
  return buildPopsReport(ctx);
}

/** The report without the role check: for the scheduled email, which runs as the system. */
export async function buildPopsReport(ctx: ServiceContext): Promise<PopsReport> {
  const timeZone = await rollupTimeZone(ctx.orgId);
  const { lastWeek, weekBefore } = reportWeeks(ctx.clock.now(), timeZone);
  const [last, before, trend, cohorts, funnel, key] = await Promise.all([
    week(ctx, lastWeek),
    week(ctx, weekBefore),
    querySales(ctx, { from: addDays(lastWeek.to, -55), to: lastWeek.to }),
    queryCohortLtv(ctx, { months: 6 }, timeZone),
    queryRepeatFunnel(ctx),
    credential('ANTHROPIC_API_KEY', ctx.orgId),
  ]);
  return { timeZone, lastWeek: last, weekBefore: before, trend: trend.byDay, cohorts: cohorts.months, funnel: funnel.steps, aiAvailable: !!key };
}
