import type { Figures, Incremental, Row, SeriesPoint } from '@/domain/analytics/report';
import { roiText } from '@/domain/analytics/report-export';
import { Card, StatCard } from '@/ui/primitives/card';
import { TimeSeriesChart } from '@/ui/primitives/chart/chart';
import { DataTable, type Column } from '@/ui/primitives/data-table';
import { formatCount, formatMoney } from '@/ui/primitives/format';

/** "+12% vs the previous period", or words when there is nothing to compare with. */
export function changeText(now: number, before: number): string {
  if (before === 0) return now === 0 ? 'No change from the previous period' : 'Nothing in the previous period';
  const pct = Math.round(((now - before) / Math.abs(before)) * 100);
  return `${pct >= 0 ? '+' : '−'}${Math.abs(pct)}% vs the previous period`;
}

export const incrementalText = (i: Incremental) => (i.cents === null ? 'Not measured' : formatMoney(i.cents));
export const roiCell = (roi: number | null) => (roi === null ? 'No cost' : roiText(roi));

/** The five headline figures, each with its change from the previous period. */
export function HeadlineCards({ totals: t, previous: p }: { totals: Figures; previous: Figures }) {
  return (
    <div className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-5" data-testid="headline-cards">
      <StatCard
        label="Attributed revenue"
        value={formatMoney(t.attributedRevenueCents)}
        hint={changeText(t.attributedRevenueCents, p.attributedRevenueCents)}
      />
      <StatCard
        label="Incremental revenue"
        value={incrementalText(t.incremental)}
        hint={t.incremental.cents === null ? t.incremental.note : 'Beyond what the holdout groups spent'}
      />
      <StatCard label="Conversions" value={formatCount(t.conversions)} hint={changeText(t.conversions, p.conversions)} />
      <StatCard label="Cost" value={formatMoney(t.cost.totalCents)} hint={changeText(t.cost.totalCents, p.cost.totalCents)} />
      <StatCard label="ROI" value={roiCell(t.roi)} hint={p.roi === null ? 'No cost in the previous period' : `Previous period: ${roiText(p.roi)}`} />
    </div>
  );
}

/** Attributed revenue per day, and sends, clicks and conversions per day. */
export function SeriesCharts({ series, scope }: { series: SeriesPoint[]; scope: string }) {
  return (
    <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
      <Card className="p-4">
        <TimeSeriesChart
          title={`Attributed revenue per day${scope}`}
          interval="day"
          points={series.map((s) => ({ date: s.day, values: { revenue: s.attributedRevenueCents } }))}
          series={[{ key: 'revenue', label: 'Attributed revenue' }]}
          format="money"
          valueLabel="Attributed revenue"
        />
      </Card>
      <Card className="p-4">
        <TimeSeriesChart
          title={`Sends, clicks and conversions per day${scope}`}
          interval="day"
          type="line"
          points={series.map((s) => ({ date: s.day, values: { sends: s.sends, clicks: s.clicks, conversions: s.conversions } }))}
          series={[
            { key: 'sends', label: 'Sends' },
            { key: 'clicks', label: 'Clicks' },
            { key: 'conversions', label: 'Conversions' },
          ]}
          format="count"
          valueLabel="Messages and orders"
        />
      </Card>
    </div>
  );
}

type Fig = Figures & { id: string; name: string };

/** The figure columns every table shares; `showRuns` false for campaigns (they have no runs). */
export function figureColumns<R extends Fig>(opts: { showRuns?: boolean; previous?: boolean } = {}): Array<Column<R> | false> {
  return [
    opts.showRuns !== false && { key: 'runs', header: 'Runs', align: 'right', hideBelow: 'lg', cell: (r) => formatCount(r.runs) },
    { key: 'sends', header: 'Sends', align: 'right', cell: (r) => formatCount(r.sends) },
    { key: 'delivered', header: 'Delivered', align: 'right', hideBelow: 'lg', cell: (r) => formatCount(r.deliveries) },
    { key: 'opens', header: 'Opens', align: 'right', hideBelow: 'lg', cell: (r) => formatCount(r.opens) },
    { key: 'clicks', header: 'Clicks', align: 'right', cell: (r) => formatCount(r.clicks) },
    { key: 'conversions', header: 'Conversions', align: 'right', cell: (r) => formatCount(r.conversions) },
    {
      key: 'attributed',
      header: 'Attributed revenue',
      align: 'right',
      nowrap: true,
      cell: (r) => (
        <>
          {formatMoney(r.attributedRevenueCents)}
          {opts.previous && 'previousAttributedRevenueCents' in r ? (
            <span className="block text-xs text-slate-500">{changeText(r.attributedRevenueCents, (r as unknown as Row).previousAttributedRevenueCents)}</span>
          ) : null}
        </>
      ),
    },
    {
      key: 'incremental',
      header: 'Incremental revenue',
      align: 'right',
      hideBelow: 'md',
      cell: (r) => <span title={r.incremental.note ?? undefined}>{incrementalText(r.incremental)}</span>,
    },
    { key: 'cost', header: 'Cost', align: 'right', nowrap: true, cell: (r) => formatMoney(r.cost.totalCents) },
    { key: 'roi', header: 'ROI', align: 'right', cell: (r) => roiCell(r.roi) },
  ];
}

export function FigureTable({ caption, rows, showRuns, empty }: { caption: string; rows: Row[]; showRuns?: boolean; empty: string }) {
  return (
    <section aria-label={caption} className="mt-6">
      <h2 className="mb-2 text-lg font-semibold">{caption}</h2>
      {rows.length ? (
        <DataTable
          caption={caption}
          cardsBelow="md"
          rows={rows}
          rowKey={(r) => r.id}
          rowProps={() => ({ 'data-testid': 'analytics-row' })}
          columns={[{ key: 'name', header: 'Name', primary: true, cell: (r) => r.name }, ...figureColumns<Row>({ showRuns, previous: true })]}
        />
      ) : (
        <p className="text-sm text-slate-600">{empty}</p>
      )}
    </section>
  );
}
