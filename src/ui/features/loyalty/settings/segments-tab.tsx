'use client';
import { SEGMENTS } from '@/domain/crm/segments';
import { MoneyField, NumberField, type TabProps } from './settings-fields';

export interface RecomputeProgress {
  status: 'running' | 'done';
  processed: number;
  total: number;
  changed: number;
  percent: number;
}

/** The thresholds of the nine segments, in the order the rules are tried, and the recompute's progress. */
export function SegmentsTab({ s, update, errors, recompute }: TabProps & { recompute: RecomputeProgress | null }) {
  const g = s.segments;
  const e = (k: string) => errors[`segments.${k}`];
  const set =
    <K extends keyof typeof g>(k: K) =>
    (v: (typeof g)[K]) =>
      update((d) => void (d.segments[k] = v));
  return (
    <div className="space-y-5">
      <p className="max-w-prose text-sm text-slate-600">
        Every customer is in one segment: the first of these that fits, in this order ({SEGMENTS.join(', ')}; Casual is everyone left). Segments follow each
        order and refund, and every night as days pass. After a change here every customer is placed again in the background.
      </p>
      {recompute ? <RecomputeBar r={recompute} /> : null}
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Days since the last order</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-3">
          <NumberField label="Slipping after (days)" min={1} value={g.slippingDays} onValue={set('slippingDays')} error={e('slippingDays')} />
          <NumberField label="At Risk after (days)" min={1} value={g.atRiskDays} onValue={set('atRiskDays')} error={e('atRiskDays')} />
          <NumberField label="Churned after (days)" min={1} value={g.churnedDays} onValue={set('churnedDays')} error={e('churnedDays')} />
        </div>
      </fieldset>
      <fieldset>
        <legend className="text-sm font-medium text-slate-700">Orders and spend</legend>
        <div className="mt-2 grid gap-3 sm:grid-cols-2">
          <NumberField
            label="New: at most (orders)"
            min={0}
            value={g.newMaxOrders}
            onValue={set('newMaxOrders')}
            error={e('newMaxOrders')}
            hint="Customers with no order yet are always New."
          />
          <NumberField label="VIP: orders" min={0} value={g.vipMinOrders} onValue={set('vipMinOrders')} error={e('vipMinOrders')} />
          <MoneyField label="VIP: spent ($)" cents={g.vipMinLifetimeCents} onCents={set('vipMinLifetimeCents')} error={e('vipMinLifetimeCents')} />
          <NumberField label="Loyal: orders" min={0} value={g.loyalMinOrders} onValue={set('loyalMinOrders')} error={e('loyalMinOrders')} />
          <MoneyField label="Loyal: spent ($)" cents={g.loyalMinLifetimeCents} onCents={set('loyalMinLifetimeCents')} error={e('loyalMinLifetimeCents')} />
          <MoneyField
            label="High Value: average order ($)"
            cents={g.highValueMinAverageCents}
            onCents={set('highValueMinAverageCents')}
            error={e('highValueMinAverageCents')}
          />
          <NumberField label="Frequent: orders" min={0} value={g.frequentMinOrders} onValue={set('frequentMinOrders')} error={e('frequentMinOrders')} />
        </div>
      </fieldset>
    </div>
  );
}

function RecomputeBar({ r }: { r: RecomputeProgress }) {
  const label =
    r.status === 'done' ? `Segments recomputed: ${r.changed} of ${r.processed} customers moved.` : `Placing customers again: ${r.processed} of ${r.total}.`;
  return (
    <div className="max-w-prose space-y-1">
      <div
        role="progressbar"
        aria-label="Segment recompute"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={r.percent}
        className="h-2 w-full overflow-hidden rounded bg-slate-200"
      >
        <div className="h-full bg-brand-600 transition-all" style={{ width: `${r.percent}%` }} />
      </div>
      <p className="text-sm text-slate-600" role="status">
        {label}
      </p>
    </div>
  );
}
