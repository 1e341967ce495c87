import { z } from 'zod';
import { IdSchema } from '../common';
import { ChannelConsentSchema, CustomerSchema, type ChannelConsent, type Customer } from '../customer';
import { LoyaltyAccountSchema, type LoyaltyAccount, type Lot } from '../loyalty/ledger';
import { orderCounts, orderNetCents, type Order } from '../order';
import { foldText } from './search-keys';

/** How long a merge can be undone. */
export const MERGE_UNDO_DAYS = 30;
export const MERGE_UNDO_MS = MERGE_UNDO_DAYS * 86_400_000;

// ---- candidates ----

export type DuplicateReasonKind = 'phone' | 'email' | 'name_dob' | 'name_phone_suffix';
const REASONS: Record<DuplicateReasonKind, { score: number; text: string }> = {
  phone: { score: 100, text: 'Same phone number' },
  email: { score: 90, text: 'Same email address' },
  name_dob: { score: 80, text: 'Same name and date of birth' },
  name_phone_suffix: { score: 50, text: 'Same last name and phone ending' },
};

export interface DuplicateCandidate {
  customerId: string;
  name: string;
  reasons: string[];
  score: number;
}

type Probe = Pick<Customer, 'id' | 'firstName' | 'lastName' | 'email' | 'phone' | 'dateOfBirth' | 'mergedInto'>;

const foldedName = (c: Pick<Customer, 'firstName' | 'lastName'>) => foldText(`${c.firstName} ${c.lastName}`);
const last4 = (phone: string | null) => (phone ? phone.replace(/\D/g, '').slice(-4) : '');

/** Why `other` looks like the same person as `c`, strongest first; empty when it does not. */
export function duplicateReasons(c: Probe, other: Probe): DuplicateReasonKind[] {
  if (other.id === c.id || other.mergedInto || c.mergedInto) return [];
  const kinds: DuplicateReasonKind[] = [];
  if (c.phone && other.phone === c.phone) kinds.push('phone');
  if (c.email && other.email?.toLowerCase() === c.email.toLowerCase()) kinds.push('email');
  const sameName = foldedName(c) !== '' && foldedName(c) === foldedName(other);
  if (sameName && c.dateOfBirth && other.dateOfBirth === c.dateOfBirth) kinds.push('name_dob');
  const sameLast = foldText(c.lastName) !== '' && foldText(c.lastName) === foldText(other.lastName);
  if (sameLast && !kinds.includes('phone') && last4(c.phone).length === 4 && last4(c.phone) === last4(other.phone)) kinds.push('name_phone_suffix');
  return kinds;
}

/** The others ranked by how sure the match is (the sum of their reasons' weights), with the reasons in plain words. */
export function rankDuplicates(c: Probe, others: readonly Probe[], limit = 10): DuplicateCandidate[] {
  const seen = new Map<string, DuplicateCandidate>();
  for (const o of others) {
    if (seen.has(o.id)) continue;
    const kinds = duplicateReasons(c, o);
    if (!kinds.length) continue;
    const name = `${o.firstName} ${o.lastName}`.trim() || 'Unnamed customer';
    seen.set(o.id, { customerId: o.id, name, reasons: kinds.map((k) => REASONS[k].text), score: kinds.reduce((s, k) => s + REASONS[k].score, 0) });
  }
  return [...seen.values()].sort((a, b) => b.score - a.score || a.customerId.localeCompare(b.customerId)).slice(0, limit);
}

/** The full-name token search stores for a profile, so candidates by name are one indexed query. */
export function fullNameToken(c: Pick<Customer, 'firstName' | 'lastName'>): string | null {
  const full = foldedName(c);
  return full.includes(' ') ? `f:${full.slice(0, 24)}` : null;
}

// ---- consent ----

const RESTRICTION = { opted_out: 2, unknown: 1, opted_in: 0 } as const;

/**
 * Most restrictive wins per channel: opted_out > unknown > opted_in. A merge must never turn a
 * "no" or a "not asked" into a "yes"; among equals the survivor's record (its source and date) stays.
 */
export function mergeChannelConsent(survivor: ChannelConsent, duplicate: ChannelConsent): ChannelConsent {
  return RESTRICTION[duplicate.status] > RESTRICTION[survivor.status] ? duplicate : survivor;
}

export function mergeConsent(survivor: Customer['consent'], duplicate: Customer['consent']): Customer['consent'] {
  return { email: mergeChannelConsent(survivor.email, duplicate.email), sms: mergeChannelConsent(survivor.sms, duplicate.sms) };
}

// ---- aggregates ----

export type OrderAggregates = Pick<Customer, 'orderCount' | 'lifetimeValueCents' | 'avgOrderValueCents' | 'firstOrderAt' | 'lastOrderAt'>;

/** A customer's order figures from their orders, by the same rules the order pipeline counts them. */
export function aggregatesOf(orders: readonly Pick<Order, 'status' | 'totalCents' | 'refundedCents' | 'placedAt'>[]): OrderAggregates {
  let orderCount = 0;
  let lifetimeValueCents = 0;
  let firstOrderAt: Date | null = null;
  let lastOrderAt: Date | null = null;
  for (const o of orders) {
    lifetimeValueCents += orderNetCents(o);
    if (!orderCounts(o)) continue;
    orderCount += 1;
    if (!firstOrderAt || o.placedAt < firstOrderAt) firstOrderAt = o.placedAt;
    if (!lastOrderAt || o.placedAt > lastOrderAt) lastOrderAt = o.placedAt;
  }
  return { orderCount, lifetimeValueCents, avgOrderValueCents: orderCount ? Math.round(lifetimeValueCents / orderCount) : 0, firstOrderAt, lastOrderAt };
}

// ---- the loyalty account ----

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
const lotOrder = (a: Lot, b: Lot) =>
  (a.expiresAt?.getTime() ?? Infinity) - (b.expiresAt?.getTime() ?? Infinity) || a.availableAt.getTime() - b.availableAt.getTime();

/**
 * The survivor's account once the duplicate's lines are its own: what replaying both sets of
 * lines gives, since lots, balances, counts and spend only add up. The better tier of the two is
 * kept (a merge never demotes anyone).
 */
export function combineAccounts(survivor: LoyaltyAccount, duplicate: LoyaltyAccount, now: Date): LoyaltyAccount {
  let lots = survivor.lots.map((l) => ({ ...l }));
  for (const d of duplicate.lots) {
    const i = lots.findIndex((l) => sameTime(l.availableAt, d.availableAt) && sameTime(l.expiresAt, d.expiresAt));
    if (i >= 0) lots[i] = { ...lots[i]!, points: lots[i]!.points + d.points };
    else lots = [...lots, { ...d }];
  }
  const spendByMonth = { ...survivor.spendByMonth };
  for (const [m, c] of Object.entries(duplicate.spendByMonth)) spendByMonth[m] = (spendByMonth[m] ?? 0) + c;
  return {
    id: survivor.id,
    lots: lots.sort(lotOrder),
    balance: survivor.balance + duplicate.balance,
    lifetimeEarned: survivor.lifetimeEarned + duplicate.lifetimeEarned,
    lines: survivor.lines + duplicate.lines,
    spendByMonth,
    lifetimeSpendCents: survivor.lifetimeSpendCents + duplicate.lifetimeSpendCents,
    tier: survivor.tier ?? duplicate.tier,
    updatedAt: now,
  };
}

/**
 * The survivor's account with the duplicate's share taken back out, for an undo. Null when the
 * duplicate's points are no longer all there (spent or expired since the merge): splitting would
 * then leave one of the two balances short of its lines.
 */
export function splitAccount(current: LoyaltyAccount, duplicate: LoyaltyAccount, survivorTier: LoyaltyAccount['tier'], now: Date): LoyaltyAccount | null {
  const lots = current.lots.map((l) => ({ ...l }));
  for (const d of duplicate.lots) {
    const i = lots.findIndex((l) => sameTime(l.availableAt, d.availableAt) && sameTime(l.expiresAt, d.expiresAt));
    if (i < 0 || lots[i]!.points < d.points) return null;
    lots[i] = { ...lots[i]!, points: lots[i]!.points - d.points };
  }
  const spendByMonth = { ...current.spendByMonth };
  for (const [m, c] of Object.entries(duplicate.spendByMonth)) if (m in spendByMonth) spendByMonth[m] = spendByMonth[m]! - c;
  return {
    ...current,
    lots: lots.filter((l) => l.points > 0),
    balance: current.balance - duplicate.balance,
    lifetimeEarned: Math.max(0, current.lifetimeEarned - duplicate.lifetimeEarned),
    lines: Math.max(0, current.lines - duplicate.lines),
    spendByMonth,
    lifetimeSpendCents: Math.max(0, current.lifetimeSpendCents - duplicate.lifetimeSpendCents),
    tier: survivorTier,
    updatedAt: now,
  };
}

// ---- the record ----

/** What the merge changed on the survivor, so an undo takes back exactly that and nothing staff did since. */
const SurvivorChangesSchema = z.object({
  addedTags: z.array(z.string()),
  addedExternalIds: z.array(z.string()),
  /** Categories bought that came from the duplicate (absent on merges recorded before they existed). */
  addedCategories: z.array(z.string()).optional(),
  filledPhone: z.string().nullable(),
  filledEmail: z.string().nullable(),
  priorConsent: z.object({ email: ChannelConsentSchema, sms: ChannelConsentSchema }),
  mergedConsent: z.object({ email: ChannelConsentSchema, sms: ChannelConsentSchema }),
  priorTier: LoyaltyAccountSchema.shape.tier,
});

export const CustomerMergeSchema = z.object({
  id: IdSchema,
  survivorId: IdSchema,
  duplicateId: IdSchema,
  survivorName: z.string(),
  duplicateName: z.string(),
  status: z.enum(['merged', 'undone']),
  /** The ids of what moved to the survivor; an undo moves exactly these back. */
  moved: z.object({
    orderIds: z.array(z.string()),
    lineIds: z.array(z.string()),
    identityIds: z.array(z.string()),
    runIds: z.array(z.string()),
    sendIds: z.array(z.string()),
    /** Copies made under the survivor ("notes/abc"), removed by an undo. */
    copiedDocs: z.array(z.string()),
  }),
  /** The duplicate profile as it was, restored whole by an undo. */
  duplicateBefore: CustomerSchema,
  duplicateAccount: LoyaltyAccountSchema.nullable(),
  survivorChanges: SurvivorChangesSchema,
  pointsBefore: z.object({ survivor: z.number().int(), duplicate: z.number().int() }),
  pointsAfter: z.number().int(),
  mergedBy: z.string(),
  mergedByName: z.string().nullable(),
  at: z.date(),
  undoUntil: z.date(),
  undoneBy: z.string().nullable(),
  undoneAt: z.date().nullable(),
});
export type CustomerMerge = z.infer<typeof CustomerMergeSchema>;
