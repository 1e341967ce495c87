import type { Metadata } from 'next';
import { can, rolesFor } from '@/domain/roles';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import { requirePageSession } from '@/server/http/page-session';
import { listSavedSegments } from '@/server/services/crm/saved-segments';
import { customerFilterOptions } from '@/server/services/customers/customer-filter-options';
import { SavedSegmentsView, type SavedSegmentRow } from '@/ui/features/customers/saved-segments/saved-segments-view';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Saved segments' };

export default async function SavedSegmentsPage() {
  const ctx = await requirePageSession({ roles: rolesFor('customers:read') });
  const [segments, options] = await Promise.all([listSavedSegments(ctx), customerFilterOptions(ctx)]);
  return (
    <>
      <PageHeader
        title="Saved segments"
        description="Your own audiences: customers who match every condition you choose. Use them as a campaign audience, a playbook trigger or a customer list filter."
      />
      <SavedSegmentsView
        initial={JSON.parse(JSON.stringify(segments)) as SavedSegmentRow[]}
        options={{ tiers: options.tiers, locations: options.locations, tags: options.tags }}
        canManage={can(ctx.actor.role, 'segments:manage')}
        revenue={seesRevenue(viewerOf(ctx.actor))}
      />
    </>
  );
}
