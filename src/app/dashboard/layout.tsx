import { requirePageSession } from '@/server/http/page-session';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { DashboardShell } from '@/ui/features/shell/dashboard-shell';
import { navFor } from '@/ui/features/shell/nav';

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageSession();
  const tenant = await getTenantOrThrow(ctx);
  return (
    <DashboardShell tenantName={tenant.name} user={{ email: ctx.actor.email, role: ctx.actor.role }} nav={navFor(ctx.actor.role)}>
      {children}
    </DashboardShell>
  );
}
