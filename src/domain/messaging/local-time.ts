/** Wall-clock arithmetic in IANA zones, without a date library: Intl gives the local parts. */

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
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

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/**
 * The last instants asked for, per zone: one order asks for the same moment's wall clock several
 * times (its rollup day, points expiry, tier review, segment), and formatToParts is costly.
 */
const recent = new Map<string, WallClock>();

export function wallClock(timeZone: string, at: Date): WallClock {
  const key = `${timeZone}|${at.getTime()}`;
  const hit = recent.get(key);
  if (hit) return { ...hit };
  const parts = formatFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const w = { year: get('year'), month: get('month'), day: get('day'), hour: get('hour'), minute: get('minute'), second: get('second') };
  if (recent.size >= 256) recent.clear();
  recent.set(key, w);
  return { ...w };
}

/** Minutes since local midnight, 0..1439. */
export function minuteOfDay(timeZone: string, at: Date): number {
  const w = wallClock(timeZone, at);
  return w.hour * 60 + w.minute;
}

/** "HH:MM" to minutes since midnight. */
export function parseHhmm(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  return h * 60 + m;
}

export function formatHhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The instant at which the local wall clock in `timeZone` reads the given date and minute.
 * Two refinements of the offset settle every zone; a time inside a DST gap (2 a.m. on the
 * spring-forward day) maps to the instant just after it, which no send window starts in.
 */
export function zonedInstant(timeZone: string, year: number, month: number, day: number, minute: number): Date {
  const target = Date.UTC(year, month - 1, day, Math.floor(minute / 60), minute % 60);
  let guess = target;
  for (let i = 0; i < 3; i += 1) {
    const w = wallClock(timeZone, new Date(guess));
    const shown = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    const diff = target - shown;
    if (diff === 0) break;
    guess += diff;
  }
  return new Date(guess);
}

/** The local calendar date `days` days after the one `at` falls on in `timeZone`. */
export function localDatePlus(timeZone: string, at: Date, days: number): { year: number; month: number; day: number } {
  const w = wallClock(timeZone, at);
  const d = new Date(Date.UTC(w.year, w.month - 1, w.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/**
 * Whether `at` falls inside the daily window [start, end) in `timeZone`, and if not, the first
 * instant at which it opens again (the window's start, today or tomorrow, local time).
 */
export function nextWindowOpening(timeZone: string, at: Date, window: { start: string; end: string }): { inside: boolean; opensAt: Date } {
  const start = parseHhmm(window.start);
  const end = parseHhmm(window.end);
  const m = minuteOfDay(timeZone, at);
  if (m >= start && m < end) return { inside: true, opensAt: at };
  const day = localDatePlus(timeZone, at, m < start ? 0 : 1);
  return { inside: false, opensAt: zonedInstant(timeZone, day.year, day.month, day.day, start) };
}
