import type { Metadata } from 'next';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listGallery } from '@/server/services/playbooks/install-gallery-playbook';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';
import { Gallery } from '@/ui/features/playbooks/gallery';
import { jsonify } from '@/ui/features/playbooks/types';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Playbook gallery' };

export default async function GalleryPage() {
  const ctx = await requirePageSession({ roles: rolesFor('playbooks:read') });
  const [entries, tenant] = await Promise.all([listGallery(ctx), getTenantOrThrow(ctx)]);
  return (
    <>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/playbooks" className="text-brand-700 hover:underline">
          ← Playbooks
        </Link>
      </p>
      <PageHeader title="Gallery" description="Ready playbooks. Installing one makes a draft you can read, change and dry-run before activating it." />
      <Gallery entries={jsonify(entries)} timeZone={tenant.timeZone} canWrite={can(ctx.actor.role, 'playbooks:write')} />
    </>
  );
}
