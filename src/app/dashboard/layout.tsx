import { requirePageSession } from '@/server/http/page-session';
import { countOpenTasks } from '@/server/services/tasks/count-open-tasks';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { DashboardShell } from '@/ui/features/shell/dashboard-shell';
import { navFor } from '@/ui/features/shell/nav';
import { TimeZoneProvider } from '@/ui/primitives/time';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageSession();
  const [tenant, openTasks] = await Promise.all([getTenantOrThrow(ctx), countOpenTasks(ctx)]);
  const nav = navFor(ctx.actor.role).map((item) => (item.href === '/dashboard/tasks' ? { ...item, badge: { count: openTasks, label: 'open' } } : item));
  return (
    // Every <Time> in the dashboard shows the dispensary's clock, whatever zone the browser is in.
    <TimeZoneProvider timeZone={tenant.timeZone}>
      <DashboardShell tenantName={tenant.name} user={{ email: ctx.actor.email, role: ctx.actor.role }} nav={nav}>
        {children}
      </DashboardShell>
    </TimeZoneProvider>
  );
}
