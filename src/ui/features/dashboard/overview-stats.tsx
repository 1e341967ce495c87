import type { CustomerCounts, SalesOverview } from '@/server/services/dashboard/get-overview';
import { Card, StatCard } from '@/ui/primitives/card';
import { TimeSeriesChart } from '@/ui/primitives/chart/chart';
import { formatCount as n, formatMoney } from '@/ui/primitives/format';

/** Placeholder cards while numbers load: the page is usable at once, the figures stream in. */
export function Pending({ cards, label }: { cards: number; label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="contents">
      <span className="sr-only">{label}</span>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-[5.5rem] animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}

/** The customer counts, once their queries answer. */
export async function CustomerStats({ counts: pending }: { counts: Promise<CustomerCounts> }) {
  const counts = await pending;
  return (
    <>
      <StatCard label="Customers" value={n(counts.customers)} />
      <StatCard label="Active in the last 90 days" value={n(counts.activeCustomers90d)} />
      <StatCard label="New in the last 30 days" value={n(counts.newCustomers30d)} />
    </>
  );
}

/** Sales cards and the weekly chart, once the aggregate queries answer (null: the role sees no revenue). */
export async function SalesStats({ sales: pending }: { sales: Promise<SalesOverview | null> }) {
  const sales = await pending;
  if (!sales) return null;
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <StatCard label="Orders, last 30 days" value={n(sales.orders30d)} />
        <StatCard label="Gross sales, last 30 days" value={formatMoney(sales.grossSales30dCents)} />
        <StatCard label="Average order, last 30 days" value={formatMoney(sales.avgOrder30dCents)} />
      </div>
      <Card className="mt-6">
        <TimeSeriesChart
          title="Gross sales per week, last 12 weeks"
          interval="week"
          points={sales.weekly.map((w) => ({ date: w.weekStart, values: { gross: w.grossSalesCents } }))}
          series={[{ key: 'gross', label: 'Gross sales' }]}
          format="money"
          valueLabel="Gross sales"
        />
      </Card>
    </>
  );
}
