import { describe, expect, it } from 'vitest';
import { describeLedgerLine as staffWords } from './explain';
import { describeLedgerLine as customerWords } from './history';
import type { LedgerLine } from './ledger';
import { normalizeReferralCode, referralKeys, referralReasons, referralRefusal, referrerWithinCap } from './referral';

const maria = { id: 'cus_maria', phone: '+13135550101', email: 'maria@example.com' };

describe('referral rules', () => {
  it('reads a code in any case, with spaces or dashes; refuses what cannot be one', () => {
    expect(normalizeReferralCode(' abcd-ef23 ')).toBe('ABCDEF23');
    expect(normalizeReferralCode('')).toBeNull();
    expect(normalizeReferralCode('ABC0EF23')).toBeNull();
    expect(normalizeReferralCode('SPRING10')).toBeNull();
  });

  it('refuses one’s own code and a referrer with the same phone or email', () => {
    expect(referralRefusal(maria, maria)).toBe('You cannot use your own referral code.');
    expect(referralRefusal({ id: 'cus_x', phone: maria.phone, email: null }, maria)).toBe('This referral code belongs to someone with the same phone number.');
    expect(referralRefusal({ id: 'cus_x', phone: null, email: 'MARIA@example.com' }, maria)).toBe('This referral code belongs to someone with the same email.');
    expect(referralRefusal({ id: 'cus_x', phone: '+13135550199', email: null }, maria)).toBeNull();
    expect(referralRefusal({ id: 'cus_x', phone: null, email: null }, { id: 'cus_y', phone: null, email: null })).toBeNull();
  });

  it('the monthly cap: N rewards, then no more', () => {
    expect(referrerWithinCap(0, 5)).toBe(true);
    expect(referrerWithinCap(4, 5)).toBe(true);
    expect(referrerWithinCap(5, 5)).toBe(false);
    expect(referrerWithinCap(0, 0)).toBe(false);
  });

  it('reads well to staff and to the customer, who never sees the other’s name', () => {
    const keys = referralKeys('cus_dana');
    const reasons = referralReasons({ referrer: 'Maria', referred: 'Dana' });
    const line = (key: string, points: number, reason: string) =>
      ({
        id: 'pts_1',
        customerId: 'c',
        type: 'referral',
        points,
        balanceAfter: points,
        shortfall: 0,
        reason,
        at: new Date(),
        actor: { kind: 'system', id: 'system:referrals', name: 'Referrals' },
        source: {} as LedgerLine['source'],
        availableAt: null,
        expiresAt: null,
        idempotencyKey: key,
      }) as LedgerLine;
    expect(staffWords(line(keys.referrer, 200, reasons.referrer))).toBe('Referral bonus of 200 points: Dana joined with their code');
    expect(staffWords(line(keys.referred, 100, reasons.referred))).toBe("Referral bonus of 100 points: joined with Maria's code");
    expect(customerWords(line(keys.referrer, 200, reasons.referrer))).toBe('Referral bonus: 200 points, a friend joined with your code');
    expect(customerWords(line(keys.referred, 100, reasons.referred))).toBe("Welcome bonus: 100 points for joining with a friend's code");
  });
});
