import { formatCalendarDate, formatCompact, formatCount, formatMoney } from '../format';

/**
 * The data side of the dashboard's charts, kept apart from the drawing (chart.tsx) so it can be
 * tested and shared: what the axes, labels, tooltips and the table alternative say.
 */

/** What the values are: money in integer cents, or a count. */
export type ValueFormat = 'money' | 'count';

/** A time series' step: a point per day, per week (dated by its first day) or per month (its first day). */
export type Interval = 'day' | 'week' | 'month';

export interface ChartSeries {
  key: string;
  label: string;
}

/** One point or bar group: a short label for the axis, a full one for the tooltip and the table. */
export interface ChartRow {
  id: string;
  axisLabel: string;
  fullLabel: string;
  values: Record<string, number>;
}

/** The dated points of a time series, as calendar dates ("2025-09-01"), never shifted by a zone. */
export interface TimePoint {
  date: string;
  values: Record<string, number>;
}

export interface CategoryPoint {
  label: string;
  values: Record<string, number>;
}

const MONTH_LONG = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'long', year: 'numeric' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-US', { timeZone: 'UTC', month: 'short', year: 'numeric' });

function monthOf(date: string, fmt: Intl.DateTimeFormat): string {
  const m = /^(\d{4})-(\d{2})/.exec(date);
  return m ? fmt.format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1))) : date;
}

export function timeRows(points: TimePoint[], interval: Interval): ChartRow[] {
  return points.map((p) => ({
    id: p.date,
    axisLabel: interval === 'month' ? monthOf(p.date, MONTH_SHORT) : formatCalendarDate(p.date, { short: true }),
    fullLabel: interval === 'month' ? monthOf(p.date, MONTH_LONG) : interval === 'week' ? `Week of ${formatCalendarDate(p.date)}` : formatCalendarDate(p.date),
    values: p.values,
  }));
}

export function categoryRows(points: CategoryPoint[]): ChartRow[] {
  return points.map((p, i) => ({ id: `${i}-${p.label}`, axisLabel: p.label, fullLabel: p.label, values: p.values }));
}

/** The x axis' title for a time series. */
export const INTERVAL_AXIS: Record<Interval, string> = { day: 'Day', week: 'Week starting', month: 'Month' };

/** A value in full ("$1,234.50", "1,234"), for tooltips and the table. */
export function formatValue(v: number, format: ValueFormat): string {
  return format === 'money' ? formatMoney(v) : formatCount(v);
}

/** A value in short ("$1.2K", "12K"), for the axis and labels on the bars. */
export function formatTick(v: number, format: ValueFormat): string {
  return formatCompact(v, format);
}

/**
 * A sentence saying what the chart shows, for screen readers beside the picture: the range, the
 * highest and lowest point of each series.
 */
export function summarize(rows: ChartRow[], series: ChartSeries[], format: ValueFormat): string {
  if (!rows.length) return 'No data.';
  const parts = series.map((s) => {
    const vals = rows.map((r) => ({ r, v: r.values[s.key] ?? 0 }));
    const hi = vals.reduce((a, b) => (b.v > a.v ? b : a));
    const lo = vals.reduce((a, b) => (b.v < a.v ? b : a));
    return `${s.label}: highest ${formatValue(hi.v, format)} (${hi.r.fullLabel}), lowest ${formatValue(lo.v, format)} (${lo.r.fullLabel})`;
  });
  return `${rows[0]!.fullLabel} to ${rows[rows.length - 1]!.fullLabel}. ${parts.join('; ')}.`;
}

/** Series colours: dark enough for 3:1 against white (WCAG non-text contrast), told apart by the legend too. */
export const SERIES_COLOURS = ['#23834a', '#0369a1', '#b45309', '#7c3aed', '#475569', '#be123c'];
