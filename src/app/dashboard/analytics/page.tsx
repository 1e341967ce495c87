import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { ComingSoon } from '@/ui/features/shell/coming-soon';

export const metadata: Metadata = { title: 'Analytics' };

export default async function AnalyticsPage() {
  await requirePageSession({ roles: rolesFor('analytics:read') });
  return (
    <ComingSoon
      title="Analytics"
      what="Revenue attributed to playbooks and campaigns, and Pops's reports, arrive with the analytics work. Weekly sales are on the Overview today."
    />
  );
}
