import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { getPopsReport } from '@/server/services/agents/pops-report';
import { PopsReports } from '@/ui/features/agents/pops-reports';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Pops’s reports' };

export default async function PopsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('analytics:read') });
  const report = await getPopsReport(ctx);
  return (
    <>
      <PageHeader
        title="Pops’s reports"
        description="Pops, the analyst: last week against the week before, top sellers, segment moves, cohorts and repeat purchases."
      />
      <PopsReports initial={report} />
    </>
  );
}
