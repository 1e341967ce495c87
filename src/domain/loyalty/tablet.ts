import { z } from 'zod';
import { ageOn, type Customer } from '../customer';
import { CalendarDateSchema } from '../common';
import { normalizeEmail, normalizePhone } from '../phone';
import { couponValueCents, formatCouponCode, type Redemption } from './redemption';
import { nextTier, tierById, tierForSpend, type LoyaltySettings } from './settings';

/**
 * What the counter tablet shows of a member. An allow-list built for budtenders: points, tier and
 * rewards, never spend or order amounts (the tier bar moves in 5% steps and carries no dollars).
 */
export interface TabletMember {
  id: string;
  firstName: string;
  lastName: string;
  /** Last four digits only: the screen faces the counter. */
  phoneLast4: string | null;
  available: number;
  pending: number;
  expiringSoon: number;
  tier: { id: string; name: string; color: string; discountPercent: number } | null;
  next: { name: string; color: string } | null;
  /** 0..100 in steps of 5 towards the next tier; 100 at the top. */
  progressPercent: number;
  rewards: Array<{ id: string; description: string; pointsCost: number; couponValueCents: number; affordable: boolean }>;
  /** Coupons issued and not yet used: they can be shown again or cancelled. */
  openCoupons: Array<{ redemptionId: string; description: string; code: string; couponValueCents: number; expiresAt: Date }>;
  smsOptedIn: boolean;
}

export function tabletMember(c: Customer, settings: Pick<LoyaltySettings, 'tiers' | 'redemptions'>, open: readonly Redemption[], now: Date): TabletMember {
  const l = c.loyalty;
  const tiers = settings.tiers.tiers;
  const spend = l?.tierSpendCents ?? 0;
  const tier = tierById(tiers, l?.tierId) ?? tierForSpend(tiers, spend);
  const next = nextTier(tiers, tier);
  const fraction = next ? Math.min(1, Math.max(0, (spend - tier.minSpendCents) / (next.minSpendCents - tier.minSpendCents))) : 1;
  const available = l?.available ?? Math.max(0, c.pointsBalance);
  return {
    id: c.id,
    firstName: c.firstName,
    lastName: c.lastName,
    phoneLast4: c.phone ? c.phone.slice(-4) : null,
    available,
    pending: l?.pending ?? 0,
    expiringSoon: l?.expiringSoon ?? 0,
    tier: { id: tier.id, name: tier.name, color: tier.color, discountPercent: tier.discountPercent },
    next: next ? { name: next.name, color: next.color } : null,
    progressPercent: Math.floor(fraction * 20) * 5,
    rewards: settings.redemptions.rewards
      .filter((r) => r.active)
      .sort((a, b) => a.pointsCost - b.pointsCost)
      .map((r) => ({
        id: r.id,
        description: r.description,
        pointsCost: r.pointsCost,
        couponValueCents: couponValueCents(r, tier),
        affordable: available >= r.pointsCost,
      })),
    openCoupons: open
      .filter((r) => r.status === 'issued' && r.expiresAt > now)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((r) => ({
        redemptionId: r.id,
        description: r.description,
        code: formatCouponCode(r.couponCode),
        couponValueCents: r.couponValueCents,
        expiresAt: r.expiresAt,
      })),
    smsOptedIn: c.consent.sms.status === 'opted_in',
  };
}

// -- sign-up at the counter --------------------------------------------------------------------

/** Shown beside each box, and recorded (by version) with the consent it collects. */
export const CONSENT_DISCLOSURES = {
  version: '2026-11',
  sms: 'Yes, text me offers and rewards news from this dispensary. Recurring automated marketing texts to the number above. Consent is not a condition of purchase. Msg & data rates may apply; message frequency varies. Reply STOP to cancel, HELP for help.',
  email: 'Yes, email me offers and rewards news from this dispensary. You can unsubscribe at any time with the link in every email.',
} as const;

export const MINIMUM_AGE = 21;

export const SignUpInputSchema = z
  .object({
    firstName: z.string().trim().min(1, 'Enter a first name').max(80),
    lastName: z.string().trim().max(80).default(''),
    phone: z.string().trim().min(1, 'Enter a mobile number').max(40),
    email: z.string().trim().max(200).optional().default(''),
    dateOfBirth: CalendarDateSchema,
    /** Two separate boxes, both unticked until the customer ticks them. */
    smsConsent: z.boolean(),
    emailConsent: z.boolean(),
    /** Optional: the code of the member who referred them (docs/loyalty.md, Referrals). */
    referralCode: z.string().trim().max(40).optional().default(''),
  })
  .strict();
export type SignUpInput = z.input<typeof SignUpInputSchema>;

export interface SignUpProblem {
  path: string;
  message: string;
}

/** The checks beyond the shape: a real phone, a real email when one is given, 21 or older in the dispensary's zone. */
export function signUpProblems(
  v: z.output<typeof SignUpInputSchema>,
  now: Date,
  timeZone: string,
): { problems: SignUpProblem[]; phone: string | null; email: string | null } {
  const problems: SignUpProblem[] = [];
  const phone = normalizePhone(v.phone);
  if (!phone) problems.push({ path: 'phone', message: 'Enter a valid mobile number' });
  const email = v.email ? normalizeEmail(v.email) : null;
  if (v.email && !email) problems.push({ path: 'email', message: 'Enter a valid email address, or leave it empty' });
  if (v.emailConsent && !email) problems.push({ path: 'emailConsent', message: 'Email offers need an email address' });
  const [y, m, d] = v.dateOfBirth.split('-').map(Number) as [number, number, number];
  const dob = new Date(Date.UTC(y, m - 1, d));
  if (dob.getUTCMonth() !== m - 1 || dob.getUTCDate() !== d || y < 1900) problems.push({ path: 'dateOfBirth', message: 'Enter a real date of birth' });
  else if (ageOn(v.dateOfBirth, now, timeZone) < MINIMUM_AGE) problems.push({ path: 'dateOfBirth', message: `Members must be ${MINIMUM_AGE} or older` });
  return { problems, phone, email };
}
