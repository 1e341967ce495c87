import type { Metadata } from 'next';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { loadActiveSavedSegments } from '@/server/services/crm/saved-segments-cache';
import { listPlaybooks } from '@/server/services/playbooks/list-playbooks';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { PlaybookList } from '@/ui/features/playbooks/playbook-list';
import { jsonify } from '@/ui/features/playbooks/types';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Playbooks' };

export default async function PlaybooksPage() {
  const ctx = await requirePageSession({ roles: rolesFor('playbooks:read') });
  const canWrite = can(ctx.actor.role, 'playbooks:write');
  const [rows, tenant, saved] = await Promise.all([
    listPlaybooks(ctx, { seesRevenue: can(ctx.actor.role, 'revenue:read') }),
    getTenantOrThrow(ctx),
    loadActiveSavedSegments(ctx.orgId),
  ]);
  return (
    <>
      <PageHeader
        title="Playbooks"
        description="Journeys that run by themselves: an order, a signup, an abandoned cart or a low shelf starts one at once, and each run carries on through its waits and branches."
        actions={
          <>
            <Link href="/dashboard/playbooks/gallery" className={buttonClass('secondary')}>
              Gallery
            </Link>
            {canWrite ? (
              <Link href="/dashboard/playbooks/new" className={buttonClass('primary')}>
                New playbook
              </Link>
            ) : null}
          </>
        }
      />
      <PlaybookList rows={jsonify(rows)} timeZone={tenant.timeZone} canWrite={canWrite} savedNames={Object.fromEntries(saved.map((s) => [s.id, s.name]))} />
    </>
  );
}
