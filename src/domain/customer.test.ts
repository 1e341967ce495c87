import { describe, expect, it } from 'vitest';
import { loadedCustomer, MERGED_UNSTORED_FIELDS, newCustomer, storedCustomer, type Customer } from './customer';

const T0 = new Date('2026-11-02T15:00:00Z');
const ada = (): Customer =>
  newCustomer(
    {
      id: 'cus_ada',
      firstName: 'Ada',
      lastName: 'Lovelace',
      email: null,
      phone: null,
      dateOfBirth: null,
      tags: [],
      externalIds: [],
      consent: { email: { status: 'unknown', source: 't', at: null }, sms: { status: 'unknown', source: 't', at: null } },
      source: 'manual',
    },
    T0,
  );

describe('a merged profile as stored', () => {
  it('leaves out every field the customer list orders by, and reads back whole', () => {
    const merged = { ...ada(), mergedInto: 'cus_kept', mergedAt: new Date('2026-11-03T00:00:00Z') };
    const stored = storedCustomer(merged);
    expect(MERGED_UNSTORED_FIELDS.filter((f) => f in stored)).toEqual([]);
    expect(loadedCustomer(stored)).toMatchObject({
      searchName: 'ada lovelace',
      lastOrderAt: null,
      lifetimeValueCents: 0,
      pointsBalance: 0,
      createdAt: merged.mergedAt,
    });
  });

  it('leaves a profile that is not merged as it is', () => {
    const c = { ...ada(), mergedInto: null };
    expect(storedCustomer(c)).toBe(c);
    expect(loadedCustomer(c)).toBe(c);
  });
});
