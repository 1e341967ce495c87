import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { getLoyaltySettings } from '../loyalty/loyalty-settings';

export interface CustomerFilterOptions {
  locations: Array<{ id: string; name: string }>;
  tiers: Array<{ id: string; name: string }>;
}

/** What the list's filter form offers: the dispensary's locations and its loyalty tiers (a handful each). */
export async function customerFilterOptions(ctx: Pick<ServiceContext, 'orgId'>): Promise<CustomerFilterOptions> {
  const [locations, settings] = await Promise.all([tenantDb(ctx.orgId).locations.ref.limit(200).get(), getLoyaltySettings(ctx)]);
  return {
    locations: locations.docs.map((d) => ({ id: d.id, name: d.data().name })).sort((a, b) => a.name.localeCompare(b.name)),
    tiers: settings.tiers.tiers.map((t) => ({ id: t.id, name: t.name })),
  };
}
