import { describe, expect, it } from 'vitest';
import { newCustomer } from '../customer';
import { withSearchKeys } from './search-keys';
import { erasedProfile, erasureConfirmed, privacyExportFilename, redactPersonFields } from './privacy';

const now = new Date('2026-11-30T12:00:00Z');
const ada = newCustomer(
  {
    id: 'cus_ada',
    firstName: 'José',
    lastName: 'Núñez',
    email: 'jose@example.com',
    phone: '+13135550142',
    dateOfBirth: '1990-04-21',
    tags: ['VIP'],
    externalIds: ['alleaves:AL-1'],
    consent: { email: { status: 'opted_in', source: 'pos', at: now }, sms: { status: 'opted_in', source: 'pos', at: now } },
    source: 'alleaves',
  },
  now,
);

describe('erasureConfirmed', () => {
  it('takes the full name in any case or accents, or ERASE; nothing else', () => {
    expect(erasureConfirmed(ada, 'jose  nunez')).toBe(true);
    expect(erasureConfirmed(ada, 'ERASE')).toBe(true);
    expect(erasureConfirmed(ada, 'erase')).toBe(false);
    expect(erasureConfirmed(ada, 'José')).toBe(false);
    expect(erasureConfirmed({ firstName: '', lastName: '' }, '')).toBe(false);
  });
});

describe('erasedProfile', () => {
  it('keeps no name, contact, keys, tags or consent, and derives no search keys', () => {
    const erased = erasedProfile({ ...ada, searchKeys: ['n:jose'] }, 'uid_owner', now);
    expect(erased).toMatchObject({
      firstName: '',
      lastName: '',
      email: null,
      phone: null,
      dateOfBirth: null,
      tags: [],
      externalIds: [],
      erasedBy: 'uid_owner',
    });
    expect(erased.consent.sms).toEqual({ status: 'unknown', source: 'erased', at: null });
    expect(withSearchKeys(erased as unknown as Record<string, unknown>).searchKeys).toEqual([]);
    // A second erasure keeps the first one's time and author.
    expect(erasedProfile(erased, 'uid_other', new Date()).erasedBy).toBe('uid_owner');
  });
});

describe('redactPersonFields', () => {
  it('takes person fields out at any depth and keeps the shape', () => {
    const data = {
      order: { totalCents: 500, customer: { id: 'c1', firstName: 'José', email: 'j@x.com', phone: '+1', tags: ['a'], externalIds: ['x:1'] } },
      at: now,
    };
    expect(redactPersonFields(data)).toEqual({
      order: { totalCents: 500, customer: { id: 'c1', firstName: '', email: null, phone: null, tags: [], externalIds: [] } },
      at: now,
    });
  });
});

it('names the export file by customer and date', () => {
  expect(privacyExportFilename('cus_ada', now)).toBe('customer-cus_ada-2026-11-30.json');
});
