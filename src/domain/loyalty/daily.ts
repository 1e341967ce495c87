import { z } from 'zod';
import { localDatePlus, wallClock, zonedInstant } from '../messaging/local-time';
import type { Lot } from './ledger';

/**
 * The calendar arithmetic of the daily loyalty work (birthdays, anniversaries, expiry notices,
 * expiry keys). Pure: the services query and write, these say which day is whose.
 */

const pad = (n: number) => String(n).padStart(2, '0');

export const isLeapYear = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/** "2026-11-30": the local calendar date of an instant. */
export function localDateOf(timeZone: string, at: Date): string {
  const w = wallClock(timeZone, at);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}`;
}

function parts(date: string): [number, number, number] {
  return date.split('-').map(Number) as [number, number, number];
}

/** Local midnight starting the given calendar date. */
export function startOfLocalDate(timeZone: string, date: string): Date {
  const [y, m, d] = parts(date);
  return zonedInstant(timeZone, y, m, d, 0);
}

/** The calendar date `days` after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = parts(date);
  const t = new Date(Date.UTC(y, m - 1, d + days));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** The next local midnight strictly after `now`. */
export function nextLocalMidnight(timeZone: string, now: Date): Date {
  const d = localDatePlus(timeZone, now, 1);
  return zonedInstant(timeZone, d.year, d.month, d.day, 0);
}

/** "11-30": the queryable month-day of a YYYY-MM-DD date of birth, stored on the customer. */
export function birthMonthDayOf(dateOfBirth: string | null | undefined): string | null {
  const m = dateOfBirth?.match(/^\d{4}-(\d{2})-(\d{2})$/);
  return m ? `${m[1]}-${m[2]}` : null;
}

/**
 * The month-days celebrated on a local date: its own, and on 28 February of a year without a
 * 29th, also 29 February (those customers would otherwise have no birthday three years in four).
 */
export function monthDaysCelebratedOn(date: string): string[] {
  const [y, m, d] = parts(date);
  const own = `${pad(m)}-${pad(d)}`;
  return m === 2 && d === 28 && !isLeapYear(y) ? [own, '02-29'] : [own];
}

export interface AnniversaryWindow {
  years: number;
  /** Customers created in [from, to) (local days of `years` ago) have their anniversary on the date. */
  from: Date;
  to: Date;
}

/**
 * For a local date, the creation windows of customers whose anniversary it is: the same local
 * day one, two, ... years before, back to `earliest`. On 28 February of a year without a 29th the
 * window of a leap year covers 28 and 29 February.
 */
export function anniversaryWindows(timeZone: string, date: string, earliest: Date): AnniversaryWindow[] {
  const [y, m, d] = parts(date);
  const firstYear = wallClock(timeZone, earliest).year;
  const out: AnniversaryWindow[] = [];
  // 29 February exists only in leap years: on 29 Feb only leap years back have that day.
  for (let years = 1; y - years >= firstYear; years++) {
    const year = y - years;
    if (m === 2 && d === 29 && !isLeapYear(year)) continue;
    const day = `${year}-${pad(m)}-${pad(d)}`;
    const span = m === 2 && d === 28 && !isLeapYear(y) && isLeapYear(year) ? 2 : 1;
    out.push({ years, from: startOfLocalDate(timeZone, day), to: startOfLocalDate(timeZone, addDays(day, span)) });
  }
  return out;
}

export interface ExpiryReminder {
  /** The local date the points expire on (their expiry instant is that day's midnight). */
  expiryDate: string;
  expiresAt: Date;
  points: number;
  daysLeft: number;
}

/**
 * What is due a loyalty.points_expiring notice on `today`: the open lots grouped by local expiry
 * date, for each date at most `noticeDays` days ahead. A date is noticed once (the event id is
 * the customer and the date), so a late run still sends the notice, only fewer days ahead.
 */
export function expiryReminders(lots: readonly Lot[], now: Date, timeZone: string, noticeDays: number): ExpiryReminder[] {
  const today = localDateOf(timeZone, now);
  const byDate = new Map<string, ExpiryReminder>();
  for (const lot of lots) {
    if (!lot.expiresAt || lot.expiresAt <= now) continue;
    const expiryDate = localDateOf(timeZone, lot.expiresAt);
    const daysLeft = Math.round((Date.parse(`${expiryDate}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000);
    if (daysLeft > noticeDays) continue;
    const r = byDate.get(expiryDate);
    if (r) {
      r.points += lot.points;
      if (lot.expiresAt < r.expiresAt) r.expiresAt = lot.expiresAt;
    } else byDate.set(expiryDate, { expiryDate, expiresAt: lot.expiresAt, points: lot.points, daysLeft });
  }
  return [...byDate.values()].sort((a, b) => a.expiresAt.getTime() - b.expiresAt.getTime());
}

/**
 * The key of the expiry line that removes what has expired by `now`: the customer and the local
 * date the newest of those lots expired on. After it posts those lots are gone, so a rerun finds
 * nothing to expire; lots expiring on a later day get their own line. Null: nothing has expired.
 */
export function expiryKey(customerId: string, lots: readonly Lot[], now: Date, timeZone: string): string | null {
  let newest: Date | null = null;
  for (const l of lots) if (l.expiresAt && l.expiresAt <= now && (!newest || l.expiresAt > newest)) newest = l.expiresAt;
  return newest ? `expire:${customerId}:${localDateOf(timeZone, newest)}` : null;
}

/**
 * Per tenant (tenants/{orgId}/loyalty_day_state/current): the zones its customers' days are
 * counted in and the last local date each was worked, so the minute tick does a zone's day work
 * once, soon after its local midnight. `nextRunAt` (the next local midnight of any of them) is
 * what the tick queries, so a quiet minute costs one empty query.
 */
export const LOYALTY_DAY_STATE_DOC = 'current';
export const LoyaltyDayStateSchema = z.object({
  id: z.literal(LOYALTY_DAY_STATE_DOC),
  /** The dispensary's zone first, then the zones customers carry (found once a day). */
  zones: z.array(z.string().min(1).max(64)).max(40),
  lastDates: z.record(z.string(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/)),
  nextRunAt: z.date(),
  updatedAt: z.date(),
});
export type LoyaltyDayState = z.infer<typeof LoyaltyDayStateSchema>;

/** The dates still to work for a zone: the day after its last one through today, at most `cap` (a long outage is not replayed in full). */
export function datesToWork(lastDate: string | undefined, today: string, cap = 3): string[] {
  if (!lastDate) return [today];
  const out: string[] = [];
  for (let d = addDays(lastDate, 1); d <= today; d = addDays(d, 1)) out.push(d);
  return out.slice(-cap);
}
