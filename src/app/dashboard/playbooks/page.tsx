import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { ComingSoon } from '@/ui/features/shell/coming-soon';

export const metadata: Metadata = { title: 'Playbooks' };

export default async function PlaybooksPage() {
  await requirePageSession({ roles: rolesFor('playbooks:read') });
  return <ComingSoon title="Playbooks" what="Automated journeys started by orders, signups, carts and stock changes arrive with the playbook engine." />;
}
