'use client';
import { useEffect, useState } from 'react';
import type { PlaybookResults } from '@/server/services/analytics/playbook-results';
import { api } from '@/ui/primitives/api-client';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCalendarDate } from '@/ui/primitives/format';
import { figureColumns, HeadlineCards, SeriesCharts } from './figures';
import { SplitLiftCard } from './lift-section';
import { RangePicker } from './range-picker';

type Breakdown = PlaybookResults['steps'][number];

/** A playbook's Results tab: the Analytics page's figures for it over a range, per step and per variant, with its lift. */
export function ResultsPanel({ playbookId }: { playbookId: string }) {
  const [range, setRange] = useState<{ from: string; to: string } | null>(null);
  const [data, setData] = useState<PlaybookResults | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const qs = range ? `?from=${range.from}&to=${range.to}` : '';
    api<PlaybookResults>(`/api/playbooks/${playbookId}/results${qs}`)
      .then((r) => live && (setData(r), setError(null)))
      .catch((err: Error) => live && setError(err.message));
    return () => {
      live = false;
    };
  }, [playbookId, range]);
  if (!data) return <p className="text-sm text-slate-600">{error ?? 'Loading results…'}</p>;
  const withNames = (rows: Breakdown[]) =>
    rows.map((r) => ({ ...r, runs: 0, aiCalls: 0, incremental: { cents: null, note: '' }, cost: ZERO_COST, roi: null }) as const);
  const stepColumns = figureColumns<ReturnType<typeof withNames>[number]>({ showRuns: false }).filter(
    (c) => c && !['incremental', 'cost', 'roi'].includes(c.key),
  );
  return (
    <div aria-live="polite" className="space-y-6">
      <RangePicker key={`${data.range.from}:${data.range.to}`} from={data.range.from} to={data.range.to} today={data.today} onChange={setRange} />
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <p className="text-sm text-slate-600">
        {formatCalendarDate(data.range.from)} to {formatCalendarDate(data.range.to)} ({data.timeZone} time), compared with the {data.range.days} days before.
      </p>
      <HeadlineCards totals={data.totals} previous={data.previousTotals} />
      <SeriesCharts series={data.series} scope={` for ${data.name}`} />
      <section aria-label="Per step">
        <h3 className="mb-2 font-semibold">Per step</h3>
        {data.steps.length ? (
          <DataTable
            caption="Per step"
            rows={withNames(data.steps)}
            rowKey={(r) => r.id}
            columns={[{ key: 'name', header: 'Step', primary: true, cell: (r) => r.name }, ...stepColumns]}
          />
        ) : (
          <p className="text-sm text-slate-600">No step sent or earned anything in these days.</p>
        )}
      </section>
      {data.variants.length ? (
        <section aria-label="Per variant">
          <h3 className="mb-2 font-semibold">Per variant</h3>
          <DataTable
            caption="Per variant"
            rows={withNames(data.variants.map((v) => ({ ...v, name: v.id })))}
            rowKey={(r) => r.id}
            columns={[{ key: 'name', header: 'Variant', primary: true, cell: (r) => r.name }, ...stepColumns]}
          />
        </section>
      ) : null}
      <section aria-label="Lift over holdout">
        <h3 className="mb-2 font-semibold">Lift over holdout</h3>
        {data.lift.length ? (
          data.lift.map((l) => <SplitLiftCard key={l.stepId} title={l.stepName} split={l} />)
        ) : (
          <p className="text-sm text-slate-600">No customer entered an A/B split of this playbook in these days.</p>
        )}
      </section>
    </div>
  );
}

const ZERO_COST = { emailCents: 0, smsCents: 0, aiCents: 0, loyaltyCents: 0, totalCents: 0 };
