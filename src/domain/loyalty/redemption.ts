import { z } from 'zod';
import { IdSchema } from '../common';
import { LedgerActorSchema, LotSchema, type LedgerActor, type Lot } from './ledger';
import type { RedemptionTier, Tier } from './settings';

/**
 * Redemption at the counter: a reward bought with points, paid out as a single-use coupon. Pure
 * rules here (codes, PIN checks, coupon value, which lots a spend took); the services keep the
 * documents: tenants/{orgId}/loyalty_redemptions/{id}, loyalty_coupons/{code} and
 * loyalty_pins/{customerId}.
 */

/** No 0/O, 1/I/L: a code read aloud or typed from a receipt has one reading. */
export const COUPON_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const COUPON_LENGTH = 12;

/** A coupon's stored form: 12 characters of the alphabet, no separators. */
export const CouponCodeSchema = z.string().regex(new RegExp(`^[${COUPON_ALPHABET}]{${COUPON_LENGTH}}$`), 'Not a coupon code');

/**
 * 12 characters from 31 (~59 bits) out of random bytes, by rejection sampling so every character
 * is equally likely. Returns null when the bytes ran out (the caller passes more).
 */
export function couponCodeFrom(bytes: Uint8Array): string | null {
  const limit = 256 - (256 % COUPON_ALPHABET.length);
  let code = '';
  for (const b of bytes) {
    if (b >= limit) continue;
    code += COUPON_ALPHABET[b % COUPON_ALPHABET.length];
    if (code.length === COUPON_LENGTH) return code;
  }
  return null;
}

/** "abcd-efgh 2345" → "ABCDEFGH2345"; null when it cannot be a code (then nothing is looked up). */
export function normalizeCouponCode(input: string): string | null {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  return CouponCodeSchema.safeParse(code).success ? code : null;
}

/** How a code is printed and shown: three groups of four. */
export function formatCouponCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** The coupon's value: the reward's, plus the tier's discount percent, to the cent (half up). */
export function couponValueCents(reward: Pick<RedemptionTier, 'rewardValueCents'>, tier: Pick<Tier, 'discountPercent'> | null | undefined): number {
  const pct = tier?.discountPercent ?? 0;
  // Percent comes in steps of 0.5, so ×2 keeps it whole and the arithmetic exact.
  return Math.floor((reward.rewardValueCents * (200 + pct * 2) + 100) / 200);
}

/** Which lots (and how much of each) a spend took: the difference between the account before and after. */
export function lotsTaken(before: readonly Lot[], after: readonly Lot[]): Lot[] {
  const key = (l: Lot) => `${l.availableAt.getTime()}|${l.expiresAt?.getTime() ?? 'never'}`;
  const left = new Map<string, number>();
  for (const l of after) left.set(key(l), (left.get(key(l)) ?? 0) + l.points);
  const taken: Lot[] = [];
  for (const l of before) {
    const k = key(l);
    const remaining = left.get(k) ?? 0;
    const used = Math.max(0, l.points - remaining);
    left.set(k, Math.max(0, remaining - l.points));
    if (used > 0) taken.push({ ...l, points: used });
  }
  return taken;
}

/**
 * When points given back by a cancellation expire: the latest expiry of the lots the redemption
 * took (never, if any of them never expired). One line, so the history reads as one give-back.
 */
export function restoredExpiry(taken: readonly Lot[]): Date | null {
  if (!taken.length || taken.some((l) => l.expiresAt === null)) return null;
  return new Date(Math.max(...taken.map((l) => l.expiresAt!.getTime())));
}

// -- the PIN -----------------------------------------------------------------------------------

export const PIN_TTL_MS = 10 * 60_000;
export const PIN_TRIES = 5;
/** PIN texts per customer within PIN_SEND_WINDOW_MS: enough for a lost text, not for a flood. */
export const PIN_SENDS_PER_WINDOW = 3;
export const PIN_SEND_WINDOW_MS = 15 * 60_000;

export const PinSchema = z.string().regex(/^\d{6}$/, 'The PIN is 6 digits');

/** A six-digit PIN from random bytes; never starts with 0 (it travels as a number: see request-pin). */
export function pinFrom(bytes: Uint8Array): string {
  const n = ((bytes[0]! << 16) | (bytes[1]! << 8) | bytes[2]!) % 900_000;
  return String(100_000 + n);
}

export const PinChallengeSchema = z.object({
  id: z.string().min(8).max(64),
  /** hex SHA-256 of salt + ":" + pin; the PIN itself is never stored. */
  hash: z.string().regex(/^[0-9a-f]{64}$/),
  salt: z.string().min(8).max(64),
  sentAt: z.date(),
  expiresAt: z.date(),
  triesLeft: z.number().int().min(0).max(PIN_TRIES),
  /** Set once it confirmed a redemption: a PIN confirms one redemption (retries of it included). */
  usedFor: z.string().nullable(),
  sendId: z.string().nullable(),
});
export type PinChallenge = z.infer<typeof PinChallengeSchema>;

/** tenants/{orgId}/loyalty_pins/{customerId}: the live PIN and the recent sends that rate-limit new ones. */
export const PinStateSchema = z.object({
  id: IdSchema,
  challenge: PinChallengeSchema.nullable(),
  recentSends: z.array(z.date()).max(20),
  updatedAt: z.date(),
});
export type PinState = z.infer<typeof PinStateSchema>;

/** Milliseconds until another PIN may be texted, or 0 now. */
export function pinSendWait(recentSends: readonly Date[], now: Date): number {
  const inWindow = recentSends.filter((d) => now.getTime() - d.getTime() < PIN_SEND_WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  if (inWindow.length < PIN_SENDS_PER_WINDOW) return 0;
  return inWindow[inWindow.length - PIN_SENDS_PER_WINDOW]!.getTime() + PIN_SEND_WINDOW_MS - now.getTime();
}

export type PinCheck = { ok: true } | { ok: false; reason: 'none' | 'expired' | 'used' | 'no_tries' } | { ok: false; reason: 'wrong'; triesLeft: number };

/**
 * Judges a PIN against the challenge. `matches` is the hash comparison (done by the service with a
 * constant-time compare). A PIN already used for this same redemption passes again, so a retried
 * request is not refused by its own earlier success.
 */
export function checkPin(challenge: PinChallenge | null, matches: boolean, redemptionId: string, now: Date): PinCheck {
  if (!challenge) return { ok: false, reason: 'none' };
  if (challenge.usedFor) return challenge.usedFor === redemptionId && matches ? { ok: true } : { ok: false, reason: 'used' };
  if (challenge.expiresAt <= now) return { ok: false, reason: 'expired' };
  if (challenge.triesLeft <= 0) return { ok: false, reason: 'no_tries' };
  if (!matches) return { ok: false, reason: 'wrong', triesLeft: challenge.triesLeft - 1 };
  return { ok: true };
}

// -- redemptions and coupons -------------------------------------------------------------------

/** The id the tablet makes up for one redemption attempt, so a retried request redeems once. */
export const RedemptionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'A redemption id is 8 to 64 letters, digits, - or _');

export const CouponStatusSchema = z.enum(['issued', 'used', 'cancelled']);
export type CouponStatus = z.infer<typeof CouponStatusSchema>;

/** Who used a coupon: an order carrying the code, the POS through the API, or staff. */
export const CouponUseSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('order'), orderId: z.string().min(1).max(200) }),
  z.object({ kind: z.literal('pos'), apiKeyId: z.string().min(1).max(200), reference: z.string().max(200).nullable().default(null) }),
]);
export type CouponUseSource = z.infer<typeof CouponUseSourceSchema>;

/** Two uses are the same use when they come from the same order (a webhook replay, an update). */
export function sameUse(a: CouponUseSource, b: CouponUseSource): boolean {
  if (a.kind === 'order' && b.kind === 'order') return a.orderId === b.orderId;
  if (a.kind === 'pos' && b.kind === 'pos') return !!a.reference && a.apiKeyId === b.apiKeyId && a.reference === b.reference;
  return false;
}

export const RedemptionSchema = z.object({
  id: RedemptionIdSchema,
  customerId: IdSchema,
  rewardId: z.string(),
  description: z.string(),
  /** 0 for a coupon a playbook gave away. */
  pointsCost: z.number().int().nonnegative(),
  rewardValueCents: z.number().int().positive(),
  tierId: z.string().nullable(),
  discountPercent: z.number().min(0),
  couponValueCents: z.number().int().positive(),
  couponCode: CouponCodeSchema,
  /** What the spend took, so a cancellation gives back points that expire as those would have. */
  lotsTaken: z.array(LotSchema).max(2_000),
  /** `playbook`: given by a playbook step (no points spent, no PIN). */
  confirmedBy: z.enum(['pin', 'override', 'playbook']),
  overrideReason: z.string().max(300).nullable(),
  status: CouponStatusSchema,
  staff: LedgerActorSchema,
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  usedBy: CouponUseSourceSchema.nullable(),
  cancelledAt: z.date().nullable(),
  cancelledBy: LedgerActorSchema.nullable(),
});
export type Redemption = z.infer<typeof RedemptionSchema>;

export const CouponSchema = z.object({
  /** The code itself: a coupon is found by what is typed or scanned. */
  id: CouponCodeSchema,
  redemptionId: RedemptionIdSchema,
  customerId: IdSchema,
  valueCents: z.number().int().positive(),
  description: z.string(),
  status: CouponStatusSchema,
  createdAt: z.date(),
  expiresAt: z.date(),
  usedAt: z.date().nullable(),
  usedBy: CouponUseSourceSchema.nullable(),
});
export type Coupon = z.infer<typeof CouponSchema>;

/** What owners read back: overrides of the PIN, refused second uses of a coupon, cancellations. */
export const LoyaltyAuditSchema = z.object({
  id: IdSchema,
  action: z.enum(['pin_override', 'coupon_reuse_refused', 'redemption_cancelled']),
  customerId: IdSchema.nullable(),
  redemptionId: z.string().nullable(),
  couponCode: z.string().nullable(),
  actor: LedgerActorSchema,
  reason: z.string().max(300).nullable(),
  detail: z.string().max(500),
  at: z.date(),
});
export type LoyaltyAudit = z.infer<typeof LoyaltyAuditSchema>;

/**
 * A redemption and its coupon as issued: one definition for the counter (points spent) and for a
 * playbook's gift (nothing spent). Valid for `validDays` × 24 hours from `now`.
 */
export function issuedRedemption(o: {
  id: string;
  customerId: string;
  reward: Pick<RedemptionTier, 'id' | 'description' | 'pointsCost' | 'rewardValueCents'>;
  tier: Pick<Tier, 'id' | 'discountPercent'> | null;
  code: string;
  lotsTaken: Lot[];
  confirmedBy: Redemption['confirmedBy'];
  overrideReason: string | null;
  staff: LedgerActor;
  now: Date;
  validDays: number;
}): { redemption: Redemption; coupon: Coupon } {
  const expiresAt = new Date(o.now.getTime() + o.validDays * 86_400_000);
  const redemption: Redemption = {
    id: o.id,
    customerId: o.customerId,
    rewardId: o.reward.id,
    description: o.reward.description,
    pointsCost: o.reward.pointsCost,
    rewardValueCents: o.reward.rewardValueCents,
    tierId: o.tier?.id ?? null,
    discountPercent: o.tier?.discountPercent ?? 0,
    couponValueCents: couponValueCents(o.reward, o.tier),
    couponCode: o.code,
    lotsTaken: o.lotsTaken,
    confirmedBy: o.confirmedBy,
    overrideReason: o.overrideReason,
    status: 'issued',
    staff: o.staff,
    createdAt: o.now,
    expiresAt,
    usedAt: null,
    usedBy: null,
    cancelledAt: null,
    cancelledBy: null,
  };
  const coupon: Coupon = {
    id: o.code,
    redemptionId: o.id,
    customerId: o.customerId,
    valueCents: redemption.couponValueCents,
    description: o.reward.description,
    status: 'issued',
    createdAt: o.now,
    expiresAt,
    usedAt: null,
    usedBy: null,
  };
  return { redemption, coupon };
}
