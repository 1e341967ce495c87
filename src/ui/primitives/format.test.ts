import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describeInstant, describeOrderAmount, formatCalendarDate, formatCompact, formatInstant, safeZone } from './format';

const DETROIT = 'America/Detroit';
// 20:45 UTC on Nov 21, 2026 is 3:45 PM in Detroit (EST, UTC-5) and already Nov 22 in Tokyo.
const AT = new Date('2026-11-21T20:45:07Z');
const NOW = new Date('2026-12-01T12:00:00Z');

describe('formatInstant', () => {
  it('writes a moment on the dispensary clock, whatever zone the machine is in', () => {
    expect(formatInstant(AT, DETROIT)).toBe('Nov 21, 2026, 3:45 PM');
    expect(formatInstant(AT, 'Asia/Tokyo')).toBe('Nov 22, 2026, 5:45 AM');
    expect(formatInstant(AT.toISOString(), DETROIT)).toBe('Nov 21, 2026, 3:45 PM');
  });

  it('has a date, a time, a weekday and a seconds variant of the same format', () => {
    expect(formatInstant(AT, DETROIT, { style: 'date' })).toBe('Nov 21, 2026');
    expect(formatInstant(AT, DETROIT, { style: 'time' })).toBe('3:45 PM');
    expect(formatInstant(AT, DETROIT, { weekday: true })).toBe('Sat, Nov 21, 2026, 3:45 PM');
    expect(formatInstant(AT, DETROIT, { seconds: true })).toBe('Nov 21, 2026, 3:45:07 PM');
  });

  it('short: the time this year, the year otherwise, never both, so narrow cells stay on one line', () => {
    expect(formatInstant(AT, DETROIT, { style: 'short' }, NOW)).toBe('Nov 21, 3:45 PM');
    expect(formatInstant(AT, DETROIT, { style: 'short' }, new Date('2027-01-02T12:00:00Z'))).toBe('Nov 21, 2026');
    // "This year" is the dispensary's year: 2 AM UTC on Jan 1 is still New Year's Eve in Detroit.
    expect(formatInstant(new Date('2027-01-01T02:00:00Z'), DETROIT, { style: 'short' }, NOW)).toBe('Dec 31, 9:00 PM');
  });

  it('prints plain spaces only, so the server and the browser render the same text', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        for (const style of ['datetime', 'date', 'short', 'time'] as const) expect(formatInstant(d, DETROIT, { style }, NOW)).not.toMatch(/[^\S ]|  /);
      }),
    );
  });

  it('shows a dash for a missing or broken value and falls back to UTC for an unknown zone', () => {
    expect(formatInstant('not a date', DETROIT)).toBe('—');
    expect(safeZone('Mars/Olympus')).toBe('UTC');
    expect(formatInstant(AT, 'Mars/Olympus')).toBe('Nov 21, 2026, 8:45 PM');
  });
});

describe('describeInstant', () => {
  it('names the zone in words and by its id', () => {
    expect(describeInstant(AT, DETROIT)).toBe('Nov 21, 2026, 3:45 PM Eastern Standard Time (America/Detroit)');
    expect(describeInstant(new Date('2026-07-04T16:00:00Z'), DETROIT)).toBe('Jul 4, 2026, 12:00 PM Eastern Daylight Time (America/Detroit)');
    expect(describeInstant(AT, 'Mars/Olympus')).toBe('Nov 21, 2026, 8:45 PM Coordinated Universal Time (UTC)');
  });
});

describe('formatCalendarDate', () => {
  it('writes a birthday in the same format as other dates, never shifted by a zone', () => {
    expect(formatCalendarDate('1992-02-25')).toBe('Feb 25, 1992');
    expect(formatCalendarDate('2000-01-01')).toBe('Jan 1, 2000');
    expect(formatCalendarDate('2025-09-01', { short: true })).toBe('Sep 1');
  });

  it('gives back what is not a real calendar date', () => {
    expect(formatCalendarDate('1992-02-30')).toBe('1992-02-30');
    expect(formatCalendarDate('25/02/1992')).toBe('25/02/1992');
  });

  it('keeps every day of the year on its day', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }), (d) => {
        const iso = d.toISOString().slice(0, 10);
        const day = Number(iso.slice(8, 10));
        expect(formatCalendarDate(iso)).toMatch(new RegExp(`^[A-Z][a-z]{2} ${day}, ${iso.slice(0, 4)}$`));
      }),
    );
  });
});

describe('describeOrderAmount', () => {
  it('says what was refunded rather than a zero total', () => {
    expect(describeOrderAmount({ status: 'refunded', totalCents: 1200, refundedCents: 1200 })).toBe('Refunded $12.00');
    expect(describeOrderAmount({ status: 'partially_refunded', totalCents: 4000, refundedCents: 500 })).toBe('Partly refunded: $5.00 of $40.00');
    expect(describeOrderAmount({ status: 'completed', totalCents: 4000, refundedCents: 0 })).toBe('$40.00');
  });

  it('has nothing to say when the viewer receives no amounts', () => {
    expect(describeOrderAmount({ status: 'refunded' })).toBeNull();
  });
});

describe('formatCompact', () => {
  it('shortens axis figures', () => {
    expect(formatCompact(123_456, 'money')).toBe('$1.2K');
    expect(formatCompact(85_000, 'money')).toBe('$850');
    expect(formatCompact(12_345, 'count')).toBe('12.3K');
  });
});
