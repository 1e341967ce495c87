import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accountConsistent, emptyAccount, post, type LoyaltyAccount } from '../loyalty/ledger';
import { newCustomer, type ChannelConsent, type ConsentStatus } from '../customer';
import { combineAccounts, mergeChannelConsent, rankDuplicates, splitAccount } from './customer-merge';

const NOW = new Date('2026-11-30T12:00:00Z');
const consent = (status: ConsentStatus, source = 's'): ChannelConsent => ({ status, source, at: null });

describe('mergeChannelConsent', () => {
  it('keeps the most restrictive answer: opted_out > unknown > opted_in', () => {
    expect(mergeChannelConsent(consent('opted_in'), consent('opted_out')).status).toBe('opted_out');
    expect(mergeChannelConsent(consent('opted_in'), consent('unknown')).status).toBe('unknown');
    expect(mergeChannelConsent(consent('opted_out'), consent('opted_in')).status).toBe('opted_out');
    expect(mergeChannelConsent(consent('unknown'), consent('opted_in')).status).toBe('unknown');
    // Equal answers keep the survivor's record.
    expect(mergeChannelConsent(consent('opted_in', 'pos'), consent('opted_in', 'import')).source).toBe('pos');
  });
});

describe('rankDuplicates', () => {
  const base = (id: string, over: Partial<Parameters<typeof newCustomer>[0]> = {}) =>
    newCustomer(
      {
        id,
        firstName: 'José',
        lastName: 'Núñez',
        email: null,
        phone: null,
        dateOfBirth: '1980-05-05',
        tags: [],
        externalIds: [],
        consent: { email: consent('unknown'), sms: consent('unknown') },
        source: 'manual',
        ...over,
      },
      NOW,
    );
  it('orders by strength and says why; a merged profile is never proposed', () => {
    const me = base('cus_me', { phone: '+13135550100', email: 'j@x.com' });
    const ranked = rankDuplicates(me, [
      base('cus_name', { firstName: 'Jose', lastName: 'Nunez' }),
      base('cus_email', { firstName: 'X', lastName: 'Y', email: 'j@x.com', dateOfBirth: null }),
      base('cus_both', { phone: '+13135550100', email: 'j@x.com' }),
      { ...base('cus_gone', { phone: '+13135550100' }), mergedInto: 'cus_me' },
      me,
    ]);
    expect(ranked.map((r) => r.customerId)).toEqual(['cus_both', 'cus_email', 'cus_name']);
    expect(ranked[0]!.reasons).toEqual(['Same phone number', 'Same email address', 'Same name and date of birth']);
    expect(ranked[2]!.reasons).toEqual(['Same name and date of birth']);
  });
});

const credit = (points: number, days: number, expires: number | null) =>
  ({
    kind: 'credit',
    type: 'adjust',
    points,
    availableAt: new Date(NOW.getTime() + days * 86_400_000),
    expiresAt: expires === null ? null : new Date(NOW.getTime() + expires * 86_400_000),
  }) as const;

describe('combineAccounts and splitAccount', () => {
  it('combined lots add up to the sum of both balances, and a split gives both back', () => {
    const lot = fc.record({
      points: fc.integer({ min: 1, max: 500 }),
      days: fc.integer({ min: -5, max: 5 }),
      expires: fc.option(fc.integer({ min: 10, max: 12 })),
    });
    fc.assert(
      fc.property(fc.array(lot, { maxLength: 6 }), fc.array(lot, { maxLength: 6 }), (a, b) => {
        const build = (id: string, lots: typeof a): LoyaltyAccount =>
          lots.reduce((acc, l) => post(acc, credit(l.points, l.days, l.expires), NOW).account, emptyAccount(id, NOW));
        const s = build('cus_s', a);
        const d = build('cus_d', b);
        const merged = combineAccounts(s, d, NOW);
        expect(accountConsistent(merged)).toBe(true);
        expect(merged.balance).toBe(s.balance + d.balance);
        const back = splitAccount(merged, d, s.tier, NOW);
        expect(back).not.toBeNull();
        expect(accountConsistent(back!)).toBe(true);
        expect(back!.balance).toBe(s.balance);
      }),
    );
  });

  it('refuses a split when the duplicate points were spent after the merge', () => {
    const s = post(emptyAccount('cus_s', NOW), credit(10, 0, null), NOW).account;
    const d = post(emptyAccount('cus_d', NOW), credit(50, 0, null), NOW).account;
    const spent = post(combineAccounts(s, d, NOW), { kind: 'spend', type: 'redeem', points: 40 }, NOW).account;
    expect(splitAccount(spent, d, null, NOW)).toBeNull();
  });
});
