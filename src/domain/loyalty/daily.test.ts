import { describe, expect, it } from 'vitest';
import {
  anniversaryWindows,
  birthMonthDayOf,
  datesToWork,
  expiryKey,
  expiryReminders,
  localDateOf,
  monthDaysCelebratedOn,
  nextLocalMidnight,
  startOfLocalDate,
} from './daily';

const LA = 'America/Los_Angeles';
const NY = 'America/New_York';

describe('the daily loyalty calendar', () => {
  it('keys birthdays by month and day, and refuses what is not a date', () => {
    expect(birthMonthDayOf('1990-11-30')).toBe('11-30');
    expect(birthMonthDayOf(null)).toBeNull();
    expect(birthMonthDayOf('30/11/1990')).toBeNull();
  });

  it('celebrates 29 February on 28 February in a year without one, and only then', () => {
    expect(monthDaysCelebratedOn('2031-02-28')).toEqual(['02-28', '02-29']);
    expect(monthDaysCelebratedOn('2032-02-28')).toEqual(['02-28']);
    expect(monthDaysCelebratedOn('2032-02-29')).toEqual(['02-29']);
    expect(monthDaysCelebratedOn('2031-03-01')).toEqual(['03-01']);
  });

  it('finds local dates and midnights per zone', () => {
    const at = new Date('2031-11-30T06:30:00Z'); // 01:30 in New York, 22:30 the evening before in LA
    expect(localDateOf(NY, at)).toBe('2031-11-30');
    expect(localDateOf(LA, at)).toBe('2031-11-29');
    expect(nextLocalMidnight(LA, at).toISOString()).toBe('2031-11-30T08:00:00.000Z');
    expect(startOfLocalDate(NY, '2031-11-30').toISOString()).toBe('2031-11-30T05:00:00.000Z');
  });

  it('gives one creation window per past year, the leap day folded into 28 February', () => {
    const w = anniversaryWindows(NY, '2031-02-28', new Date('2027-06-01T00:00:00Z'));
    expect(w.map((x) => x.years)).toEqual([1, 2, 3, 4]);
    const leap = w.find((x) => x.years === 3)!; // 2028 had a 29 February
    expect(leap.from.toISOString()).toBe('2028-02-28T05:00:00.000Z');
    expect(leap.to.toISOString()).toBe('2028-03-01T05:00:00.000Z');
    expect(w.find((x) => x.years === 1)!.to.toISOString()).toBe('2030-03-01T05:00:00.000Z');
    // On a 29 February only the leap years back have that day.
    expect(anniversaryWindows(NY, '2032-02-29', new Date('2020-01-01T00:00:00Z')).map((x) => x.years)).toEqual([4, 8, 12]);
    expect(anniversaryWindows(NY, '2031-05-01', new Date('2031-01-02T12:00:00Z'))).toEqual([]);
  });

  it('notices each expiry date once within the notice days, grouping its lots', () => {
    const now = new Date('2031-03-01T17:00:00Z');
    const lots = [
      { points: 40, availableAt: now, expiresAt: new Date('2031-03-15T05:00:00Z') }, // 14 days in Detroit
      { points: 10, availableAt: now, expiresAt: new Date('2031-03-15T05:00:00Z') },
      { points: 25, availableAt: now, expiresAt: new Date('2031-03-16T05:00:00Z') }, // 15 days: not yet
      { points: 5, availableAt: now, expiresAt: null },
    ];
    expect(expiryReminders(lots, now, 'America/Detroit', 14)).toEqual([
      { expiryDate: '2031-03-15', expiresAt: new Date('2031-03-15T05:00:00Z'), points: 50, daysLeft: 14 },
    ]);
    expect(expiryReminders(lots, now, 'America/Detroit', 15).map((r) => r.expiryDate)).toEqual(['2031-03-15', '2031-03-16']);
  });

  it('keys an expiry by the day the newest expired lot expired, and has no key when nothing expired', () => {
    const lots = [
      { points: 5, availableAt: new Date(0), expiresAt: new Date('2031-03-01T05:00:00Z') },
      { points: 5, availableAt: new Date(0), expiresAt: new Date('2031-03-02T05:00:00Z') },
      { points: 5, availableAt: new Date(0), expiresAt: new Date('2031-04-02T05:00:00Z') },
    ];
    expect(expiryKey('c1', lots, new Date('2031-03-02T06:00:00Z'), 'America/Detroit')).toBe('expire:c1:2031-03-02');
    expect(expiryKey('c1', lots, new Date('2031-02-28T06:00:00Z'), 'America/Detroit')).toBeNull();
  });
});

describe('the dates a zone still has to work', () => {
  it('is today the first time, the missed days after an outage (at most three), nothing when done', () => {
    expect(datesToWork(undefined, '2031-03-01')).toEqual(['2031-03-01']);
    expect(datesToWork('2031-02-27', '2031-03-01')).toEqual(['2031-02-28', '2031-03-01']);
    expect(datesToWork('2031-02-01', '2031-03-01')).toEqual(['2031-02-27', '2031-02-28', '2031-03-01']);
    expect(datesToWork('2031-03-01', '2031-03-01')).toEqual([]);
  });
});
