import { WEEKDAYS, type BusinessHours, type Weekday } from '@/domain/location';

/** A calendar day in some zone, counted back from "today" there. */
export interface LocalDay {
  year: number;
  month: number;
  day: number;
  weekday: Weekday;
}

const formats = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

function format(timeZone: string): Intl.DateTimeFormat {
  let f = formats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, f);
  }
  return f;
}

function wallClock(timeZone: string, at: Date) {
  const parts = format(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
}

/** The zone's offset from UTC in ms at the given instant (negative west of Greenwich). */
function offsetAt(timeZone: string, at: Date): number {
  const w = wallClock(timeZone, at);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The local calendar day `daysAgo` days before the day `now` falls on in `timeZone`. */
export function localDayBefore(timeZone: string, now: Date, daysAgo: number): LocalDay {
  const today = wallClock(timeZone, now);
  const d = new Date(Date.UTC(today.year, today.month - 1, today.day - daysAgo));
  // getUTCDay: 0 is Sunday; WEEKDAYS starts on Monday.
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), weekday: WEEKDAYS[(d.getUTCDay() + 6) % 7]! };
}

/**
 * The instant of a local wall-clock time. The offset is taken at local noon, which is right for
 * any time of day a shop is open: DST changes happen at 2 a.m.
 */
export function zonedTime(timeZone: string, day: LocalDay, minuteOfDay: number): Date {
  const key = `${timeZone}|${day.year}-${day.month}-${day.day}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const noonGuess = Date.UTC(day.year, day.month - 1, day.day, 12);
    offset = offsetAt(timeZone, new Date(noonGuess - offsetAt(timeZone, new Date(noonGuess))));
    offsets.set(key, offset);
  }
  return new Date(Date.UTC(day.year, day.month - 1, day.day, 0, minuteOfDay) - offset);
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * A moment during opening hours on `day`, placed by `fraction` (0 = opening, 1 = closing).
 * Returns null if the store is closed that day.
 */
export function timeDuringOpeningHours(timeZone: string, hours: BusinessHours, day: LocalDay, fraction: number): Date | null {
  const slots = hours[day.weekday];
  if (!slots.length) return null;
  const total = slots.reduce((s, o) => s + (toMinutes(o.close) - toMinutes(o.open)), 0);
  let m = Math.min(total - 1, Math.floor(fraction * total));
  for (const o of slots) {
    const len = toMinutes(o.close) - toMinutes(o.open);
    if (m < len) return zonedTime(timeZone, day, toMinutes(o.open) + m);
    m -= len;
  }
  return null;
}

/**
 * How many local days back the last business day that has already closed lies: 0 if the store
 * closed earlier today, 1 if it is open now or has not opened yet, more after closed days.
 * Anchoring history there keeps every order in the past without crowding one day.
 */
export function daysBackToLastClose(timeZone: string, hours: BusinessHours, now: Date): number {
  for (let back = 0; back < 8; back++) {
    const day = localDayBefore(timeZone, now, back);
    const last = hours[day.weekday].at(-1);
    if (last && zonedTime(timeZone, day, toMinutes(last.close)) <= now) return back;
  }
  throw new Error('A store that never opens has no business days.');
}

/** "YYYY-MM-DD" of a local day. */
export function isoDay(d: Pick<LocalDay, 'year' | 'month' | 'day'>): string {
  return `${String(d.year).padStart(4, '0')}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}
