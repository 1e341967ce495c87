'use client';
import { createContext, useContext } from 'react';
import { cn } from './cn';
import { describeInstant, formatCalendarDate, formatInstant, safeZone, toDate, type Instant, type TimeFormat } from './format';

const ZoneContext = createContext<string | null>(null);

/**
 * Puts the dispensary's time zone around the dashboard (src/app/dashboard/layout.tsx), so every
 * <Time> below it, in a server or a client component, shows the dispensary's clock, never the
 * browser's.
 */
export function TimeZoneProvider({ timeZone, children }: { timeZone: string; children: React.ReactNode }) {
  return <ZoneContext.Provider value={safeZone(timeZone)}>{children}</ZoneContext.Provider>;
}

/** The dispensary's zone (UTC outside the dashboard, named as such wherever it is shown). */
export function useTimeZone(): string {
  return useContext(ZoneContext) ?? 'UTC';
}

/**
 * A moment, on the dispensary's clock, as a real <time>: the machine-readable instant in
 * `dateTime`, and the full date with the zone spelled out on hover ("Nov 21, 2026, 3:45 PM Eastern
 * Standard Time (America/Detroit)"). `timeZone` overrides the dispensary's, for a schedule set in
 * another zone. A missing value shows `empty` (a dash by default).
 */
export function Time({
  value,
  timeZone,
  className,
  empty = '—',
  ...format
}: TimeFormat & { value: Instant | null | undefined; timeZone?: string; className?: string; empty?: React.ReactNode }) {
  const dispensary = useTimeZone();
  const zone = timeZone ? safeZone(timeZone) : dispensary;
  const at = value === null || value === undefined ? null : toDate(value);
  if (!at) return <span className={cn('text-slate-500', className)}>{empty}</span>;
  return (
    // The year in `short` depends on today: server and browser may disagree for a moment at New Year.
    <time dateTime={at.toISOString()} title={describeInstant(at, zone, format)} className={cn('whitespace-nowrap', className)} suppressHydrationWarning>
      {formatInstant(at, zone, format)}
    </time>
  );
}

/** A calendar date ("1992-02-25": a birthday) in the dashboard's date format, never moved by a zone. */
export function CalendarDate({ value, className, empty = '—' }: { value: string | null | undefined; className?: string; empty?: React.ReactNode }) {
  if (!value) return <span className={cn('text-slate-500', className)}>{empty}</span>;
  return (
    <time dateTime={value} className={cn('whitespace-nowrap', className)}>
      {formatCalendarDate(value)}
    </time>
  );
}
