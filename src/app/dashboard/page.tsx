import type { Metadata } from 'next';
import Link from 'next/link';
import { Suspense } from 'react';
import { notificationAudiencesFor } from '@/domain/notification';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import { requirePageSession } from '@/server/http/page-session';
import { getCustomerCounts, getSalesOverview } from '@/server/services/dashboard/get-overview';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { liveNotificationsConfig } from '@/server/services/notifications/live-config';
import { LiveNotifications } from '@/ui/features/notifications/live-notifications';
import { buttonClass } from '@/ui/primitives/button';
import { Card, PageHeader } from '@/ui/primitives/card';
import { CustomerStats, Pending, SalesStats } from '@/ui/features/dashboard/overview-stats';

export const metadata: Metadata = { title: 'Overview' };

export default async function OverviewPage() {
  const ctx = await requirePageSession();
  const tenant = await getTenantOrThrow(ctx);
  const seesSales = seesRevenue(viewerOf(ctx.actor));
  return (
    <>
      <PageHeader title={`Welcome back`} description={`${tenant.name} at a glance.`} />
      <div className="mb-6">
        <LiveNotifications config={liveNotificationsConfig()} orgId={ctx.orgId} audiences={notificationAudiencesFor(ctx.actor.role)} max={4} />
      </div>
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
        <Suspense fallback={<Pending cards={3} label="Loading customer numbers…" />}>
          <CustomerStats counts={getCustomerCounts(ctx)} />
        </Suspense>
      </div>
      {seesSales ? (
        <div className="mt-4">
          <Suspense
            fallback={
              <div className="grid grid-cols-1 gap-4 sm:grid-cols-3">
                <Pending cards={3} label="Loading sales…" />
              </div>
            }
          >
            <SalesStats sales={getSalesOverview(ctx)} />
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
