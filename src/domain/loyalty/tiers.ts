import { localDatePlus, wallClock, zonedInstant } from '../messaging/local-time';
import type { LoyaltyAccount, TierState } from './ledger';
import { monthKey } from './earning';
import { nextTier, tierById, tierForSpend, type Tier, type TierSettings } from './settings';

const MONTHS_KEPT = 13;

/** Adds net spend (negative for a refund) to its local month, keeping the last 13 months. */
export function addSpend(account: Pick<LoyaltyAccount, 'spendByMonth' | 'lifetimeSpendCents'>, cents: number, at: Date, timeZone: string, now: Date) {
  const key = monthKey(at, timeZone);
  const spendByMonth = { ...account.spendByMonth, [key]: (account.spendByMonth[key] ?? 0) + cents };
  const oldest = monthKeysBack(now, timeZone, MONTHS_KEPT).at(-1)!;
  for (const k of Object.keys(spendByMonth)) if (k < oldest) delete spendByMonth[k];
  return { spendByMonth, lifetimeSpendCents: Math.max(0, account.lifetimeSpendCents + cents) };
}

/** The month keys from `now`'s month back, newest first. */
function monthKeysBack(now: Date, timeZone: string, count: number): string[] {
  const w = wallClock(timeZone, now);
  const keys: string[] = [];
  for (let i = 0; i < count; i++) {
    const m = w.month - 1 - i;
    const y = w.year + Math.floor(m / 12);
    keys.push(`${y}-${String((((m % 12) + 12) % 12) + 1).padStart(2, '0')}`);
  }
  return keys;
}

/** Spend that counts for tiers now: lifetime, or this month and the eleven before it. */
export function qualifyingSpend(
  account: Pick<LoyaltyAccount, 'spendByMonth' | 'lifetimeSpendCents'>,
  window: TierSettings['qualificationWindow'],
  now: Date,
  timeZone: string,
): number {
  if (window === 'lifetime') return account.lifetimeSpendCents;
  return Math.max(
    0,
    monthKeysBack(now, timeZone, 12).reduce((s, k) => s + (account.spendByMonth[k] ?? 0), 0),
  );
}

/** The same local date a year on (29 February becomes 1 March), at local midnight. */
function aYearOn(at: Date, timeZone: string): Date {
  const w = wallClock(timeZone, at);
  const d = new Date(Date.UTC(w.year + 1, w.month - 1, w.day));
  return zonedInstant(timeZone, d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), 0);
}

function daysAfter(at: Date, days: number, timeZone: string): Date {
  const d = localDatePlus(timeZone, at, days);
  return zonedInstant(timeZone, d.year, d.month, d.day, 0);
}

export type TierChange =
  { kind: 'none' } | { kind: 'joined' | 'upgraded' | 'downgraded'; from: string | null; to: string } | { kind: 'grace_started'; tier: string; until: Date };

/**
 * Where a customer's tier stands at `now`, given their qualifying spend. Upgrades happen at once
 * (on the order that crosses the line). A customer below their tier keeps it until its
 * requalification date, then for the grace period, and drops only if still short after that,
 * straight to the tier their spend reaches: a refund or a quiet month never flickers a tier.
 * A tier that qualifies at its requalification date is renewed for another year.
 */
export function evaluateTier(
  state: TierState | null,
  spendCents: number,
  settings: TierSettings,
  now: Date,
  timeZone: string,
): { state: TierState; change: TierChange } {
  const tiers = settings.tiers;
  const qualified = tierForSpend(tiers, spendCents);
  const rank = (id: string) => tiers.findIndex((t) => t.id === id);
  const fresh = (t: Tier): TierState => ({ id: t.id, reachedAt: now, requalifyAt: aYearOn(now, timeZone), graceUntil: null });
  const current = state && tierById(tiers, state.id);
  if (!state || !current) return { state: fresh(qualified), change: { kind: 'joined', from: state?.id ?? null, to: qualified.id } };
  if (rank(qualified.id) > rank(current.id)) return { state: fresh(qualified), change: { kind: 'upgraded', from: current.id, to: qualified.id } };
  if (rank(qualified.id) === rank(current.id)) {
    if (now < state.requalifyAt && !state.graceUntil) return { state, change: { kind: 'none' } };
    // Qualifies again (at or after the date, or back above the line during grace): another year.
    let requalifyAt = state.requalifyAt;
    while (requalifyAt <= now) requalifyAt = aYearOn(requalifyAt, timeZone);
    return { state: { ...state, requalifyAt, graceUntil: null }, change: { kind: 'none' } };
  }
  if (now < state.requalifyAt) return { state, change: { kind: 'none' } };
  if (!state.graceUntil) {
    const until = daysAfter(state.requalifyAt, settings.graceDays, timeZone);
    if (now < until) return { state: { ...state, graceUntil: until }, change: { kind: 'grace_started', tier: current.id, until } };
  } else if (now < state.graceUntil) return { state, change: { kind: 'none' } };
  return { state: fresh(qualified), change: { kind: 'downgraded', from: current.id, to: qualified.id } };
}

/** When the daily job must look at this tier again (requalification or end of grace). */
export function tierReviewAt(state: TierState | null): Date | null {
  if (!state) return null;
  return state.graceUntil ?? state.requalifyAt;
}

export interface TierProgress {
  tier: Tier;
  next: Tier | null;
  spendCents: number;
  /** "Spend $120.00 more to reach Gold" / "Spend $40.00 more by Mar 3, 2027 to keep Gold" / null at the top and qualified. */
  toNextCents: number | null;
  toKeepCents: number | null;
  keepBy: Date | null;
  /** 0..1 towards the next tier, for the progress bar. */
  fraction: number;
}

export function tierProgress(state: TierState | null, spendCents: number, settings: TierSettings): TierProgress {
  const tiers = settings.tiers;
  const tier = tierById(tiers, state?.id) ?? tierForSpend(tiers, spendCents);
  const next = nextTier(tiers, tier);
  const toNextCents = next ? Math.max(0, next.minSpendCents - spendCents) : null;
  const short = Math.max(0, tier.minSpendCents - spendCents);
  const span = next ? next.minSpendCents - tier.minSpendCents : 1;
  const fraction = next ? Math.min(1, Math.max(0, (spendCents - tier.minSpendCents) / span)) : 1;
  return {
    tier,
    next,
    spendCents,
    toNextCents,
    toKeepCents: short > 0 ? short : null,
    keepBy: short > 0 ? (state?.graceUntil ?? state?.requalifyAt ?? null) : null,
    fraction,
  };
}

/**
 * The tier a customer brings from their previous programme: held from the import for a year, then
 * requalified by their spend here like any tier. Null when it would change nothing or take a tier
 * away (an import never lowers a tier the customer already holds here).
 */
export function importedTierState(current: TierState | null, tierId: string, settings: TierSettings, now: Date, timeZone: string): TierState | null {
  const rank = (id: string | undefined) => settings.tiers.findIndex((t) => t.id === id);
  if (rank(tierId) < 0) return null;
  if (current && rank(current.id) >= rank(tierId)) return null;
  return { id: tierId, reachedAt: now, requalifyAt: aYearOn(now, timeZone), graceUntil: null };
}
