import type { LineItem } from '../order';
import { localDatePlus, wallClock, zonedInstant } from '../messaging/local-time';
import type { BonusWindow, PointsSettings } from './settings';

/** What an order earns on, and why: shown line by line in "Why this balance?". */
export interface EarningBreakdown {
  /** Sum of the line items that earn (excluded categories left out). */
  eligibleItemsCents: number;
  /** After the order's discount and tax, shared across the items in proportion, when the basis says so. */
  eligibleCents: number;
  pointsPerDollar: number;
  socialEquityMultiplier: number;
  tierMultiplier: number;
  bonusMultiplier: number;
  bonusName: string | null;
  points: number;
}

export interface OrderForEarning {
  lineItems: ReadonlyArray<Pick<LineItem, 'category' | 'totalCents'>>;
  subtotalCents: number;
  discountCents: number;
  taxCents: number;
  placedAt: Date;
}

/** Multipliers carry at most two decimals; working in hundredths keeps the arithmetic exact. */
const hundredths = (x: number) => BigInt(Math.round(x * 100));

/** The highest "double points" style window active when the order was placed (windows do not stack). */
export function activeBonus(windows: readonly BonusWindow[], at: Date): BonusWindow | null {
  let best: BonusWindow | null = null;
  for (const w of windows) if (w.startsAt <= at && at < w.endsAt && (!best || w.multiplier > best.multiplier)) best = w;
  return best;
}

/**
 * Points an order earns: eligible amount in whole dollars × points per dollar × social-equity
 * multiplier × tier multiplier × the best active bonus window, rounded down to a whole point.
 */
export function pointsForOrder(order: OrderForEarning, settings: PointsSettings, tierMultiplier: number): EarningBreakdown {
  const excluded = new Set(settings.excludedCategories.map((c) => c.toLowerCase()));
  const eligibleItemsCents = Math.max(
    0,
    order.lineItems.filter((li) => !li.category || !excluded.has(li.category.toLowerCase())).reduce((s, li) => s + li.totalCents, 0),
  );
  // Discount and tax belong to the whole order; the eligible items carry their share of each.
  const share = order.subtotalCents > 0 ? Math.min(1, eligibleItemsCents / order.subtotalCents) : 1;
  let eligible = eligibleItemsCents;
  if (settings.basis.afterDiscounts) eligible -= Math.round(order.discountCents * share);
  if (settings.basis.includeTax) eligible += Math.round(order.taxCents * share);
  eligible = Math.max(0, eligible);
  const bonus = activeBonus(settings.bonusWindows, order.placedAt);
  const bonusMultiplier = bonus?.multiplier ?? 1;
  // cents × (ppd × eq × tier × bonus, each in hundredths) / (100 cents × 100^4)
  const scaled =
    BigInt(eligible) *
    hundredths(settings.pointsPerDollar) *
    hundredths(settings.socialEquityMultiplier) *
    hundredths(tierMultiplier) *
    hundredths(bonusMultiplier);
  const points = Number(scaled / 10_000_000_000n);
  return {
    eligibleItemsCents,
    eligibleCents: eligible,
    pointsPerDollar: settings.pointsPerDollar,
    socialEquityMultiplier: settings.socialEquityMultiplier,
    tierMultiplier,
    bonusMultiplier,
    bonusName: bonus?.name ?? null,
    points,
  };
}

/**
 * The points a refund takes back: the share of the order's points that the refunded amount was of
 * its total, counted cumulatively so partial refunds add up to exactly the points earned.
 */
export function pointsToReverse(earnedPoints: number, orderTotalCents: number, refundedCents: number, alreadyReversed: number): number {
  if (earnedPoints <= 0 || orderTotalCents <= 0) return 0;
  const fraction = Math.min(1, Math.max(0, refundedCents / orderTotalCents));
  const target = refundedCents >= orderTotalCents ? earnedPoints : Math.floor(earnedPoints * fraction);
  return Math.max(0, target - alreadyReversed);
}

/** Local midnight at the start of the day `days` after `at`'s local date. */
export function localMidnightAfter(timeZone: string, at: Date, days: number): Date {
  const d = localDatePlus(timeZone, at, days);
  return zonedInstant(timeZone, d.year, d.month, d.day, 0);
}

/** When points earned at `at` become spendable: at once, or at local midnight after the return window. */
export function availableAtFor(at: Date, returnWindowDays: number, timeZone: string): Date {
  return returnWindowDays <= 0 ? at : localMidnightAfter(timeZone, at, returnWindowDays);
}

/**
 * When points earned at `at` expire: the local midnight that ends the same calendar day `months`
 * later (a day that does not exist, such as 31 February, becomes the month's last day). Expiry
 * dates are whole days, so one day's credits share a lot.
 */
export function expiresAtFor(at: Date, months: number | null, timeZone: string): Date | null {
  if (months === null) return null;
  const w = wallClock(timeZone, at);
  const monthIndex = w.month - 1 + months;
  const year = w.year + Math.floor(monthIndex / 12);
  const month = (monthIndex % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const day = Math.min(w.day, lastDay);
  const next = new Date(Date.UTC(year, month - 1, day + 1));
  return zonedInstant(timeZone, next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0);
}

/** "2026-11": the local month an instant falls in, for the spend buckets. */
export function monthKey(at: Date, timeZone: string): string {
  const w = wallClock(timeZone, at);
  return `${w.year}-${String(w.month).padStart(2, '0')}`;
}
