import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listCustomerMerges } from '@/server/services/customers/undo-customer-merge';
import { CustomerMerges } from '@/ui/features/customers/merge/customer-merges';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Customer merges' };

export default async function CustomerMergesPage() {
  const ctx = await requirePageSession({ roles: rolesFor('customers:write') });
  const merges = await listCustomerMerges(ctx, { limit: 50 });
  return (
    <>
      <PageHeader
        title="Customer merges"
        description="Duplicate profiles merged into one. A merge moves orders, points, tags and messages to the profile kept; Undo moves them back for 30 days."
      />
      <CustomerMerges merges={JSON.parse(JSON.stringify(merges))} />
    </>
  );
}
