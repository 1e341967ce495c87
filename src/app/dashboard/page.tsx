import type { Metadata } from 'next';
import Link from 'next/link';
import { formatCents } from '@/domain/money';
import { requirePageSession } from '@/server/http/page-session';
import { getOverview } from '@/server/services/dashboard/get-overview';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { liveNotificationsConfig } from '@/server/services/notifications/live-config';
import { LiveNotifications } from '@/ui/features/notifications/live-notifications';
import { BarChart } from '@/ui/primitives/bar-chart';
import { buttonClass } from '@/ui/primitives/button';
import { Card, PageHeader, StatCard } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const ctx = await requirePageSession();
  const [tenant, overview] = await Promise.all([getTenantOrThrow(ctx), getOverview(ctx)]);
  const n = (v: number) => v.toLocaleString('en-US');
  return (
    <>
      <PageHeader title={`Welcome back`} description={`${tenant.name} at a glance.`} />
      <div className="mb-6">
        <LiveNotifications config={liveNotificationsConfig()} orgId={ctx.orgId} max={4} />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard label="Customers" value={n(overview.customers)} />
        <StatCard label="Active in the last 90 days" value={n(overview.activeCustomers90d)} />
        <StatCard label="New in the last 30 days" value={n(overview.newCustomers30d)} />
        {overview.sales ? (
          <>
            <StatCard label="Orders, last 30 days" value={n(overview.sales.orders30d)} />
            <StatCard label="Gross sales, last 30 days" value={formatCents(overview.sales.grossSales30dCents)} />
            <StatCard label="Average order, last 30 days" value={formatCents(overview.sales.avgOrder30dCents)} />
          </>
        ) : null}
      </div>
      {overview.sales ? (
        <Card className="mt-6">
          <BarChart
            title="Gross sales per week, last 12 weeks"
            data={overview.sales.weekly.map((w) => ({ label: w.weekStart.slice(5), value: w.grossSalesCents }))}
            format={(v) => formatCents(v)}
          />
        </Card>
      ) : (
        <Card className="mt-6">
          <h2 className="font-medium">Look up a customer</h2>
          <p className="mt-1 text-sm text-slate-600">Find a customer by name, phone or email to see their history.</p>
          <Link href="/dashboard/customers" className={buttonClass('primary', 'mt-4')}>
            Open customers
          </Link>
        </Card>
      )}
    </>
  );
}
