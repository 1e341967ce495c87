'use client';
import { changeWords } from '@/domain/agents/pops';
import type { PopsReport } from '@/server/services/agents/pops-report';
import { Card, StatCard } from '@/ui/primitives/card';
import { CategoryChart, TimeSeriesChart } from '@/ui/primitives/chart/chart';
import { formatCount as n, formatMoney } from '@/ui/primitives/format';

const month = (m: string) => new Date(`${m}-15T12:00:00Z`).toLocaleDateString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Pops's cards (docs/agents.md, Pops): last week against the week before, the trend, top sellers, segment moves, cohorts, the repeat funnel. */
export function PopsCards({ report }: { report: PopsReport }) {
  const L = report.lastWeek;
  const B = report.weekBefore;
  return (
    <div className="grid gap-4">
      <p className="text-sm text-slate-600">
        Last week: {L.range.from} to {L.range.to} ({report.timeZone}), against {B.range.from} to {B.range.to}.
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <StatCard label="Net sales, last week" value={formatMoney(L.sales.netSalesCents)} hint={changeWords(L.sales.netSalesCents, B.sales.netSalesCents)} />
        <StatCard label="Orders, last week" value={n(L.sales.orders)} hint={changeWords(L.sales.orders, B.sales.orders)} />
        <StatCard label="New customers, last week" value={n(L.sales.newCustomers)} hint={changeWords(L.sales.newCustomers, B.sales.newCustomers)} />
        <StatCard label="Won back / slipping / churned" value={`${L.movement.wonBack} / ${L.movement.slipping} / ${L.movement.churned}`} />
      </div>
      <Card>
        <TimeSeriesChart
          title="Net sales per day, last 8 weeks"
          interval="day"
          points={report.trend.map((d) => ({ date: d.day, values: { net: d.netSalesCents } }))}
          series={[{ key: 'net', label: 'Net sales' }]}
          format="money"
          valueLabel="Net sales"
        />
      </Card>
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CategoryChart
            title="Top sellers last week"
            categoryLabel="Product"
            categories={L.topProducts.map((p) => ({ label: p.name, values: { revenue: p.revenueCents } }))}
            series={[{ key: 'revenue', label: 'Sales' }]}
            format="money"
            valueLabel="Sales"
          />
        </Card>
        <Card>
          <CategoryChart
            title="Segment moves: last week and the week before"
            categoryLabel="Move"
            categories={[
              { label: 'Won back', values: { last: L.movement.wonBack, before: B.movement.wonBack } },
              { label: 'Slipping (into At Risk)', values: { last: L.movement.slipping, before: B.movement.slipping } },
              { label: 'Churned', values: { last: L.movement.churned, before: B.movement.churned } },
            ]}
            series={[
              { key: 'last', label: 'Last week' },
              { key: 'before', label: 'Week before' },
            ]}
            format="count"
            valueLabel="Customers"
          />
        </Card>
        <Card>
          <CategoryChart
            title="Lifetime value per customer by first-order month"
            categoryLabel="Cohort"
            categories={report.cohorts.map((c) => ({ label: `${month(c.month)} (${n(c.customers)})`, values: { avg: c.averageCents } }))}
            series={[{ key: 'avg', label: 'Lifetime value per customer' }]}
            format="money"
            valueLabel="Per customer"
          />
        </Card>
        <Card>
          <CategoryChart
            title="Repeat-purchase funnel"
            categoryLabel="Customers with"
            categories={report.funnel.map((s, i) => ({
              label: `${s.minOrders}+ ${s.minOrders === 1 ? 'order' : 'orders'}${i ? ` (${Math.round(s.ofPrevious * 100)}% of the step before)` : ''}`,
              values: { customers: s.customers },
            }))}
            series={[{ key: 'customers', label: 'Customers' }]}
            format="count"
            valueLabel="Customers"
          />
        </Card>
      </div>
    </div>
  );
}
