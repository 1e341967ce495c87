import { z } from 'zod';
import { IdSchema } from '../common';

/**
 * The points ledger: an append-only list of lines per customer (tenants/{orgId}/loyalty_transactions),
 * and the account that the lines add up to (tenants/{orgId}/loyalty_accounts/{customerId}). The
 * account holds the open "lots" of points (what is left of each credit, with when it becomes
 * spendable and when it expires), so spending and expiry are first in, first out, and
 * sum(lines) = sum(lots) = the balance at all times. Every function here is pure: the services
 * read the account, call one of these and write the line and the account in one transaction.
 */

export const LEDGER_TYPES = [
  'earn',
  'redeem',
  'redeem_cancel',
  'adjust',
  'expire',
  'refund_reversal',
  'referral',
  'birthday',
  'anniversary',
  'bonus',
  'opening_balance',
] as const;
export const LedgerTypeSchema = z.enum(LEDGER_TYPES);
export type LedgerType = z.infer<typeof LedgerTypeSchema>;

/** Credits that count as points earned (lifetime earned); redeem_cancel only gives back what was spent. */
const EARNING_TYPES: ReadonlySet<LedgerType> = new Set(['earn', 'referral', 'birthday', 'anniversary', 'bonus', 'opening_balance', 'adjust']);

export const LedgerActorSchema = z.object({
  kind: z.enum(['staff', 'system', 'customer']),
  /** Staff uid, "system:<job>", or the customer id. */
  id: z.string().min(1).max(200),
  /** What people read in the history: "Dana (owner)", "Order pipeline", "Birthday job". */
  name: z.string().max(120),
});
export type LedgerActor = z.infer<typeof LedgerActorSchema>;

export const LedgerSourceSchema = z.object({
  orderId: z.string().nullable().default(null),
  redemptionId: z.string().nullable().default(null),
  runId: z.string().nullable().default(null),
  stepId: z.string().nullable().default(null),
  referralId: z.string().nullable().default(null),
  importId: z.string().nullable().default(null),
});
export type LedgerSource = z.infer<typeof LedgerSourceSchema>;

export const LedgerLineSchema = z.object({
  id: IdSchema,
  customerId: IdSchema,
  type: LedgerTypeSchema,
  /** The change to the balance: positive for credits, negative (or 0) for debits. */
  points: z.number().int(),
  /** Total points (spendable and pending) after this line. Never negative. */
  balanceAfter: z.number().int().nonnegative(),
  /** A debit that could not be taken in full (a refund after the points were spent): what was missing. */
  shortfall: z.number().int().nonnegative().default(0),
  source: LedgerSourceSchema,
  actor: LedgerActorSchema,
  /** Why: required for adjustments and staff overrides; a short description otherwise. */
  reason: z.string().max(300).nullable(),
  at: z.date(),
  /** Credits: when the points become spendable (after the return window). */
  availableAt: z.date().nullable().default(null),
  /** Credits: when what is left of them expires; null never. */
  expiresAt: z.date().nullable().default(null),
  /** The effect's natural key ("earn:ord_123"); the line id derives from it, so an effect posts once. */
  idempotencyKey: z.string().min(1).max(300),
});
export type LedgerLine = z.infer<typeof LedgerLineSchema>;

export const LotSchema = z.object({
  points: z.number().int().positive(),
  availableAt: z.date(),
  expiresAt: z.date().nullable(),
});
export type Lot = z.infer<typeof LotSchema>;

export const TierStateSchema = z.object({
  id: z.string(),
  reachedAt: z.date(),
  /** The next date the customer's spend is checked against the tier; downgrades happen only from then. */
  requalifyAt: z.date(),
  /** Set when a requalification fell short: the tier is kept until then, and lost after if still short. */
  graceUntil: z.date().nullable(),
});
export type TierState = z.infer<typeof TierStateSchema>;

export const LoyaltyAccountSchema = z.object({
  id: IdSchema,
  /** Open lots, oldest expiry first. */
  lots: z.array(LotSchema).max(2_000),
  balance: z.number().int().nonnegative(),
  lifetimeEarned: z.number().int().nonnegative(),
  lines: z.number().int().nonnegative(),
  /** Net spend per local month ("2026-11": cents), for the rolling tier window; kept 13 months. */
  spendByMonth: z.record(z.string().regex(/^\d{4}-\d{2}$/), z.number().int()),
  lifetimeSpendCents: z.number().int().nonnegative(),
  tier: TierStateSchema.nullable(),
  updatedAt: z.date(),
});
export type LoyaltyAccount = z.infer<typeof LoyaltyAccountSchema>;

export function emptyAccount(customerId: string, now: Date): LoyaltyAccount {
  return { id: customerId, lots: [], balance: 0, lifetimeEarned: 0, lines: 0, spendByMonth: {}, lifetimeSpendCents: 0, tier: null, updatedAt: now };
}

export class InsufficientPointsError extends Error {
  constructor(
    readonly needed: number,
    readonly available: number,
  ) {
    super(`Not enough points: ${needed.toLocaleString('en-US')} needed, ${available.toLocaleString('en-US')} available to spend.`);
    this.name = 'InsufficientPointsError';
  }
}

const expiryOrder = (a: Lot, b: Lot) =>
  (a.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) - (b.expiresAt?.getTime() ?? Number.POSITIVE_INFINITY) ||
  a.availableAt.getTime() - b.availableAt.getTime();

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** Credits with the same availability and expiry share a lot, so an account stays small however many orders. */
function addLot(lots: readonly Lot[], lot: Lot): Lot[] {
  const i = lots.findIndex((l) => sameTime(l.availableAt, lot.availableAt) && sameTime(l.expiresAt, lot.expiresAt));
  const next = i >= 0 ? lots.map((l, j) => (j === i ? { ...l, points: l.points + lot.points } : l)) : [...lots, lot];
  return next.sort(expiryOrder);
}

/**
 * Takes up to `wanted` points from the lots, in the order given by `pick` (indexes into `lots`),
 * and returns the lots left and how much was taken.
 */
function take(lots: readonly Lot[], wanted: number, order: number[]): { lots: Lot[]; taken: number } {
  const left = lots.map((l) => ({ ...l }));
  let taken = 0;
  for (const i of order) {
    if (taken >= wanted) break;
    const lot = left[i]!;
    const t = Math.min(lot.points, wanted - taken);
    lot.points -= t;
    taken += t;
  }
  return { lots: left.filter((l) => l.points > 0).sort(expiryOrder), taken };
}

export interface Balances {
  /** Spendable now. */
  available: number;
  /** Earned but inside the return window. */
  pending: number;
  /** Points (spendable or pending) that expire within `withinDays` of now. */
  expiringSoon: number;
  nextExpiryAt: Date | null;
  nextAvailableAt: Date | null;
}

export function balancesOf(account: Pick<LoyaltyAccount, 'lots'>, now: Date, withinDays = 30): Balances {
  const horizon = now.getTime() + withinDays * 86_400_000;
  let available = 0;
  let pending = 0;
  let expiringSoon = 0;
  let nextExpiryAt: Date | null = null;
  let nextAvailableAt: Date | null = null;
  for (const l of account.lots) {
    if (l.availableAt <= now) available += l.points;
    else {
      pending += l.points;
      if (!nextAvailableAt || l.availableAt < nextAvailableAt) nextAvailableAt = l.availableAt;
    }
    if (l.expiresAt) {
      if (l.expiresAt.getTime() <= horizon) expiringSoon += l.points;
      if (!nextExpiryAt || l.expiresAt < nextExpiryAt) nextExpiryAt = l.expiresAt;
    }
  }
  return { available, pending, expiringSoon, nextExpiryAt, nextAvailableAt };
}

/** What a service asks the ledger to do; the line it produces says what was actually done. */
export type Posting =
  | { kind: 'credit'; type: Exclude<LedgerType, 'redeem' | 'expire' | 'refund_reversal'>; points: number; availableAt: Date; expiresAt: Date | null }
  /** Spends available points only; refused (InsufficientPointsError) rather than overdrawn. */
  | { kind: 'spend'; type: 'redeem'; points: number }
  /** Takes what it can (available first, oldest expiry first, then pending); the rest is recorded as a shortfall. */
  | { kind: 'deduct'; type: 'adjust' | 'refund_reversal'; points: number }
  /** Removes every lot that has expired by `now`. */
  | { kind: 'expire'; type: 'expire' };

export interface PostResult {
  account: LoyaltyAccount;
  /** The line's numbers; the service adds id, source, actor, reason and key. */
  line: Pick<LedgerLine, 'type' | 'points' | 'balanceAfter' | 'shortfall' | 'availableAt' | 'expiresAt'>;
}

/** Applies one posting to an account at `now`. Pure: the caller writes both results in one transaction. */
export function post(account: LoyaltyAccount, p: Posting, now: Date): PostResult {
  if (!Number.isInteger(p.kind === 'expire' ? 0 : p.points) || (p.kind !== 'expire' && p.points < 0))
    throw new Error('Posting points must be a whole, non-negative number');
  let lots = account.lots;
  let change = 0;
  let shortfall = 0;
  let availableAt: Date | null = null;
  let expiresAt: Date | null = null;
  switch (p.kind) {
    case 'credit': {
      if (p.points > 0) lots = addLot(lots, { points: p.points, availableAt: p.availableAt, expiresAt: p.expiresAt });
      change = p.points;
      availableAt = p.availableAt;
      expiresAt = p.expiresAt;
      break;
    }
    case 'spend': {
      const spendable = lots.map((l, i) => ({ l, i })).filter(({ l }) => l.availableAt <= now);
      const have = spendable.reduce((s, { l }) => s + l.points, 0);
      if (have < p.points) throw new InsufficientPointsError(p.points, have);
      const r = take(
        lots,
        p.points,
        spendable.map(({ i }) => i),
      );
      lots = r.lots;
      change = -r.taken;
      break;
    }
    case 'deduct': {
      const indexes = lots.map((_, i) => i);
      // Spendable lots first (oldest expiry first, as they are sorted), then the pending ones.
      const order = [...indexes.filter((i) => lots[i]!.availableAt <= now), ...indexes.filter((i) => lots[i]!.availableAt > now)];
      const r = take(lots, p.points, order);
      lots = r.lots;
      change = -r.taken;
      shortfall = p.points - r.taken;
      break;
    }
    case 'expire': {
      const gone = lots.filter((l) => l.expiresAt && l.expiresAt <= now);
      change = -gone.reduce((s, l) => s + l.points, 0);
      lots = lots.filter((l) => !(l.expiresAt && l.expiresAt <= now));
      break;
    }
  }
  if (change === 0) change = 0; // no -0 in the ledger
  const balance = account.balance + change;
  const earned = p.kind === 'credit' && EARNING_TYPES.has(p.type) ? change : p.type === 'refund_reversal' ? change : 0;
  return {
    account: { ...account, lots, balance, lifetimeEarned: Math.max(0, account.lifetimeEarned + earned), lines: account.lines + 1, updatedAt: now },
    line: { type: p.type, points: change, balanceAfter: balance, shortfall, availableAt, expiresAt },
  };
}

/** Whether an account's lots and balance agree: what the daily check and the property tests assert. */
export function accountConsistent(account: Pick<LoyaltyAccount, 'lots' | 'balance'>): boolean {
  return account.balance >= 0 && account.lots.every((l) => l.points > 0) && account.lots.reduce((s, l) => s + l.points, 0) === account.balance;
}
