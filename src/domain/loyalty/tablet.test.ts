import { describe, expect, it } from 'vitest';
import type { Customer } from '../customer';
import { defaultLoyaltySettings } from './settings';
import { SignUpInputSchema, signUpProblems, tabletMember } from './tablet';

const now = new Date('2031-03-01T17:00:00Z');

const customerModel = (over: Partial<Customer>): Customer => ({
  id: 'cus_1',
  firstName: 'Robin',
  lastName: 'Tablet',
  email: null,
  phone: null,
  dateOfBirth: '1990-04-01',
  timeZone: null,
  homeLocationId: null,
  searchName: 'robin tablet',
  tags: [],
  externalIds: [],
  consent: { email: { status: 'unknown', source: 'in_store', at: null }, sms: { status: 'opted_in', source: 'in_store', at: now } },
  lifetimeValueCents: 0,
  orderCount: 3,
  avgOrderValueCents: 0,
  firstOrderAt: null,
  lastOrderAt: null,
  pointsBalance: 0,
  segment: null,
  source: 'in_store',
  createdAt: now,
  updatedAt: now,
  ...over,
});

describe('the tablet member view', () => {
  it('carries points, tier and rewards, and no spend or order amounts', () => {
    const c = customerModel({ phone: '+13135550148', pointsBalance: 250, lifetimeValueCents: 123_456, avgOrderValueCents: 4_321 });
    const m = tabletMember(
      {
        ...c,
        loyalty: {
          available: 250,
          pending: 20,
          lifetimeEarned: 400,
          expiringSoon: 0,
          nextExpiryAt: null,
          nextAvailableAt: null,
          tierId: 'silver',
          tierName: 'Silver',
          tierSpendCents: 87_654,
          tierReviewAt: null,
          updatedAt: now,
        },
      },
      defaultLoyaltySettings(),
      [],
      now,
    );
    const json = JSON.stringify(m);
    for (const leak of ['123456', '4321', '87654', '1234.56', 'lifetimeValue', 'tierSpend']) expect(json).not.toContain(leak);
    expect(m).toMatchObject({ phoneLast4: '0148', available: 250, pending: 20, tier: { id: 'silver', discountPercent: 5 }, next: { name: 'Gold' } });
    // (876.54 - 500) / (1500 - 500) = 37.7% → shown as 35%
    expect(m.progressPercent).toBe(35);
    expect(m.rewards.map((r) => [r.id, r.affordable, r.couponValueCents])).toEqual([
      ['five-off', true, 525],
      ['ten-off', true, 1_050],
      ['twenty-five-off', false, 2_625],
    ]);
  });
});

describe('sign-up checks', () => {
  const base = SignUpInputSchema.parse({ firstName: 'Robin', phone: '(313) 555-0148', dateOfBirth: '1990-04-01', smsConsent: false, emailConsent: false });
  it('needs 21 years in the dispensary’s zone, a real phone, and an email for email consent', () => {
    expect(signUpProblems(base, now, 'America/Detroit').problems).toEqual([]);
    // 21 on 2031-03-02: not yet at 12:00 Detroit on the 1st.
    expect(signUpProblems({ ...base, dateOfBirth: '2010-03-02' }, now, 'America/Detroit').problems).toEqual([
      { path: 'dateOfBirth', message: 'Members must be 21 or older' },
    ]);
    expect(signUpProblems({ ...base, dateOfBirth: '2010-03-01' }, now, 'America/Detroit').problems).toEqual([]);
    expect(signUpProblems({ ...base, dateOfBirth: '1990-02-30' }, now, 'America/Detroit').problems[0]?.path).toBe('dateOfBirth');
    expect(signUpProblems({ ...base, phone: '12' }, now, 'America/Detroit').problems[0]?.path).toBe('phone');
    expect(signUpProblems({ ...base, emailConsent: true }, now, 'America/Detroit').problems[0]?.path).toBe('emailConsent');
  });
});
