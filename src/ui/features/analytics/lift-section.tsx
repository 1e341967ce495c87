import type { Difference, NotEnoughData, WinnerSuggestion } from '@/domain/analytics/lift';
import type { SplitLift } from '@/domain/analytics/report';
import { Card } from '@/ui/primitives/card';
import { formatCount, formatMoney } from '@/ui/primitives/format';

const pct = (x: number | null) => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)} pts`;
const cents = (x: number) => `${x >= 0 ? '+' : '−'}${formatMoney(Math.round(Math.abs(x)))}`;

function DiffText({ d, as }: { d: Difference | NotEnoughData; as: 'points' | 'money' }) {
  if (d.status !== 'ok') return <span className="text-slate-600">{d.reason}</span>;
  const f = as === 'points' ? points : cents;
  return (
    <span>
      {f(d.difference)} (95% CI {f(d.ci.low)} to {f(d.ci.high)}; {d.significant ? 'significant' : 'not significant'}, p = {d.pValue.toFixed(3)})
    </span>
  );
}

function winnerText(w: WinnerSuggestion): string {
  if (w.winner === null) return w.reason;
  const sample = w.sample.map((s) => `${s.name}: ${formatCount(s.converters)} of ${formatCount(s.customers)}`).join(', ');
  return `Suggested winner: ${w.winner} (${pct(w.conversionRate)} converted, p = ${w.pValue.toFixed(3)}; based on ${sample}).`;
}

/** One split of a playbook: treated against holdout, then its variants and whether one wins. */
export function SplitLiftCard({ title, split }: { title: string; split: SplitLift }) {
  const h = split.holdout;
  return (
    <Card className="p-4" data-testid="lift-card">
      <h3 className="font-semibold">{title}</h3>
      {h ? (
        <>
          <table className="mt-2 w-full text-sm">
            <caption className="sr-only">{`${title}: treated against holdout`}</caption>
            <thead>
              <tr className="text-left text-slate-600">
                <th scope="col">Group</th>
                <th scope="col" className="text-right">
                  Customers
                </th>
                <th scope="col" className="text-right">
                  Conversion rate
                </th>
                <th scope="col" className="text-right">
                  Revenue per customer
                </th>
              </tr>
            </thead>
            <tbody>
              {(
                [
                  ['Got the messages', h.treated],
                  ['Held out', h.holdout],
                ] as const
              ).map(([label, a]) => (
                <tr key={label}>
                  <th scope="row" className="text-left font-normal">
                    {label}
                  </th>
                  <td className="text-right tabular-nums">{formatCount(a.customers)}</td>
                  <td className="text-right tabular-nums">{pct(a.conversionRate)}</td>
                  <td className="text-right tabular-nums">{a.revenuePerCustomerCents === null ? '–' : formatMoney(Math.round(a.revenuePerCustomerCents))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <dl className="mt-2 grid gap-1 text-sm">
            <div>
              <dt className="inline font-medium">Difference in conversion rate: </dt>
              <dd className="inline">
                <DiffText d={h.conversion} as="points" />
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Difference in revenue per customer: </dt>
              <dd className="inline">
                <DiffText d={h.revenuePerCustomer} as="money" />
              </dd>
            </div>
            <div>
              <dt className="inline font-medium">Incremental revenue: </dt>
              <dd className="inline">
                {h.incrementalRevenue.status === 'ok'
                  ? `${formatMoney(h.incrementalRevenue.cents)} (95% CI ${formatMoney(h.incrementalRevenue.ci.low)} to ${formatMoney(h.incrementalRevenue.ci.high)})`
                  : h.incrementalRevenue.reason}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <p className="mt-1 text-sm text-slate-600">This split has no holdout group.</p>
      )}
      {split.variants.variants.length > 1 ? (
        <div className="mt-3 text-sm">
          <p className="font-medium">Variants</p>
          <ul className="mt-1">
            {split.variants.variants.map((v) => (
              <li key={v.name}>
                {v.name}: {formatCount(v.customers)} customers, {pct(v.conversionRate)} converted
              </li>
            ))}
          </ul>
          <p className="mt-1" data-testid="winner">
            {winnerText(split.winner)}
          </p>
        </div>
      ) : null}
    </Card>
  );
}
