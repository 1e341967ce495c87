import { TAG_REGISTRY_DOC } from '@/domain/crm/tags';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { loadActiveSavedSegments } from '../crm/saved-segments-cache';
import { getLoyaltySettings } from '../loyalty/loyalty-settings';

export interface CustomerFilterOptions {
  locations: Array<{ id: string; name: string }>;
  tiers: Array<{ id: string; name: string }>;
  /** The dispensary's active saved segments, by name. */
  savedSegments: Array<{ id: string; name: string }>;
  /** Tags staff have given (the tag registry), for the saved-segment editor. */
  tags: string[];
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name);

/** What the list's filter form and the saved-segment editor offer: locations, tiers, saved segments, tags (a handful each, one read each). */
export async function customerFilterOptions(ctx: Pick<ServiceContext, 'orgId'>): Promise<CustomerFilterOptions> {
  const tdb = tenantDb(ctx.orgId);
  const [locations, settings, saved, registry] = await Promise.all([
    tdb.locations.ref.limit(200).get(),
    getLoyaltySettings(ctx),
    loadActiveSavedSegments(ctx.orgId),
    tdb.tagRegistry.get(TAG_REGISTRY_DOC),
  ]);
  return {
    locations: locations.docs.map((d) => ({ id: d.id, name: d.data().name })).sort(byName),
    tiers: settings.tiers.tiers.map((t) => ({ id: t.id, name: t.name })),
    savedSegments: saved.map((s) => ({ id: s.id, name: s.name })).sort(byName),
    tags: Object.values(registry?.tags ?? {})
      .map((t) => t.label)
      .sort((a, b) => a.localeCompare(b)),
  };
}
