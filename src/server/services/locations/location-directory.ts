import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';

/** "<sender>:<store id>" → location id, for the stores that are not archived. */
export type LocationDirectory = ReadonlyMap<string, string>;

// Read on every order; a dispensary has a handful of stores and edits them rarely.
const cache = new ShortCache<LocationDirectory>(10_000);

/**
 * The dispensary's store ids as its senders name them. A save through this instance is seen at
 * once; one through another instance within ten seconds (an order in between keeps no store).
 */
export function locationDirectory(ctx: Pick<ServiceContext, 'orgId'>): Promise<LocationDirectory> {
  return cache.get(ctx.orgId, async () => {
    const snap = await tenantDb(ctx.orgId).locations.ref.get();
    const map = new Map<string, string>();
    for (const doc of snap.docs) {
      const l = doc.data();
      if (l.archivedAt) continue;
      for (const key of l.externalIds ?? []) map.set(key, l.id);
    }
    return map;
  });
}

export function forgetLocationDirectory(orgId: string): void {
  cache.forget(orgId);
}
