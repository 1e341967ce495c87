import type { Location } from '@/domain/location';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** Every store of the dispensary, open ones first, then by name. */
export async function listLocations(ctx: Pick<ServiceContext, 'orgId'>): Promise<Location[]> {
  const snap = await tenantDb(ctx.orgId).locations.ref.get();
  return snap.docs.map((d) => d.data()).sort((a, b) => Number(!!a.archivedAt) - Number(!!b.archivedAt) || a.name.localeCompare(b.name));
}
