import { salesOf, type Tally } from '../analytics/rollup';
import { addDays, dayStart, daysBetween, localDayKey, type DayKey } from '../analytics/rollup-day';

/**
 * Pops, the analyst (docs/agents.md, Pops): his figures are plain sums over the daily rollups, the
 * customer profiles' cohorts and order counts. Everything here is pure: the services read, this adds.
 */

export interface DayRange {
  from: DayKey;
  to: DayKey;
}

/** Last week (Monday to Sunday, in the dispensary's zone) and the week before it. */
export function reportWeeks(now: Date, timeZone: string): { lastWeek: DayRange; weekBefore: DayRange } {
  const today = localDayKey(now, timeZone);
  // 0 = Monday: the calendar weekday of a YYYY-MM-DD key does not depend on the zone.
  const weekday = (new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7;
  const thisMonday = addDays(today, -weekday);
  const lastMonday = addDays(thisMonday, -7);
  const mondayBefore = addDays(lastMonday, -7);
  return { lastWeek: { from: lastMonday, to: addDays(lastMonday, 6) }, weekBefore: { from: mondayBefore, to: addDays(mondayBefore, 6) } };
}

/** The tallies of the days in `range`, added up. */
export function sumDays(days: ReadonlyMap<DayKey, Tally>, range: DayRange): Tally {
  const out: Tally = {};
  for (const day of daysBetween(range.from, range.to)) for (const [k, v] of Object.entries(days.get(day) ?? {})) out[k] = (out[k] ?? 0) + v;
  return out;
}

export type SalesFigures = ReturnType<typeof salesOf>;

export interface DaySales {
  day: DayKey;
  orders: number;
  netSalesCents: number;
}

export function salesByDay(days: ReadonlyMap<DayKey, Tally>, range: DayRange): DaySales[] {
  return daysBetween(range.from, range.to).map((day) => {
    const s = salesOf(days.get(day) ?? {});
    return { day, orders: s.orders, netSalesCents: s.netSalesCents };
  });
}

export interface ProductSales {
  /** The rollup key: the product id, else the line's name. */
  key: string;
  units: number;
  revenueCents: number;
}

/** Top sellers of a tally: by line revenue, then units. */
export function topProductsOf(t: Tally, limit: number): ProductSales[] {
  const byKey = new Map<string, ProductSales>();
  for (const [k, v] of Object.entries(t)) {
    const path = JSON.parse(k) as string[];
    if (path[0] !== 'products' || path.length !== 3) continue;
    const p = byKey.get(path[1]!) ?? { key: path[1]!, units: 0, revenueCents: 0 };
    if (path[2] === 'units') p.units += v;
    if (path[2] === 'revenueCents') p.revenueCents += v;
    byKey.set(p.key, p);
  }
  return [...byKey.values()]
    .filter((p) => p.units > 0 || p.revenueCents > 0)
    .sort((a, b) => b.revenueCents - a.revenueCents || b.units - a.units || a.key.localeCompare(b.key))
    .slice(0, limit);
}

export interface SegmentMovement {
  wonBack: number;
  slipping: number;
  churned: number;
  /** Customers who entered each segment. */
  entered: Record<string, number>;
}

export function segmentMovementOf(t: Tally): SegmentMovement {
  const n = (...path: string[]) => t[JSON.stringify(path)] ?? 0;
  const entered: Record<string, number> = {};
  for (const [k, v] of Object.entries(t)) {
    const path = JSON.parse(k) as string[];
    if (path[0] === 'segmentsEntered' && v) entered[path[1]!] = v;
  }
  return { wonBack: n('segmentMoves', 'wonBack'), slipping: n('segmentMoves', 'slipping'), churned: n('segmentMoves', 'churned'), entered };
}

/** A calendar month, "YYYY-MM". */
export type MonthKey = string;

/** The last `count` months up to the current one (oldest first), each with the instants it begins and ends in the zone. */
export function cohortMonths(now: Date, timeZone: string, count: number): Array<{ month: MonthKey; start: Date; end: Date }> {
  const [y, m] = localDayKey(now, timeZone).split('-').map(Number) as [number, number];
  const out: Array<{ month: MonthKey; start: Date; end: Date }> = [];
  for (let i = count - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(y, m - 1 - i, 1));
    const next = new Date(Date.UTC(y, m - i, 1));
    const key = (d: Date) => `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    out.push({ month: key(first), start: dayStart(`${key(first)}-01`, timeZone), end: dayStart(`${key(next)}-01`, timeZone) });
  }
  return out;
}

export interface CohortRow {
  month: MonthKey;
  /** Customers whose first counting order fell in the month. */
  customers: number;
  /** What they have spent to date, net of refunds. */
  lifetimeValueCents: number;
  /** lifetimeValueCents / customers, rounded to the cent (0 for an empty cohort). */
  averageCents: number;
}

export const cohortRow = (month: MonthKey, customers: number, lifetimeValueCents: number): CohortRow => ({
  month,
  customers,
  lifetimeValueCents,
  averageCents: customers ? Math.round(lifetimeValueCents / customers) : 0,
});

export const FUNNEL_STEPS = [1, 2, 3, 5] as const;

export interface FunnelStep {
  /** Customers with at least this many orders. */
  minOrders: number;
  customers: number;
  /** Share of the step before (the first step: of all customers with an order), 0..1. */
  ofPrevious: number;
}

export function repeatFunnel(counts: readonly number[]): FunnelStep[] {
  return FUNNEL_STEPS.map((minOrders, i) => {
    const customers = counts[i] ?? 0;
    const before = i === 0 ? customers : (counts[i - 1] ?? 0);
    return { minOrders, customers, ofPrevious: before ? customers / before : 0 };
  });
}

/** Change from `before` to `after` in plain words: "up 12%", "down 3%", "flat", or "new" when there was nothing before. */
export function changeWords(after: number, before: number): string {
  if (before === 0) return after === 0 ? 'flat' : 'new this week';
  const pct = Math.round(((after - before) / Math.abs(before)) * 100);
  if (pct === 0) return 'flat';
  return pct > 0 ? `up ${pct}%` : `down ${-pct}%`;
}

/** Questions anyone can ask without AI: each is answered from one typed query. */
export const READY_QUESTIONS = [
  { id: 'sales_last_week', question: 'How did sales do last week compared with the week before?' },
  { id: 'top_sellers', question: 'What sold best last week?' },
  { id: 'segment_movement', question: 'How many customers did we win back, and how many are slipping or churned?' },
  { id: 'repeat_funnel', question: 'How many customers come back for a second order?' },
  { id: 'best_cohort', question: 'Which month’s new customers are worth the most so far?' },
] as const;
export type ReadyQuestionId = (typeof READY_QUESTIONS)[number]['id'];
