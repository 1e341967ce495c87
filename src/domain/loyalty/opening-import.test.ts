import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { columnFor, ImportFileError, MAX_IMPORT_ROWS, parseOpeningBalances, parsePoints } from './opening-import';
import { countRows, reconcile, reconciliationCsv, type ImportRowResult } from './opening-import-records';
import { DEFAULT_TIERS } from './settings';
import { importedTierState } from './tiers';

const tiers = DEFAULT_TIERS;

describe('columnFor', () => {
  it('accepts common header spellings without case', () => {
    expect(['Phone', 'phone_number', 'Phone Number', 'MOBILE'].map(columnFor)).toEqual(['phone', 'phone', 'phone', 'phone']);
    expect(['Email', 'E-mail', 'email_address'].map(columnFor)).toEqual(['email', 'email', 'email']);
    expect(['Points', 'Balance', 'points_balance', 'Tier', 'tier name', 'Notes'].map(columnFor)).toEqual(['points', 'points', 'points', 'tier', 'tier', null]);
  });
});

describe('parsePoints', () => {
  it('takes whole non-negative points, with thousands separators', () => {
    expect(parsePoints('1,250')).toEqual({ points: 1250 });
    expect(parsePoints(' 0 ')).toEqual({ points: 0 });
    expect(parsePoints('300.0')).toEqual({ points: 300 });
  });
  it('refuses negatives, fractions, money and blanks in plain words', () => {
    expect(parsePoints('-5')).toEqual({ message: expect.stringContaining('negative') });
    expect(parsePoints('12.5')).toEqual({ message: expect.stringContaining('not a whole number') });
    expect(parsePoints('$40')).toEqual({ message: expect.stringContaining('look like money') });
    expect(parsePoints('')).toEqual({ message: 'The points are missing.' });
    expect(parsePoints('1,25')).toEqual({ message: expect.stringContaining('not a whole number') });
  });
  it('reads back any whole number it is given', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), (n) => {
        expect(parsePoints(String(n))).toEqual({ points: n });
      }),
    );
  });
});

describe('parseOpeningBalances', () => {
  it('normalises phones to E.164, emails to lower case, tiers by name or id, and reports each row', () => {
    const csv = [
      'Phone Number,E-mail,Balance,Tier',
      '(313) 555-0142,,1250,Gold',
      ',Jamie@Example.com,300,',
      '+1 248 555 0199,sam@example.com,0,silver',
      '555,,10,',
      '3135550142,,99,',
      ',,5,',
      '2485550100,,abc,',
      '2485550101,,5,Diamond',
      ',JAMIE@example.com,7,',
    ].join('\n');
    const { rows } = parseOpeningBalances(csv, tiers);
    expect(rows.map((r) => [r.line, r.status])).toEqual([
      [2, 'ok'],
      [3, 'ok'],
      [4, 'ok'],
      [5, 'invalid'],
      [6, 'duplicate'],
      [7, 'invalid'],
      [8, 'invalid'],
      [9, 'invalid'],
      [10, 'duplicate'],
    ]);
    expect(rows[0]).toMatchObject({ phone: '+13135550142', email: null, points: 1250, tierId: 'gold' });
    expect(rows[1]).toMatchObject({ phone: null, email: 'jamie@example.com', points: 300, tierId: null });
    expect(rows[2]).toMatchObject({ tierId: 'silver' });
    const msg = (i: number) => (rows[i]!.status === 'ok' ? '' : (rows[i] as { message: string }).message);
    expect(msg(3)).toBe('The phone number "555" is not a valid number.');
    expect(msg(4)).toBe('Same phone number as line 2; only that line is imported.');
    expect(msg(5)).toBe('No phone number or email to find the customer by.');
    expect(msg(7)).toMatch(/^The tier "Diamond" is not one of this programme's tiers \(Bronze, Silver, Gold, Platinum\)/);
    expect(msg(8)).toBe('Same email as line 3; only that line is imported.');
  });

  it('refuses a file without an identity or points column, or with too many rows, naming what is missing', () => {
    expect(() => parseOpeningBalances('name,points\nA,1', tiers)).toThrow(/No phone or email column/);
    expect(() => parseOpeningBalances('phone,notes\n3135550142,x', tiers)).toThrow(/No points column/);
    expect(() => parseOpeningBalances('', tiers)).toThrow(ImportFileError);
    expect(() => parseOpeningBalances('phone,points\n"3135550142,1', tiers)).toThrow(/not valid CSV/);
    const big = `phone,points\n${'3135550142,1\n'.repeat(MAX_IMPORT_ROWS + 1)}`;
    expect(() => parseOpeningBalances(big, tiers)).toThrow(/at most 20,000/);
  });

  it('never lets two ok rows share a phone or an email, whatever the file', () => {
    const phone = fc.constantFrom('', '3135550142', '(313) 555-0142', '2485550199', 'bad');
    const email = fc.constantFrom('', 'a@x.com', 'A@X.COM', 'b@x.com', 'nope');
    const row = fc.tuple(phone, email, fc.constantFrom('1', '-1', '2.5', '40'));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 12 }), (rows) => {
        const csv = ['phone,email,points', ...rows.map((r) => r.join(','))].join('\n');
        const ok = parseOpeningBalances(csv, tiers).rows.filter((r) => r.status === 'ok');
        const keys = ok.flatMap((r) => [r.phone && `p${r.phone}`, r.email && `e${r.email}`].filter(Boolean));
        expect(new Set(keys).size).toBe(keys.length);
      }),
    );
  });
});

describe('importedTierState', () => {
  const settings = { qualificationWindow: 'rolling_12_months' as const, graceDays: 30, tiers };
  const now = new Date('2031-03-10T15:00:00Z');
  it('gives the imported tier for a year, but never lowers one already held', () => {
    expect(importedTierState(null, 'gold', settings, now, 'America/Detroit')).toMatchObject({ id: 'gold', requalifyAt: new Date('2032-03-10T05:00:00Z') });
    const platinum = { id: 'platinum', reachedAt: now, requalifyAt: now, graceUntil: null };
    expect(importedTierState(platinum, 'gold', settings, now, 'America/Detroit')).toBeNull();
    expect(importedTierState(null, 'unknown', settings, now, 'America/Detroit')).toBeNull();
  });
});

describe('reconcile', () => {
  const row = (over: Partial<ImportRowResult>): ImportRowResult => ({
    line: 2,
    status: 'imported',
    message: '',
    phone: '+13135550142',
    email: null,
    points: 100,
    tierId: null,
    customerId: 'cus_1',
    customerName: 'Ada Lovelace',
    raw: null,
    ...over,
  });
  it('compares imported points with balances now, for rows that found a customer', () => {
    const rows = [row({}), row({ line: 3, customerId: 'cus_2', status: 'skipped', points: 50 }), row({ line: 4, status: 'unmatched', customerId: null })];
    const r = reconcile(rows, new Map([['cus_1', 70]]));
    expect(r.map((x) => [x.line, x.imported, x.balance, x.difference])).toEqual([
      [2, 100, 70, -30],
      [3, 50, 0, -50],
    ]);
    expect(reconciliationCsv(r).split('\r\n')[1]).toBe('2,cus_1,Ada Lovelace,+13135550142,100,70,-30');
    expect(countRows(rows)).toMatchObject({ imported: 1, skipped: 1, unmatched: 1, invalid: 0 });
  });
});
