import { describe, expect, it } from 'vitest';
import { newCustomer, type Customer } from '../customer';
import { mergeImportedRow, newImportedCustomer, profileChanged } from './import-merge';
import type { ImportCustomerRow } from './import-rows';
import { DEFAULT_SEGMENT_THRESHOLDS } from './segments';

const NOW = new Date('2026-06-01T12:00:00Z');
const existing: Customer = newCustomer(
  {
    id: 'cus_1',
    firstName: 'Ada',
    lastName: 'Park',
    email: 'ada@example.com',
    phone: '+13135550142',
    dateOfBirth: '1990-04-23',
    tags: ['regular'],
    externalIds: ['alleaves:1'],
    consent: {
      email: { status: 'opted_out', source: 'unsubscribe_link', at: new Date('2025-01-01T00:00:00Z') },
      sms: { status: 'unknown', source: 'pos', at: null },
    },
    source: 'alleaves',
  },
  new Date('2025-01-01T00:00:00Z'),
);
const blank: ImportCustomerRow = {
  firstName: '',
  lastName: '',
  email: null,
  phone: null,
  dateOfBirth: null,
  externalId: null,
  tags: [],
  emailConsent: null,
  smsConsent: null,
};

describe('merging an imported row into a profile', () => {
  it('never overwrites with blanks: an empty row changes nothing', () => {
    expect(profileChanged(existing, mergeImportedRow(existing, blank, NOW))).toBe(false);
  });

  it('takes names and date of birth, adds tags and ids, and fills phone and email only when missing', () => {
    const merged = mergeImportedRow(
      existing,
      { ...blank, lastName: 'Lane', email: 'other@example.com', tags: ['vip', 'regular'], externalId: 'import:9', dateOfBirth: '1991-01-01' },
      NOW,
    );
    expect(merged).toMatchObject({ firstName: 'Ada', lastName: 'Lane', searchName: 'ada lane', email: 'ada@example.com', dateOfBirth: '1991-01-01' });
    expect(merged.tags).toEqual(['regular', 'vip']);
    expect(merged.externalIds).toEqual(['alleaves:1', 'import:9']);
    expect(mergeImportedRow({ ...existing, email: null }, { ...blank, email: 'other@example.com' }, NOW).email).toBe('other@example.com');
  });

  it('changes consent only for a dated decision newer than the profile’s', () => {
    const older = { status: 'opted_in' as const, source: 'import:pos', at: '2024-06-01T00:00:00.000Z' };
    const newer = { ...older, at: '2025-06-01T00:00:00.000Z' };
    expect(mergeImportedRow(existing, { ...blank, emailConsent: older }, NOW).consent.email.status).toBe('opted_out');
    expect(mergeImportedRow(existing, { ...blank, emailConsent: newer }, NOW).consent.email).toEqual({
      status: 'opted_in',
      source: 'import:pos',
      at: new Date(newer.at),
    });
    expect(mergeImportedRow(existing, { ...blank, smsConsent: older }, NOW).consent.sms.status).toBe('opted_in');
    expect(mergeImportedRow(existing, { ...blank, smsConsent: { status: 'unknown', source: 'import', at: null } }, NOW).consent.sms).toEqual(
      existing.consent.sms,
    );
  });
});

describe('a new imported customer', () => {
  it('has source import, no orders, and the New segment', () => {
    const c = newImportedCustomer('cus_2', { ...blank, firstName: 'Bo', email: 'bo@example.com', tags: ['a'] }, DEFAULT_SEGMENT_THRESHOLDS, NOW);
    expect(c).toMatchObject({
      source: 'import',
      orderCount: 0,
      segment: 'New',
      segmentSince: NOW,
      consent: { email: { status: 'unknown' }, sms: { status: 'unknown' } },
    });
    expect(c.segmentReason).toMatch(/No orders yet/);
  });
});
