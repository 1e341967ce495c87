import { formatCents } from '@/domain/money';
import type { OrderStatus } from '@/domain/order';

/**
 * The dashboard's one way of writing times, dates, money and counts (see docs/ui.md). Pure: the
 * <Time> component renders these, and anything that needs a plain string (a chart label, a title)
 * calls them directly. US English, as the rest of the dashboard.
 */

export type Instant = Date | string | number;

/**
 * How much of a moment to show:
 * - `datetime` "Nov 21, 2026, 3:45 PM": the default.
 * - `date` "Nov 21, 2026": when the day is what matters (last order, customer since).
 * - `short` "Nov 21, 3:45 PM" (this year) or "Nov 21, 2025" (another year): narrow table cells.
 * - `time` "3:45 PM": beside a date already shown.
 */
export type TimeStyle = 'datetime' | 'date' | 'short' | 'time';

export interface TimeFormat {
  style?: TimeStyle;
  /** "Sat, May 4, 2030, 3:30 PM": for due dates, where the day of the week helps plan. */
  weekday?: boolean;
  /** "…, 3:45:07 PM": for logs where retries seconds apart must be told apart. */
  seconds?: boolean;
}

const LOCALE = 'en-US';

// ICU puts a narrow no-break space before AM/PM in some versions and a plain one in others; the
// server and the browser must print the same text, so every run of white space becomes one space.
const clean = (s: string) => s.replace(/\s+/g, ' ').trim();

/** A valid IANA zone, or UTC: a bad zone must not take a page down, and UTC is named wherever it is used. */
export function safeZone(timeZone: string | null | undefined): string {
  if (!timeZone) return 'UTC';
  try {
    new Intl.DateTimeFormat(LOCALE, { timeZone });
    return timeZone;
  } catch {
    return 'UTC';
  }
}

export function toDate(value: Instant): Date | null {
  const d = value instanceof Date ? value : new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}

function yearIn(d: Date, timeZone: string): string {
  return new Intl.DateTimeFormat(LOCALE, { year: 'numeric', timeZone }).format(d);
}

/** A moment as staff at the dispensary read it, on the dispensary's clock. */
export function formatInstant(value: Instant, timeZone: string, format: TimeFormat = {}, now: Date = new Date()): string {
  const d = toDate(value);
  if (!d) return '—';
  const zone = safeZone(timeZone);
  const style = format.style ?? 'datetime';
  const opts: Intl.DateTimeFormatOptions = { timeZone: zone };
  const withTime = style === 'datetime' || style === 'time' || (style === 'short' && yearIn(d, zone) === yearIn(now, zone));
  if (style !== 'time') {
    opts.month = 'short';
    opts.day = 'numeric';
    if (style !== 'short' || !withTime) opts.year = 'numeric';
    if (format.weekday) opts.weekday = 'short';
  }
  if (withTime) {
    opts.hour = 'numeric';
    opts.minute = '2-digit';
    if (format.seconds) opts.second = '2-digit';
  }
  return clean(d.toLocaleString(LOCALE, opts));
}

/**
 * The full moment with its zone spelled out, for a tooltip:
 * "Nov 21, 2026, 3:45 PM Eastern Standard Time (America/Detroit)".
 */
export function describeInstant(value: Instant, timeZone: string, format: Pick<TimeFormat, 'seconds'> = {}): string {
  const d = toDate(value);
  if (!d) return '';
  const zone = safeZone(timeZone);
  const text = d.toLocaleString(LOCALE, {
    timeZone: zone,
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    ...(format.seconds ? { second: '2-digit' as const } : {}),
    timeZoneName: 'long',
  });
  return `${clean(text)} (${zone})`;
}

/** The zone's short name at a moment ("EST", "EDT"), for labels beside inputs. */
export function zoneAbbreviation(timeZone: string, at: Date): string {
  const zone = safeZone(timeZone);
  const part = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: 'short' }).formatToParts(at).find((p) => p.type === 'timeZoneName');
  return part?.value ?? zone;
}

const CALENDAR = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A calendar date ("1992-02-25", a birthday or a week's first day) in the dashboard's date format,
 * "Feb 25, 1992". It names a day, not a moment, so no zone can move it to the day before.
 * `short` leaves out the year ("Feb 25"), for chart axes. Anything else is returned unchanged.
 */
export function formatCalendarDate(value: string, opts: { short?: boolean } = {}): string {
  const m = CALENDAR.exec(value);
  if (!m) return value;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(Date.UTC(y, mo - 1, d));
  if (at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) return value;
  return clean(at.toLocaleDateString(LOCALE, { timeZone: 'UTC', month: 'short', day: 'numeric', ...(opts.short ? {} : { year: 'numeric' }) }));
}

/** Money in integer cents: "$1,234.50". */
export const formatMoney = (cents: number): string => formatCents(cents);

/** A count: "1,234". */
export const formatCount = (n: number): string => n.toLocaleString(LOCALE);

/** A short figure for chart axes and labels: "$1.2K", "$850", "12K". */
export function formatCompact(value: number, kind: 'money' | 'count'): string {
  const n = kind === 'money' ? value / 100 : value;
  const text = new Intl.NumberFormat(LOCALE, {
    notation: 'compact',
    maximumFractionDigits: Math.abs(n) < 1000 && kind === 'money' ? 0 : 1,
    ...(kind === 'money' ? { style: 'currency', currency: 'USD' } : {}),
  }).format(n);
  return clean(text);
}

/**
 * What an order came to, as the dashboard says it: the total, or for a refund what went back
 * ("Refunded $12.00", "Partly refunded: $5.00 of $40.00"). In two parts, so a narrow cell can break
 * after the words and keep the amounts together. Null when the viewer's data carries no amounts
 * (a budtender's view of an order has none).
 */
export function orderAmount(o: { status: OrderStatus; totalCents?: number; refundedCents?: number }): { note: string | null; amount: string } | null {
  if (o.totalCents === undefined) return null;
  const refunded = o.refundedCents ?? 0;
  if (o.status === 'refunded' || (refunded > 0 && refunded >= o.totalCents)) return { note: 'Refunded', amount: formatMoney(refunded || o.totalCents) };
  if (o.status === 'partially_refunded' || refunded > 0)
    return { note: 'Partly refunded:', amount: `${formatMoney(refunded)} of ${formatMoney(o.totalCents)}` };
  return { note: null, amount: formatMoney(o.totalCents) };
}

/** orderAmount as one string. */
export function describeOrderAmount(o: Parameters<typeof orderAmount>[0]): string | null {
  const a = orderAmount(o);
  return a ? [a.note, a.amount].filter(Boolean).join(' ') : null;
}
