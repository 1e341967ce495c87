import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkPin,
  COUPON_ALPHABET,
  couponCodeFrom,
  couponValueCents,
  formatCouponCode,
  lotsTaken,
  normalizeCouponCode,
  pinFrom,
  pinSendWait,
  restoredExpiry,
  type PinChallenge,
} from './redemption';

const at = (iso: string) => new Date(iso);

describe('coupon codes', () => {
  it('are 12 unambiguous characters, read back whatever the case and separators', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 32, maxLength: 32 }), (bytes) => {
        const code = couponCodeFrom(bytes);
        if (code === null) return; // more than 20 rejected bytes: the service draws again
        expect(code).toMatch(/^[A-Z2-9]{12}$/);
        for (const c of 'O0I1L') expect(code).not.toContain(c);
        expect(normalizeCouponCode(formatCouponCode(code).toLowerCase())).toBe(code);
      }),
    );
    expect(COUPON_ALPHABET).toHaveLength(31);
  });

  it('refuses what cannot be a code', () => {
    expect(normalizeCouponCode('ABCD-EFGH-JKO0')).toBeNull();
    expect(normalizeCouponCode('short')).toBeNull();
  });

  it('differ from draw to draw', () => {
    const codes = new Set(Array.from({ length: 2_000 }, () => couponCodeFrom(randomBytes(32))));
    expect(codes.size).toBe(2_000);
  });
});

describe('coupon value', () => {
  it('adds the tier discount percent to the reward, to the cent', () => {
    expect(couponValueCents({ rewardValueCents: 1_000 }, { discountPercent: 10 })).toBe(1_100);
    expect(couponValueCents({ rewardValueCents: 999 }, { discountPercent: 5 })).toBe(1_049); // 1048.95
    expect(couponValueCents({ rewardValueCents: 500 }, { discountPercent: 2.5 })).toBe(513); // 512.5 rounds up
    expect(couponValueCents({ rewardValueCents: 500 }, null)).toBe(500);
  });
});

describe('lots a spend took', () => {
  const lot = (points: number, exp: string | null) => ({ points, availableAt: at('2031-01-01T00:00:00Z'), expiresAt: exp ? at(exp) : null });
  it('is the difference before and after, and restores at the latest expiry', () => {
    const before = [lot(30, '2031-06-01T04:00:00Z'), lot(50, '2031-09-01T04:00:00Z'), lot(20, null)];
    const after = [lot(40, '2031-09-01T04:00:00Z'), lot(20, null)];
    const taken = lotsTaken(before, after);
    expect(taken.map((l) => l.points)).toEqual([30, 10]);
    expect(restoredExpiry(taken)).toEqual(at('2031-09-01T04:00:00Z'));
    expect(restoredExpiry([...taken, lot(1, null)])).toBeNull();
  });
});

describe('the PIN', () => {
  const now = at('2031-03-01T17:00:00Z');
  const challenge = (over: Partial<PinChallenge> = {}): PinChallenge => ({
    id: 'pin_12345678',
    hash: 'a'.repeat(64),
    salt: 'saltsalt',
    sentAt: now,
    expiresAt: at('2031-03-01T17:10:00Z'),
    triesLeft: 5,
    usedFor: null,
    sendId: null,
    ...over,
  });

  it('is six digits that never start with 0', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 3, maxLength: 3 }), (b) => {
        expect(pinFrom(b)).toMatch(/^[1-9]\d{5}$/);
      }),
    );
  });

  it('says why it was refused', () => {
    expect(checkPin(null, true, 'r1', now)).toEqual({ ok: false, reason: 'none' });
    expect(checkPin(challenge(), false, 'r1', now)).toEqual({ ok: false, reason: 'wrong', triesLeft: 4 });
    expect(checkPin(challenge({ expiresAt: now }), true, 'r1', now)).toEqual({ ok: false, reason: 'expired' });
    expect(checkPin(challenge({ triesLeft: 0 }), true, 'r1', now)).toEqual({ ok: false, reason: 'no_tries' });
    expect(checkPin(challenge({ usedFor: 'r0' }), true, 'r1', now)).toEqual({ ok: false, reason: 'used' });
    expect(checkPin(challenge({ usedFor: 'r1' }), true, 'r1', now)).toEqual({ ok: true });
    expect(checkPin(challenge(), true, 'r1', now)).toEqual({ ok: true });
  });

  it('allows three texts per quarter hour', () => {
    const sends = [at('2031-03-01T16:50:00Z'), at('2031-03-01T16:55:00Z')];
    expect(pinSendWait(sends, now)).toBe(0);
    expect(pinSendWait([...sends, at('2031-03-01T16:59:00Z')], now)).toBe(5 * 60_000);
    expect(pinSendWait([at('2031-03-01T16:40:00Z'), ...sends], now)).toBe(0);
  });
});
