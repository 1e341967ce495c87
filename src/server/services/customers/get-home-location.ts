import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** The customer's home store, its name and time zone, when the profile names one that exists. */
export async function getHomeLocation(
  ctx: Pick<ServiceContext, 'orgId'>,
  homeLocationId: string | null | undefined,
): Promise<{ name: string; timeZone: string } | null> {
  if (!homeLocationId) return null;
  const location = await tenantDb(ctx.orgId).locations.get(homeLocationId);
  return location ? { name: location.name, timeZone: location.timeZone } : null;
}
