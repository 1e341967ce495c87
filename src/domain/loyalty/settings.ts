import { z } from 'zod';
import { DEFAULT_SEGMENT_THRESHOLDS, SegmentThresholdsSchema } from '../crm/segments';
import { NonNegativeCentsSchema } from '../money';

/**
 * A dispensary's loyalty programme: how points are earned, the tiers, the rewards that can be
 * redeemed at the counter, and what the public menu shows. One document per tenant
 * (tenants/{orgId}/settings/loyalty); every field has a default, so a new dispensary has a
 * working programme before anyone opens the settings.
 */

const SlugSchema = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Use lower-case letters, digits, - and _');

export const BonusWindowSchema = z
  .object({
    id: SlugSchema,
    name: z.string().min(1).max(80),
    startsAt: z.date(),
    endsAt: z.date(),
    /** 2 for "double points". */
    multiplier: z.number().min(1).max(10),
  })
  .refine((w) => w.endsAt > w.startsAt, { message: 'A bonus window must end after it starts', path: ['endsAt'] });
export type BonusWindow = z.infer<typeof BonusWindowSchema>;

export const PointsSettingsSchema = z.object({
  /** Points per whole dollar of the eligible amount (1 by default; 0.5 and 2 are common too). */
  pointsPerDollar: z.number().min(0).max(100).multipleOf(0.01).default(1),
  /**
   * A social-equity licensee may reward its customers at a higher rate; applies to every order
   * while enabled (1 = no effect).
   */
  socialEquityMultiplier: z.number().min(1).max(5).multipleOf(0.01).default(1),
  /** What an order earns on: its subtotal (before tax), optionally before discounts, optionally with tax. */
  basis: z
    .object({
      afterDiscounts: z.boolean().default(true),
      includeTax: z.boolean().default(false),
    })
    .default({ afterDiscounts: true, includeTax: false }),
  /** Product categories that earn nothing (accessories, for example). Stored singular, as products are. */
  excludedCategories: z.array(z.string().min(1).max(40)).max(50).default([]),
  /** Days points stay pending (not yet spendable) in case the order is returned. 0: spendable at once. */
  returnWindowDays: z.number().int().min(0).max(90).default(0),
  /** Months after earning that points expire, first in first out; null: never. */
  expiryMonths: z.number().int().min(1).max(60).nullable().default(12),
  /** Days before expiry that loyalty.points_expiring fires, for reminder playbooks. */
  expiringNoticeDays: z.number().int().min(1).max(90).default(14),
  bonusWindows: z.array(BonusWindowSchema).max(50).default([]),
  birthdayBonus: z.number().int().min(0).max(100_000).default(100),
  anniversaryBonus: z.number().int().min(0).max(100_000).default(50),
  referral: z
    .object({
      referrerBonus: z.number().int().min(0).max(100_000).default(200),
      refereeBonus: z.number().int().min(0).max(100_000).default(100),
      /** A referrer earns at most this many referral rewards in a calendar month (their zone). */
      maxRewardsPerMonth: z.number().int().min(0).max(100).default(5),
    })
    .default({ referrerBonus: 200, refereeBonus: 100, maxRewardsPerMonth: 5 }),
});
export type PointsSettings = z.infer<typeof PointsSettingsSchema>;

const HexColorSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #b08d57');

export const TierSchema = z.object({
  id: SlugSchema,
  name: z.string().min(1).max(40),
  /** Spend over the qualification window that reaches this tier. The first tier starts at 0. */
  minSpendCents: NonNegativeCentsSchema,
  color: HexColorSchema,
  benefits: z.array(z.string().min(1).max(120)).max(10).default([]),
  /** Multiplies the points an order earns (1.25 = 25% more). */
  pointsMultiplier: z.number().min(1).max(5).multipleOf(0.01).default(1),
  /** Added to the value of every reward this tier redeems (10 = a $10 reward is worth $11). */
  discountPercent: z.number().min(0).max(50).multipleOf(0.5).default(0),
});
export type Tier = z.infer<typeof TierSchema>;

export const TierSettingsSchema = z.object({
  /** Spend counted for tiers: everything since joining, or the last 12 months. */
  qualificationWindow: z.enum(['lifetime', 'rolling_12_months']).default('rolling_12_months'),
  /** After a requalification date a customer who fell short keeps their tier this many more days. */
  graceDays: z.number().int().min(0).max(180).default(30),
  tiers: z.array(TierSchema).min(1).max(8),
});
export type TierSettings = z.infer<typeof TierSettingsSchema>;

export const RedemptionTierSchema = z.object({
  id: SlugSchema,
  pointsCost: z.number().int().positive().max(1_000_000),
  rewardValueCents: z.number().int().positive().max(1_000_000),
  description: z.string().min(1).max(120),
  active: z.boolean().default(true),
});
export type RedemptionTier = z.infer<typeof RedemptionTierSchema>;

export const RedemptionSettingsSchema = z.object({
  rewards: z.array(RedemptionTierSchema).max(20),
  /** Days a coupon stays valid after it is issued. */
  couponValidDays: z.number().int().min(1).max(365).default(30),
  /** The counter tablet goes back to the lookup screen, forgetting the customer, after this long untouched. */
  tabletIdleSeconds: z.number().int().min(30).max(1_800).default(120),
});
export type RedemptionSettings = z.infer<typeof RedemptionSettingsSchema>;

const ProgrammeSchema = z.object({ enabled: z.boolean().default(false), percent: z.number().min(0).max(50).default(10) });

export const MenuDisplaySchema = z.object({
  /** Show the loyalty bar on the public menu. */
  showLoyaltyBar: z.boolean().default(true),
  tagline: z.string().max(140).default('Earn points on every purchase.'),
  programmes: z.object({ military: ProgrammeSchema, senior: ProgrammeSchema, student: ProgrammeSchema, medical: ProgrammeSchema }).default({
    military: { enabled: false, percent: 10 },
    senior: { enabled: false, percent: 10 },
    student: { enabled: false, percent: 10 },
    medical: { enabled: false, percent: 10 },
  }),
  delivery: z
    .object({
      enabled: z.boolean().default(false),
      minimumCents: NonNegativeCentsSchema.default(0),
      feeCents: NonNegativeCentsSchema.default(0),
      radiusMiles: z.number().min(0).max(200).default(0),
    })
    .default({ enabled: false, minimumCents: 0, feeCents: 0, radiusMiles: 0 }),
  driveThru: z.boolean().default(false),
});
export type MenuDisplay = z.infer<typeof MenuDisplaySchema>;

export const DEFAULT_TIERS: Tier[] = [
  { id: 'bronze', name: 'Bronze', minSpendCents: 0, color: '#a0653b', benefits: ['Earn 1 point per $1'], pointsMultiplier: 1, discountPercent: 0 },
  {
    id: 'silver',
    name: 'Silver',
    minSpendCents: 50_000,
    color: '#8a8d91',
    benefits: ['10% more points', '5% more on rewards'],
    pointsMultiplier: 1.1,
    discountPercent: 5,
  },
  {
    id: 'gold',
    name: 'Gold',
    minSpendCents: 150_000,
    color: '#b08d1a',
    benefits: ['25% more points', '10% more on rewards'],
    pointsMultiplier: 1.25,
    discountPercent: 10,
  },
  {
    id: 'platinum',
    name: 'Platinum',
    minSpendCents: 300_000,
    color: '#4b5563',
    benefits: ['50% more points', '15% more on rewards', 'Early access to drops'],
    pointsMultiplier: 1.5,
    discountPercent: 15,
  },
];

export const DEFAULT_REWARDS: RedemptionTier[] = [
  { id: 'five-off', pointsCost: 100, rewardValueCents: 500, description: '$5 off your order', active: true },
  { id: 'ten-off', pointsCost: 200, rewardValueCents: 1_000, description: '$10 off your order', active: true },
  { id: 'twenty-five-off', pointsCost: 500, rewardValueCents: 2_500, description: '$25 off your order', active: true },
];

/** Every problem with a programme, with its path: checked on save so a bad programme never goes live. */
export function loyaltySettingsProblems(s: Pick<LoyaltySettings, 'tiers' | 'redemptions'>): Array<{ path: string; message: string }> {
  const problems: Array<{ path: string; message: string }> = [];
  const tiers = s.tiers.tiers;
  if (tiers[0] && tiers[0].minSpendCents !== 0)
    problems.push({ path: 'tiers.tiers.0.minSpendCents', message: 'The first tier starts at $0, so every member has a tier.' });
  for (let i = 1; i < tiers.length; i++) {
    if (tiers[i]!.minSpendCents <= tiers[i - 1]!.minSpendCents)
      problems.push({
        path: `tiers.tiers.${i}.minSpendCents`,
        message: `${tiers[i]!.name} must need more spend than ${tiers[i - 1]!.name}: tiers go up in order and cannot overlap.`,
      });
  }
  const dup = <T>(items: T[], key: (t: T) => string, path: string, what: string) => {
    const seen = new Set<string>();
    items.forEach((t, i) => {
      const k = key(t).toLowerCase();
      if (seen.has(k)) problems.push({ path: `${path}.${i}`, message: `Two ${what} share the name “${key(t)}”.` });
      seen.add(k);
    });
  };
  dup(tiers, (t) => t.id, 'tiers.tiers', 'tiers');
  dup(tiers, (t) => t.name, 'tiers.tiers', 'tiers');
  dup(s.redemptions.rewards, (r) => r.id, 'redemptions.rewards', 'rewards');
  return problems;
}

export const LoyaltySettingsSchema = z.object({
  points: PointsSettingsSchema,
  tiers: TierSettingsSchema,
  redemptions: RedemptionSettingsSchema,
  menu: MenuDisplaySchema,
  /** The CRM segments' thresholds (docs/crm.md); on this page because the owner sets them here. */
  segments: SegmentThresholdsSchema.default(DEFAULT_SEGMENT_THRESHOLDS),
  updatedAt: z.date().nullable().default(null),
  updatedBy: z.string().nullable().default(null),
});
export type LoyaltySettings = z.infer<typeof LoyaltySettingsSchema>;

/** The stored document: tenants/{orgId}/loyalty_settings/current. */
export const LOYALTY_SETTINGS_DOC = 'current';
export const LoyaltySettingsDocSchema = LoyaltySettingsSchema.extend({ id: z.literal(LOYALTY_SETTINGS_DOC) });

/** The programme a dispensary has until its owner changes something. */
export function defaultLoyaltySettings(): LoyaltySettings {
  return LoyaltySettingsSchema.parse({
    points: {},
    tiers: { tiers: DEFAULT_TIERS },
    redemptions: { rewards: DEFAULT_REWARDS },
    menu: {},
  });
}

/** The tier a spend reaches: the highest whose threshold it meets. */
export function tierForSpend(tiers: readonly Tier[], spendCents: number): Tier {
  let reached = tiers[0]!;
  for (const t of tiers) if (spendCents >= t.minSpendCents) reached = t;
  return reached;
}

export function tierById(tiers: readonly Tier[], id: string | null | undefined): Tier | undefined {
  return id ? tiers.find((t) => t.id === id) : undefined;
}

/** The tier above, or null at the top. */
export function nextTier(tiers: readonly Tier[], current: Tier): Tier | null {
  const i = tiers.findIndex((t) => t.id === current.id);
  return i >= 0 && i < tiers.length - 1 ? tiers[i + 1]! : null;
}
