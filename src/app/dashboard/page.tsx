import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { formatCents } from '@/domain/money';
import { can } from '@/domain/roles';
import type { ServiceContext } from '@/server/context';
import { requirePageSession } from '@/server/http/page-session';
import { getCustomerCounts, getSalesOverview } from '@/server/services/dashboard/get-overview';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { liveNotificationsConfig } from '@/server/services/notifications/live-config';
import { LiveNotifications } from '@/ui/features/notifications/live-notifications';
import { BarChart } from '@/ui/primitives/bar-chart';
import { buttonClass } from '@/ui/primitives/button';
import { Card, PageHeader, StatCard } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Overview' };

const n = (v: number) => v.toLocaleString('en-US');

/** Placeholder cards while numbers load: the page is usable at once, the figures stream in. */
function Pending({ cards, label }: { cards: number; label: string }) {
  return (
    <div role="status" aria-live="polite" aria-busy="true" className="contents">
      <span className="sr-only">{label}</span>
      {Array.from({ length: cards }, (_, i) => (
        <div key={i} aria-hidden="true" className="h-[5.5rem] animate-pulse rounded-lg border border-slate-200 bg-white" />
      ))}
    </div>
  );
}

async function CustomerStats({ ctx }: { ctx: ServiceContext }) {
  const counts = await getCustomerCounts(ctx);
  return (
    <>
      <StatCard label="Customers" value={n(counts.customers)} />
      <StatCard label="Active in the last 90 days" value={n(counts.activeCustomers90d)} />
      <StatCard label="New in the last 30 days" value={n(counts.newCustomers30d)} />
    </>
  );
}

async function SalesStats({ ctx }: { ctx: ServiceContext }) {
  const sales = await getSalesOverview(ctx);
  if (!sales) return null;
  return (
    <>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <StatCard label="Orders, last 30 days" value={n(sales.orders30d)} />
        <StatCard label="Gross sales, last 30 days" value={formatCents(sales.grossSales30dCents)} />
        <StatCard label="Average order, last 30 days" value={formatCents(sales.avgOrder30dCents)} />
      </div>
      <Card className="mt-6">
        <BarChart title="Gross sales per week, last 12 weeks" data={sales.weekly.map((w) => ({ label: w.weekStart.slice(5), value: w.grossSalesCents }))} format={(v) => formatCents(v)} />
      </Card>
    </>
  );
}

export default async function OverviewPage() {
  const ctx = await requirePageSession();
  const tenant = await getTenantOrThrow(ctx);
  const seesSales = can(ctx.actor.role, 'analytics:read');
  return (
    <>
      <PageHeader title={`Welcome back`} description={`${tenant.name} at a glance.`} />
      <div className="mb-6">
        <LiveNotifications config={liveNotificationsConfig()} orgId={ctx.orgId} max={4} />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <Suspense fallback={<Pending cards={3} label="Loading customer numbers…" />}>
          <CustomerStats ctx={ctx} />
        </Suspense>
      </div>
      {seesSales ? (
        <div className="mt-4">
          <Suspense
            fallback={
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-2 lg:grid-cols-3">
                <Pending cards={3} label="Loading sales…" />
              </div>
            }
          >
            <SalesStats ctx={ctx} />
          </Suspense>
        </div>
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
