import { z } from 'zod';
import { addDays, DAY_KEY_PATTERN, type DayKey } from './rollup-day';

/** The longest range the Analytics page reads at once: a year and a leap day. */
export const MAX_RANGE_DAYS = 366;
export const DEFAULT_RANGE_DAYS = 30;

const Day = z
  .string()
  .regex(DAY_KEY_PATTERN, 'Give dates as YYYY-MM-DD')
  .refine((d) => addDays(d, 0) === d, 'That date does not exist');

/** `from` and `to` of the query string, both optional (default: the last 30 days, today included). */
export const ReportRangeQuerySchema = z.object({ from: Day.optional(), to: Day.optional() });
export type ReportRangeQuery = z.input<typeof ReportRangeQuerySchema>;

export interface ReportRange {
  from: DayKey;
  to: DayKey;
  days: number;
  /** The period of equal length just before. */
  previous: { from: DayKey; to: DayKey };
}

export const daysInclusive = (from: DayKey, to: DayKey) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;

/** The range a query asks for, given today (the dispensary's local day); an error message when it cannot be read. */
export function resolveRange(q: { from?: DayKey; to?: DayKey }, today: DayKey): ReportRange | { error: string } {
  const to = q.to ?? (q.from && q.from > today ? q.from : today);
  const from = q.from ?? addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  if (from > to) return { error: 'The start date must not be after the end date.' };
  const days = daysInclusive(from, to);
  if (days > MAX_RANGE_DAYS) return { error: `A range is at most ${MAX_RANGE_DAYS} days (this one is ${days}).` };
  return { from, to, days, previous: { from: addDays(from, -days), to: addDays(from, -1) } };
}
