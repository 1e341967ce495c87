import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listDuplicateProposals } from '@/server/services/customers/find-duplicates';
import { listCustomerMerges } from '@/server/services/customers/undo-customer-merge';
import { CustomerMerges } from '@/ui/features/customers/merge/customer-merges';
import { DuplicateProposals } from '@/ui/features/customers/merge/duplicate-proposals';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Duplicates and merges' };

export default async function CustomerMergesPage() {
  const ctx = await requirePageSession({ roles: rolesFor('customers:write') });
  const [merges, { proposals }] = await Promise.all([listCustomerMerges(ctx, { limit: 50 }), listDuplicateProposals(ctx, { limit: 50 })]);
  return (
    <>
      <PageHeader
        title="Duplicates and merges"
        description="Profiles that look like the same person, and the merges made. A merge moves orders, points, tags and messages to the profile kept; Undo moves them back for 30 days."
      />
      <section aria-labelledby="proposals-heading" className="mb-8 space-y-3">
        <h2 id="proposals-heading" className="font-medium">
          Possible duplicates
        </h2>
        <DuplicateProposals proposals={JSON.parse(JSON.stringify(proposals))} />
      </section>
      <section aria-labelledby="merges-heading" className="space-y-3">
        <h2 id="merges-heading" className="font-medium">
          Recent merges
        </h2>
        <CustomerMerges merges={JSON.parse(JSON.stringify(merges))} />
      </section>
    </>
  );
}
