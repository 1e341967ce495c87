import type { Metadata } from 'next';
import { rolesFor } from '@/domain/roles';
import { requirePageSession } from '@/server/http/page-session';
import { listStaff } from '@/server/services/staff/list-staff';
import { StaffManager } from '@/ui/features/staff/staff-manager';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Staff' };

export default async function StaffPage() {
  const ctx = await requirePageSession({ roles: rolesFor('staff:manage') });
  const staff = await listStaff(ctx);
  return (
    <>
      <PageHeader title="Staff" description="Everyone who can sign in to your dispensary. Changing a role or disabling someone signs them out at once." />
      <StaffManager
        initial={staff.map((s) => ({ ...s, createdAt: s.createdAt.toISOString(), updatedAt: s.updatedAt.toISOString() }))}
        selfUid={ctx.actor.uid}
      />
    </>
  );
}
