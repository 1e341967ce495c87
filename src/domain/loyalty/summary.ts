import { z } from 'zod';
import { balancesOf, type LoyaltyAccount } from './ledger';
import { tierById, tierForSpend, type LoyaltySettings } from './settings';
import { qualifyingSpend, tierReviewAt } from './tiers';

/**
 * What the customer profile carries of the account, kept in the same transaction as every
 * ledger line: enough for the list, the tablet, templates and conditions without reading the
 * account. Dates the daily job needs to query on are here too (next expiry, next pending release,
 * next tier review).
 */
export const CustomerLoyaltySchema = z.object({
  available: z.number().int().nonnegative(),
  pending: z.number().int().nonnegative(),
  lifetimeEarned: z.number().int().nonnegative(),
  /** Points that expire within 30 days. */
  expiringSoon: z.number().int().nonnegative(),
  nextExpiryAt: z.date().nullable(),
  nextAvailableAt: z.date().nullable(),
  tierId: z.string().nullable(),
  tierName: z.string().nullable(),
  /** Spend counted for tiers now (the window's). */
  tierSpendCents: z.number().int().nonnegative(),
  tierReviewAt: z.date().nullable(),
  updatedAt: z.date(),
});
export type CustomerLoyalty = z.infer<typeof CustomerLoyaltySchema>;

export function loyaltySummary(account: LoyaltyAccount, settings: Pick<LoyaltySettings, 'tiers'>, now: Date, timeZone: string): CustomerLoyalty {
  const b = balancesOf(account, now, 30);
  const spend = qualifyingSpend(account, settings.tiers.qualificationWindow, now, timeZone);
  const tier = tierById(settings.tiers.tiers, account.tier?.id) ?? (account.tier ? null : tierForSpend(settings.tiers.tiers, spend));
  return {
    available: b.available,
    pending: b.pending,
    lifetimeEarned: account.lifetimeEarned,
    expiringSoon: b.expiringSoon,
    nextExpiryAt: b.nextExpiryAt,
    nextAvailableAt: b.nextAvailableAt,
    tierId: tier?.id ?? account.tier?.id ?? null,
    tierName: tier?.name ?? null,
    tierSpendCents: spend,
    tierReviewAt: tierReviewAt(account.tier),
    updatedAt: now,
  };
}
