import type { SavedSegmentRef } from '@/domain/crm/saved-segment-entry';
import { tenantDb } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';

const cache = new ShortCache<SavedSegmentRef[]>(5_000);

/**
 * The tenant's active saved segments, for every order and refund: a handful of small documents,
 * cached per instance for 5 s like the loyalty programme, so a burst of orders reads them once.
 * A save on this instance forgets them at once; another instance picks an edit up within 5 s
 * (and the segment's own job sets every profile right regardless).
 */
export function activeSavedSegments(orgId: string): Promise<SavedSegmentRef[]> {
  return cache.get(orgId, () => loadActiveSavedSegments(orgId));
}

export async function loadActiveSavedSegments(orgId: string): Promise<SavedSegmentRef[]> {
  const snap = await tenantDb(orgId).savedSegments.ref.where('archived', '==', false).get();
  return snap.docs.map((d) => {
    const { id, name, definition, archived } = d.data();
    return { id, name, definition, archived };
  });
}

export function forgetSavedSegments(orgId: string) {
  cache.forget(orgId);
}
