'use client';
import { usePathname, useRouter } from 'next/navigation';
import { useTransition } from 'react';
import type { AnalyticsReport } from '@/server/services/analytics/analytics-report';
import { buttonClass } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { formatCalendarDate } from '@/ui/primitives/format';
import { FigureTable, HeadlineCards, SeriesCharts } from './figures';
import { SplitLiftCard } from './lift-section';
import { RangePicker } from './range-picker';

const hasData = (r: AnalyticsReport) =>
  r.series.some((s) => s.sends || s.conversions || s.attributedRevenueCents) || r.totals.runs > 0 || r.playbooks.length + r.campaigns.length > 0;

/** The Analytics page below its header: range, headline figures, charts, tables, lift and downloads. The range lives in the URL. */
export function AnalyticsDashboard({ report: r, today, error }: { report: AnalyticsReport; today: string; error: string | null }) {
  const router = useRouter();
  const path = usePathname();
  const [pending, start] = useTransition();
  const qs = `from=${r.range.from}&to=${r.range.to}`;
  return (
    <div aria-busy={pending}>
      <div className="flex flex-wrap items-end justify-between gap-4">
        <RangePicker
          key={qs}
          from={r.range.from}
          to={r.range.to}
          today={today}
          onChange={(next) => start(() => router.push(`${path}?from=${next.from}&to=${next.to}`))}
        />
        <div className="flex gap-2">
          <a className={buttonClass('secondary')} href={`/api/analytics/export.csv?${qs}`} download>
            Download CSV
          </a>
          <a className={buttonClass('secondary')} href={`/api/analytics/export.pdf?${qs}`} download>
            Download PDF
          </a>
        </div>
      </div>
      {error ? (
        <p role="alert" className="mt-3 text-sm text-red-700">
          {error} Showing the last 30 days instead.
        </p>
      ) : null}
      <p className="mt-3 text-sm text-slate-600" data-testid="range-summary">
        {formatCalendarDate(r.range.from)} to {formatCalendarDate(r.range.to)} ({r.range.days} days, {r.timeZone} time), compared with{' '}
        {formatCalendarDate(r.range.previous.from)} to {formatCalendarDate(r.range.previous.to)}.
      </p>
      {!hasData(r) ? (
        <div className="mt-6">
          <EmptyState title="Nothing to report for these days">
            No messages were sent and no orders were attributed between these dates. Pick a longer range, or start a playbook or a campaign.
          </EmptyState>
        </div>
      ) : (
        <>
          <div className="mt-4">
            <HeadlineCards totals={r.totals} previous={r.previousTotals} />
          </div>
          <p className="mt-2 text-xs text-slate-500">
            Cost: email {formatCost(r.totals.cost.emailCents)}, texts {formatCost(r.totals.cost.smsCents)}, AI calls {formatCost(r.totals.cost.aiCents)},
            loyalty rewards {formatCost(r.totals.cost.loyaltyCents)}. {r.totals.runs.toLocaleString('en-US')} playbook runs,{' '}
            {r.totals.sends.toLocaleString('en-US')} sends, {r.totals.deliveries.toLocaleString('en-US')} delivered, {r.totals.opens.toLocaleString('en-US')}{' '}
            opens, {r.totals.clicks.toLocaleString('en-US')} clicks.
          </p>
          <div className="mt-6">
            <SeriesCharts series={r.series} scope="" />
          </div>
          <FigureTable caption="Playbooks" rows={r.playbooks} empty="No playbook sent or earned anything in these days." />
          <FigureTable caption="Campaigns" rows={r.campaigns} showRuns={false} empty="No campaign sent or earned anything in these days." />
          <FigureTable caption="Agents" rows={r.agents} empty="No agent worked in these days." />
          <section aria-label="Lift over holdout" className="mt-6">
            <h2 className="mb-2 text-lg font-semibold">Lift over holdout and A/B variants</h2>
            {r.lift.length ? (
              <div className="grid gap-4 lg:grid-cols-2">
                {r.lift.flatMap((p) =>
                  p.splits.map((s) => (
                    <SplitLiftCard key={`${p.playbookId}:${s.stepId}`} title={p.splits.length > 1 ? `${p.name} (${s.stepId})` : p.name} split={s} />
                  )),
                )}
              </div>
            ) : (
              <p className="text-sm text-slate-600">No playbook with an A/B split had customers enter it in these days.</p>
            )}
          </section>
        </>
      )}
    </div>
  );
}

const formatCost = (cents: number) => `$${(cents / 100).toFixed(2)}`;
