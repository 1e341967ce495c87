import type { Metadata } from 'next';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listOpeningImports } from '@/server/services/loyalty/opening-import-reports';
import { OpeningImportPage } from '@/ui/features/loyalty/import/opening-import-page';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Import opening balances' };

export default async function LoyaltyImportPage() {
  const ctx = await requirePageSession({ roles: rolesFor('loyalty-import:read') });
  const imports = await listOpeningImports(ctx);
  return (
    <>
      <PageHeader
        title="Import opening balances"
        description="Switching from another loyalty provider: bring each customer's points over from its CSV export, then check them against the balances here."
      />
      <OpeningImportPage canImport={can(ctx.actor.role, 'loyalty-import:write')} initialImports={JSON.parse(JSON.stringify(imports))} />
    </>
  );
}
