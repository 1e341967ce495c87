import type { StaffMember } from '@/domain/staff';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

export async function listStaff(ctx: ServiceContext): Promise<StaffMember[]> {
  const snap = await tenantDb(ctx.orgId).staff.ref.get();
  return snap.docs.map((d) => d.data()).sort((a, b) => a.displayName.localeCompare(b.displayName));
}
