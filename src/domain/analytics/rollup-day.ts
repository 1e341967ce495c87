import { localDatePlus, wallClock, zonedInstant } from '../messaging/local-time';

/** A local calendar day, "YYYY-MM-DD": sorts and compares as text. */
export type DayKey = string;

export const DAY_KEY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const keyOf = (d: { year: number; month: number; day: number }): DayKey => `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`;

/** The dispensary's calendar day `at` falls on (its zone, not UTC: an 8 p.m. sale in Detroit is that day's). */
export function localDayKey(at: Date, timeZone: string): DayKey {
  return keyOf(wallClock(timeZone, at));
}

/** The day `days` after `day` (negative for before); calendar arithmetic, so DST never skips a day. */
export function addDays(day: DayKey, days: number): DayKey {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return keyOf({ year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() });
}

/** Every day from `from` to `to`, both included. */
export function daysBetween(from: DayKey, to: DayKey): DayKey[] {
  const out: DayKey[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

/** The instant the local day begins (23 or 25 hours before the next one across a DST change). */
export function dayStart(day: DayKey, timeZone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return zonedInstant(timeZone, y, m, d, 0);
}

/** The local day `days` after the one `at` falls on. */
export function localDayPlus(at: Date, timeZone: string, days: number): DayKey {
  return keyOf(localDatePlus(timeZone, at, days));
}
