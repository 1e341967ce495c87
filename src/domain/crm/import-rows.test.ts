import { describe, expect, it } from 'vitest';
import { checkImportRow, externalIdOf, parseImportDate, parseTags } from './import-rows';
import type { ColumnMapping } from './import-mapping';

const NOW = new Date('2026-06-01T12:00:00Z');
const MAP: ColumnMapping = {
  firstName: 0,
  lastName: 1,
  email: 2,
  phone: 3,
  dateOfBirth: 4,
  externalId: 5,
  tags: 6,
  emailConsent: 7,
  emailConsentAt: 8,
  smsConsent: 9,
  smsConsentAt: 10,
  consentSource: 11,
};
const row = (over: Partial<Record<keyof typeof MAP, string>> = {}) => {
  const base = {
    firstName: 'Ada',
    lastName: 'Park',
    email: 'Ada@Example.com',
    phone: '(313) 555-0142',
    dateOfBirth: '1990-04-23',
    externalId: 'alleaves:AL-1',
    tags: 'vip; Medical',
    emailConsent: 'yes',
    emailConsentAt: '2024-03-01',
    smsConsent: 'no',
    smsConsentAt: '2024-03-02T10:00:00Z',
    consentSource: 'signup form',
    ...over,
  };
  const cells: string[] = [];
  for (const [k, i] of Object.entries(MAP)) cells[i!] = base[k as keyof typeof base];
  return cells;
};

describe('checking an import row', () => {
  it('normalises a good row', () => {
    const r = checkImportRow(row(), MAP, NOW);
    expect(r).toEqual({
      ok: true,
      notes: [],
      row: {
        firstName: 'Ada',
        lastName: 'Park',
        email: 'ada@example.com',
        phone: '+13135550142',
        dateOfBirth: '1990-04-23',
        externalId: 'alleaves:AL-1',
        tags: ['vip', 'medical'],
        emailConsent: { status: 'opted_in', source: 'import:signup form', at: '2024-03-01T00:00:00.000Z' },
        smsConsent: { status: 'opted_out', source: 'import:signup form', at: '2024-03-02T10:00:00.000Z' },
      },
    });
  });

  it.each([
    [{ phone: '', email: '', externalId: '' }, 'No phone number, email or external id to match the customer by.'],
    [{ phone: '555' }, 'The phone number "555" is not a valid number.'],
    [{ email: 'ada@' }, 'The email "ada@" is not a valid address.'],
    [{ dateOfBirth: '1990-02-30' }, 'The date of birth "1990-02-30" is not a date (use YYYY-MM-DD or MM/DD/YYYY).'],
    [{ dateOfBirth: '2030-01-01' }, 'The date of birth 2030-01-01 is in the future.'],
    [{ emailConsent: 'maybe' }, 'Email consent "maybe" is not yes or no.'],
    [{ smsConsentAt: 'last week' }, 'SMS consent date "last week" is not a date (use YYYY-MM-DD).'],
    [{ emailConsentAt: '2027-01-01' }, 'Email consent date 2027-01-01 is in the future.'],
    [{ tags: 'x'.repeat(41) }, `The tag "${'x'.repeat(41)}" is longer than 40 characters.`],
  ])('refuses %o', (over, reason) => {
    expect(checkImportRow(row(over), MAP, NOW)).toEqual({ ok: false, reason });
  });

  it('imports consent without a source or a date as unknown, with a note', () => {
    const r = checkImportRow(row({ consentSource: '', smsConsentAt: '' }), MAP, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.row.emailConsent).toEqual({ status: 'unknown', source: 'import', at: null });
    expect(r.notes).toEqual(['Email consent imported as unknown: it needs a source.', 'SMS consent imported as unknown: it needs a source and a date.']);
  });

  it('leaves consent alone when the cell is blank', () => {
    const r = checkImportRow(row({ emailConsent: '', smsConsent: 'unknown' }), MAP, NOW);
    expect(r.ok && [r.row.emailConsent, r.row.smsConsent]).toEqual([null, null]);
  });

  it('imports someone under 21 without marketing consent, keeping an opt-out', () => {
    const r = checkImportRow(row({ dateOfBirth: '2006-01-01' }), MAP, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.row.emailConsent?.status).toBe('unknown');
    expect(r.row.smsConsent?.status).toBe('opted_out');
    expect(r.notes).toEqual(['Under 21 (age 20): imported without marketing consent.']);
  });
});

describe('cells', () => {
  it('reads dates in the common spellings and refuses impossible ones', () => {
    expect(parseImportDate('04/05/1985')).toBe('1985-04-05');
    expect(parseImportDate('1985/4/5')).toBe('1985-04-05');
    expect(parseImportDate('2024-02-29')).toBe('2024-02-29');
    expect(parseImportDate('2023-02-29')).toBeNull();
    expect(parseImportDate('5 April 1985')).toBeNull();
  });
  it('splits tags on ; | and , once each, lower case', () => {
    expect(parseTags('VIP; vip|Medical, ,x')).toEqual(['vip', 'medical', 'x']);
  });
  it('gives an id without a provider the import provider', () => {
    expect(externalIdOf(' 4410987 ')).toBe('import:4410987');
    expect(externalIdOf('alleaves:9')).toBe('alleaves:9');
  });
});
