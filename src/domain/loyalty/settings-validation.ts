import { z } from 'zod';
import { segmentThresholdProblems } from '../crm/segments';
import type { FieldIssue } from '../errors';
import { LoyaltySettingsSchema, loyaltySettingsProblems, PointsSettingsSchema, type LoyaltySettings } from './settings';

/**
 * What the settings page saves: the whole programme except the bookkeeping fields and the bonus
 * windows (time-boxed "double points" that playbooks and campaigns open; a save keeps them).
 * Derived from the stored schema, so a field added to a section is saved without a change here.
 */
export const LoyaltySettingsBodySchema = LoyaltySettingsSchema.omit({ updatedAt: true, updatedBy: true }).extend({
  points: PointsSettingsSchema.omit({ bonusWindows: true }),
});
export type LoyaltySettingsBody = z.infer<typeof LoyaltySettingsBodySchema>;

/** Names for the fields people type, so a refusal reads "Points cost: ..." rather than a path. */
const LABELS: Record<string, string> = {
  pointsPerDollar: 'Points per dollar',
  socialEquityMultiplier: 'Social-equity multiplier',
  excludedCategories: 'Excluded categories',
  returnWindowDays: 'Return window (days)',
  expiryMonths: 'Expiry (months)',
  expiringNoticeDays: 'Expiring notice (days)',
  birthdayBonus: 'Birthday bonus',
  anniversaryBonus: 'Anniversary bonus',
  referrerBonus: 'Referrer bonus',
  refereeBonus: 'New member bonus',
  maxRewardsPerMonth: 'Referral rewards per month',
  graceDays: 'Grace period (days)',
  name: 'Name',
  minSpendCents: 'Spend threshold',
  color: 'Colour',
  benefits: 'Benefits',
  pointsMultiplier: 'Points multiplier',
  discountPercent: 'Discount percent',
  pointsCost: 'Points cost',
  rewardValueCents: 'Reward value',
  description: 'Description',
  couponValidDays: 'Coupon validity (days)',
  tagline: 'Tagline',
  percent: 'Discount percent',
  minimumCents: 'Delivery minimum',
  feeCents: 'Delivery fee',
  radiusMiles: 'Delivery radius (miles)',
  id: 'Short name',
  tiers: 'Tiers',
  rewards: 'Rewards',
  slippingDays: 'Slipping after (days)',
  atRiskDays: 'At Risk after (days)',
  churnedDays: 'Churned after (days)',
  newMaxOrders: 'New: at most (orders)',
  vipMinOrders: 'VIP: orders',
  vipMinLifetimeCents: 'VIP: spent',
  loyalMinOrders: 'Loyal: orders',
  loyalMinLifetimeCents: 'Loyal: spent',
  highValueMinAverageCents: 'High Value: average order',
  frequentMinOrders: 'Frequent: orders',
};

function labelled(path: Array<PropertyKey>, message: string): FieldIssue {
  const last = [...path].reverse().find((p) => typeof p === 'string') as string | undefined;
  const label = last ? LABELS[last] : undefined;
  return { path: path.map(String).join('.') || '(root)', message: label ? `${label}: ${message}` : message };
}

/** The rules beyond the schema that span fields: tiers in order, unique names, a notice shorter than the expiry. */
export function programmeProblems(s: LoyaltySettingsBody): FieldIssue[] {
  const problems: FieldIssue[] = loyaltySettingsProblems(s as Pick<LoyaltySettings, 'tiers' | 'redemptions'>);
  const { expiryMonths, expiringNoticeDays } = s.points;
  if (expiryMonths !== null && expiringNoticeDays >= expiryMonths * 28)
    problems.push({ path: 'points.expiringNoticeDays', message: 'Expiring notice (days): must be shorter than the time points last before they expire.' });
  if (!s.redemptions.rewards.some((r) => r.active) && s.redemptions.rewards.length)
    problems.push({ path: 'redemptions.rewards', message: 'Rewards: at least one reward must be active, or remove them all.' });
  problems.push(...segmentThresholdProblems(s.segments));
  return problems;
}

/** Checks a submitted programme: the schema first (each field with its label), then the cross-field rules. */
export function validateLoyaltySettings(input: unknown): { ok: true; settings: LoyaltySettingsBody } | { ok: false; issues: FieldIssue[] } {
  const parsed = LoyaltySettingsBodySchema.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map((i) => labelled(i.path, i.message)) };
  const problems = programmeProblems(parsed.data);
  return problems.length ? { ok: false, issues: problems } : { ok: true, settings: parsed.data };
}
