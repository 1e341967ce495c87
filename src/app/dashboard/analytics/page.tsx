import type { Metadata } from 'next';
import Link from 'next/link';
import { localDayKey } from '@/domain/analytics/rollup-day';
import { AppError } from '@/domain/errors';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getAnalyticsReport } from '@/server/services/analytics/analytics-report';
import { getAnalyticsSettings } from '@/server/services/analytics/analytics-settings';
import { AnalyticsDashboard } from '@/ui/features/analytics/analytics-dashboard';
import { AnalyticsSettingsForm } from '@/ui/features/analytics/analytics-settings-form';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage({ searchParams }: { searchParams: Promise<{ from?: string; to?: string }> }) {
  const ctx = await requirePageSession({ roles: rolesFor('analytics:read') });
  const { from, to } = await searchParams;
  const { report, error } = await getAnalyticsReport(ctx, { from, to }).then(
    (r) => ({ report: r, error: null as string | null }),
    async (err: unknown) => {
      // A range typed into the address bar that cannot be read: say why, and show the default range.
      if (!(err instanceof AppError) || err.code !== 'bad_request') throw err;
      return { report: await getAnalyticsReport(ctx, {}), error: err.message };
    },
  );
  const settings = can(ctx.actor.role, 'settings:manage') ? await getAnalyticsSettings(ctx) : null;
  return (
    <>
      <PageHeader
        title="Analytics"
        description="What playbooks, campaigns and agents sent, the orders they earned, what they cost, and how much they added over customers held out."
      />
      <p className="mb-4 text-sm">
        <Link href="/dashboard/analytics/pops" className="font-medium text-emerald-800 underline underline-offset-2">
          Pops’s reports
        </Link>{' '}
        — weekly top sellers, lifetime value by cohort, segment movement, the repeat-purchase funnel, and questions in plain words.
      </p>
      <AnalyticsDashboard report={report} today={localDayKey(ctx.clock.now(), report.timeZone)} error={error} />
      {settings ? <AnalyticsSettingsForm initial={{ attribution: settings.attribution, costs: settings.costs }} /> : null}
    </>
  );
}
