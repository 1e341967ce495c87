import { z } from 'zod';
import { IdSchema } from '../common';

/**
 * Referrals: a new customer who signs up with another's code (the tablet, the join page, or a
 * storefront order carrying it) and then makes a first purchase earns both sides a bonus. The
 * rules here are pure; the services read the code, the two customers and the month's count.
 */

export const REFERRAL_SOURCES = ['in_store', 'join_page', 'storefront_order'] as const;
export const ReferralSourceSchema = z.enum(REFERRAL_SOURCES);
export type ReferralSource = z.infer<typeof ReferralSourceSchema>;

/** On the referred customer: who referred them, with which code, when and how. */
export const ReferredBySchema = z.object({
  code: z.string().min(1).max(20),
  customerId: IdSchema,
  at: z.date(),
  source: ReferralSourceSchema,
});
export type ReferredBy = z.infer<typeof ReferredBySchema>;

export const REFERRAL_STATUSES = ['credited', 'refused_cap', 'refused_self'] as const;

/**
 * tenants/{orgId}/referrals/{referredCustomerId}: what the referred customer's first purchase did,
 * written in the same transaction as the bonus lines, so it is decided once.
 */
export const ReferralSchema = z.object({
  /** The referred customer's id: one referral reward per referred customer. */
  id: IdSchema,
  referrerId: IdSchema,
  referredCustomerId: IdSchema,
  code: z.string().min(1).max(20),
  source: ReferralSourceSchema,
  /** credited: both sides; refused_cap: only the referred customer (the referrer's month was full); refused_self: neither. */
  status: z.enum(REFERRAL_STATUSES),
  /** The first purchase that completed the referral. */
  orderId: z.string().min(1),
  /** The referrer's local month ("2031-03", the dispensary's zone) the reward counts in. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  referrerPoints: z.number().int().nonnegative(),
  referredPoints: z.number().int().nonnegative(),
  reason: z.string().max(300).nullable(),
  at: z.date(),
});
export type Referral = z.infer<typeof ReferralSchema>;

/** A referral code as typed or pasted: any case, spaces and dashes ignored. Null when it cannot be one. */
export function normalizeReferralCode(raw: string | null | undefined): string | null {
  const code = (raw ?? '').toUpperCase().replace(/[\s-]/g, '');
  return /^[A-Z2-9]{6,12}$/.test(code) ? code : null;
}

export const REFERRAL_CODE_NOT_FOUND = 'This referral code was not found';

interface Party {
  id: string;
  phone: string | null;
  email: string | null;
}

/**
 * Why this person may not be referred by that one, in words the customer or budtender can read;
 * null when they may. Refused: one's own code, and a referrer with the same phone or email (the
 * same person under a second profile).
 */
export function referralRefusal(referred: Party, referrer: Party): string | null {
  if (referred.id === referrer.id) return 'You cannot use your own referral code.';
  if (referred.phone && referrer.phone && referred.phone === referrer.phone) return 'This referral code belongs to someone with the same phone number.';
  const email = (e: string | null) => e?.trim().toLowerCase() || null;
  if (email(referred.email) && email(referred.email) === email(referrer.email)) return 'This referral code belongs to someone with the same email.';
  return null;
}

/** Whether the referrer still earns a reward this month: fewer than `max` rewards credited so far. */
export function referrerWithinCap(creditedThisMonth: number, max: number): boolean {
  return creditedThisMonth < max;
}

export const referralKeys = (referredCustomerId: string) => ({
  referrer: `referral:${referredCustomerId}:referrer`,
  referred: `referral:${referredCustomerId}:referred`,
});

/** The reasons on the two lines; staff read them in "why this balance", so each names the other side by first name. */
export function referralReasons(names: { referrer: string; referred: string }) {
  return {
    referrer: `${names.referred || 'A friend'} joined with their code`,
    referred: `joined with ${names.referrer ? `${names.referrer}'s` : 'a friend’s'} code`,
  };
}
