import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listCustomerImports } from '@/server/services/crm/customer-import-jobs';
import { CustomerImportPage } from '@/ui/features/customers/import/customer-import-page';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Import customers' };

export default async function CustomersImportPage() {
  const ctx = await requirePageSession({ roles: rolesFor('customers:write') });
  const imports = await listCustomerImports(ctx);
  return (
    <>
      <PageHeader
        title="Import customers"
        description="Bring customers over from another system's CSV export. Customers who already exist (same phone, email or external id) are updated, not added twice."
      />
      <CustomerImportPage initialImports={JSON.parse(JSON.stringify(imports))} />
    </>
  );
}
