import { z } from 'zod';
import { IdSchema } from '../common';

/**
 * How a customer reaches their own loyalty page: a one-time 6-digit code sent to their phone or
 * email, then a short customer session. Pure rules and record shapes; the services store and send.
 */

export const SIGN_IN_CODE_TTL_MS = 10 * 60_000;
export const SIGN_IN_CODE_MAX_TRIES = 5;
/** Codes one phone or email may be sent in SIGN_IN_CODE_WINDOW_MS: enough for a lost text, not for a flood. */
export const SIGN_IN_CODES_PER_WINDOW = 3;
export const SIGN_IN_CODE_WINDOW_MS = 15 * 60_000;
/** A customer session is short: a phone left on a counter should not stay signed in for days. */
export const CUSTOMER_SESSION_TTL_MS = 2 * 60 * 60_000;

export const SignInChannelSchema = z.enum(['sms', 'email']);
export type SignInChannel = z.infer<typeof SignInChannelSchema>;

/**
 * tenants/{orgId}/customer_sign_in_codes/{id}: the latest code for one phone or email (the id is a
 * hash of it, so the identifier itself is not stored in the id). Only the code's keyed hash is
 * kept. `customerId` is null when the identifier belongs to no member: the answer to the visitor
 * is the same either way, so nobody learns who is a member.
 */
export const CustomerSignInCodeSchema = z.object({
  id: IdSchema,
  channel: SignInChannelSchema,
  customerId: IdSchema.nullable(),
  codeHash: z.string().length(64),
  expiresAt: z.date(),
  tries: z.number().int().min(0),
  usedAt: z.date().nullable(),
  /** When codes were sent for this identifier lately (the window's), for the per-identifier limit. */
  sentAt: z.array(z.date()).max(20),
  createdAt: z.date(),
});
export type CustomerSignInCode = z.infer<typeof CustomerSignInCodeSchema>;

/** The sends an identifier still has in the window: 0 means wait. */
export function codesLeft(sentAt: readonly Date[], now: Date): { left: number; retryAfterSeconds: number } {
  const recent = sentAt.filter((t) => now.getTime() - t.getTime() < SIGN_IN_CODE_WINDOW_MS).sort((a, b) => a.getTime() - b.getTime());
  const left = Math.max(0, SIGN_IN_CODES_PER_WINDOW - recent.length);
  const oldest = recent[recent.length - SIGN_IN_CODES_PER_WINDOW];
  return { left, retryAfterSeconds: left || !oldest ? 0 : Math.max(1, Math.ceil((oldest.getTime() + SIGN_IN_CODE_WINDOW_MS - now.getTime()) / 1000)) };
}

export type CodeCheck = 'ok' | 'expired' | 'used' | 'too_many_tries' | 'wrong';

/** Judges a code attempt against the stored record; the caller compares hashes (in constant time) and passes the result. */
export function checkCode(record: Pick<CustomerSignInCode, 'expiresAt' | 'tries' | 'usedAt'>, matches: boolean, now: Date): CodeCheck {
  if (record.usedAt) return 'used';
  if (record.tries >= SIGN_IN_CODE_MAX_TRIES) return 'too_many_tries';
  if (record.expiresAt <= now) return 'expired';
  return matches ? 'ok' : 'wrong';
}

export const CODE_CHECK_MESSAGES: Record<Exclude<CodeCheck, 'ok'>, string> = {
  expired: 'That code has expired. Ask for a new one.',
  used: 'That code has already been used. Ask for a new one.',
  too_many_tries: 'Too many wrong codes. Ask for a new one.',
  wrong: 'That code is not right. Check the message and try again.',
};

/** A six-digit code from 4 random bytes, without modulo bias worth worrying about (2^32 / 10^6). */
export function sixDigitCode(random: Uint8Array): string {
  const n = ((random[0]! << 24) | (random[1]! << 16) | (random[2]! << 8) | random[3]!) >>> 0;
  return String(n % 1_000_000).padStart(6, '0');
}

/** tenants/{orgId}/referral_codes/{code}: a customer's stable referral code, unique in the dispensary. */
export const ReferralCodeSchema = z.object({
  id: z.string().regex(/^[A-Z2-9]{6,12}$/),
  customerId: IdSchema,
  createdAt: z.date(),
});
export type ReferralCode = z.infer<typeof ReferralCodeSchema>;

const REFERRAL_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** Eight characters without 0/O or 1/I, easy to read aloud at the counter. */
export function referralCodeFrom(random: Uint8Array): string {
  return [...random.slice(0, 8)].map((b) => REFERRAL_ALPHABET[b % REFERRAL_ALPHABET.length]).join('');
}

/** The customer session's payload: which dispensary, which customer, until when. */
export const CustomerSessionSchema = z.object({ v: z.literal(1), o: IdSchema, c: IdSchema, exp: z.number().int() });
export type CustomerSessionPayload = z.infer<typeof CustomerSessionSchema>;
