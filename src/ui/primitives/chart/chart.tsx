'use client';
import { useEffect, useId, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { Button } from '../button';
import {
  categoryRows,
  formatTick,
  formatValue,
  INTERVAL_AXIS,
  SERIES_COLOURS,
  summarize,
  timeRows,
  type CategoryPoint,
  type ChartRow,
  type ChartSeries,
  type Interval,
  type TimePoint,
  type ValueFormat,
} from './chart-model';

interface CommonProps {
  /** The chart's name: its caption, the picture's accessible name and the table's caption. */
  title: string;
  /** One or more series; a legend appears when there are several. */
  series: ChartSeries[];
  /** Money (integer cents) or counts: how axes, labels, tooltips and the table print values. */
  format: ValueFormat;
  /** The value axis' title, e.g. "Gross sales" (the unit comes from `format`). */
  valueLabel: string;
  /** Height of the drawing in px (it always takes the full width). */
  height?: number;
}

/** Values over time, by day, week or month, as bars (the default) or lines. */
export function TimeSeriesChart({
  points,
  interval,
  type = 'bar',
  ...common
}: CommonProps & { points: TimePoint[]; interval: Interval; type?: 'bar' | 'line' }) {
  return <Chart {...common} rows={timeRows(points, interval)} axisLabel={INTERVAL_AXIS[interval]} type={type} />;
}

/** Values by category (a product category, a segment), as horizontal bars so long names stay readable. */
export function CategoryChart({ categories, categoryLabel, ...common }: CommonProps & { categories: CategoryPoint[]; categoryLabel: string }) {
  return <Chart {...common} rows={categoryRows(categories)} axisLabel={categoryLabel} type="bar" horizontal />;
}

const TICK = { fill: '#475569', fontSize: 12 };
const AXIS_TITLE = { fill: '#334155', fontSize: 12, fontWeight: 500 };

/**
 * Draws with recharts (SVG) and always carries the numbers as a table: visually hidden beside the
 * picture for screen readers, and shown instead of it with "Show as table". The picture itself is
 * one image named by the title and described by a sentence summarising it (the SVG's <desc>);
 * hovering shows each value.
 */
function Chart({
  title,
  series,
  format,
  valueLabel,
  height = 260,
  rows,
  axisLabel,
  type,
  horizontal = false,
}: CommonProps & { rows: ChartRow[]; axisLabel: string; type: 'bar' | 'line'; horizontal?: boolean }) {
  const id = useId();
  const [asTable, setAsTable] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const data = rows.map((r) => ({ __axis: r.axisLabel, __full: r.fullLabel, ...r.values }));
  const summary = summarize(rows, series, format);
  // Numbers on the bars only when each bar has room for one; the tooltip and the table always have them.
  const labelled = series.length === 1 && type === 'bar' && width > 0 && (horizontal || width / rows.length >= 48);
  const drawHeight = horizontal ? Math.max(height, rows.length * 28 + 60) : height;

  const common = {
    data,
    accessibilityLayer: false,
    role: 'img',
    title,
    desc: summary,
    'aria-label': title,
    margin: { top: labelled && !horizontal ? 20 : 8, right: horizontal ? 56 : 12, bottom: 24, left: 12 },
    responsive: true,
    style: { width: '100%', height: drawHeight },
  } as const;
  const valueAxis = {
    tickFormatter: (v: number) => formatTick(v, format),
    tick: TICK,
    allowDecimals: false,
    label: {
      value: valueLabel,
      ...AXIS_TITLE,
      ...(horizontal
        ? { position: 'insideBottom' as const, offset: -16 }
        : { angle: -90, position: 'insideLeft' as const, offset: 0, style: { textAnchor: 'middle' as const } }),
    },
  };
  const categoryAxis = {
    dataKey: '__axis',
    tick: TICK,
    interval: 'preserveStartEnd' as const,
    label: horizontal ? undefined : { value: axisLabel, position: 'insideBottom' as const, offset: -16, ...AXIS_TITLE },
  };
  const tooltip = (
    <Tooltip
      separator=": "
      formatter={(v, name) => [formatValue(Number(v), format), name]}
      labelFormatter={(_, payload) => String((payload?.[0]?.payload as { __full?: string } | undefined)?.__full ?? '')}
      cursor={{ fill: 'rgba(15, 23, 42, 0.06)' }}
    />
  );
  const legend = series.length > 1 ? <Legend verticalAlign="top" height={28} wrapperStyle={{ fontSize: 12 }} /> : null;

  return (
    <figure className="min-w-0">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <figcaption className="text-sm font-medium text-slate-700">{title}</figcaption>
        <Button variant="ghost" className="px-2 py-1 text-xs" aria-controls={`${id}-table`} onClick={() => setAsTable((v) => !v)}>
          {asTable ? 'Show as chart' : 'Show as table'}
        </Button>
      </div>
      {/* Until the observer reports a new width (a tablet turned, a window narrowed) the drawing keeps its old one:
          inline-size containment and clipping keep that stale width from widening the page into sideways scrolling. */}
      <div ref={box} className={asTable ? 'hidden' : 'min-w-0 overflow-x-clip contain-inline-size'} style={{ minHeight: drawHeight }}>
        {type === 'line' ? (
          <LineChart {...common}>
            <CartesianGrid stroke="#e2e8f0" vertical={false} />
            <XAxis {...categoryAxis} />
            <YAxis {...valueAxis} width={64} />
            {tooltip}
            {legend}
            {series.map((s, i) => (
              <Line key={s.key} dataKey={s.key} name={s.label} stroke={SERIES_COLOURS[i % SERIES_COLOURS.length]} strokeWidth={2} isAnimationActive={false} />
            ))}
          </LineChart>
        ) : (
          <BarChart {...common} layout={horizontal ? 'vertical' : 'horizontal'}>
            <CartesianGrid stroke="#e2e8f0" vertical={horizontal} horizontal={!horizontal} />
            {horizontal ? <XAxis type="number" {...valueAxis} /> : <XAxis {...categoryAxis} />}
            {horizontal ? <YAxis type="category" {...categoryAxis} width={120} /> : <YAxis {...valueAxis} width={64} />}
            {tooltip}
            {legend}
            {series.map((s, i) => (
              <Bar key={s.key} dataKey={s.key} name={s.label} fill={SERIES_COLOURS[i % SERIES_COLOURS.length]} radius={3} isAnimationActive={false}>
                {labelled ? (
                  <LabelList
                    dataKey={s.key}
                    position={horizontal ? 'right' : 'top'}
                    formatter={(v) => formatTick(Number(v), format)}
                    fill="#334155"
                    fontSize={11}
                  />
                ) : null}
              </Bar>
            ))}
          </BarChart>
        )}
      </div>
      <table id={`${id}-table`} className={asTable ? 'w-full text-sm' : 'sr-only'}>
        <caption className="sr-only">{title}</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-700">
            <th scope="col" className="py-1.5 pr-4 font-medium">
              {axisLabel}
            </th>
            {series.map((s) => (
              <th key={s.key} scope="col" className="py-1.5 pl-4 text-right font-medium">
                {s.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="whitespace-nowrap py-1.5 pr-4 text-left font-normal">
                {r.fullLabel}
              </th>
              {series.map((s) => (
                <td key={s.key} className="whitespace-nowrap py-1.5 pl-4 text-right tabular-nums">
                  {formatValue(r.values[s.key] ?? 0, format)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The element's width, followed as it changes (0 until measured, as on the server). */
function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => setWidth(entry?.contentRect.width ?? 0));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
