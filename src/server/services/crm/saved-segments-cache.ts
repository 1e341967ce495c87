import type { SavedSegmentRef } from '@/domain/crm/saved-segment-entry';
import { tenantDb } from '../../db/tenant-db';

const TTL_MS = 5_000;
const cache = new Map<string, { at: number; segments: Promise<SavedSegmentRef[]> }>();

/**
 * The tenant's active saved segments, for every order and refund: a handful of small documents,
 * cached per instance for 5 s like the loyalty programme, so a burst of orders reads them once.
 * A save on this instance forgets them at once; another instance picks an edit up within 5 s
 * (and the segment's own job sets every profile right regardless).
 */
export function activeSavedSegments(orgId: string): Promise<SavedSegmentRef[]> {
  const hit = cache.get(orgId);
  if (hit && Date.now() - hit.at < TTL_MS) return hit.segments;
  const segments = loadActiveSavedSegments(orgId);
  cache.set(orgId, { at: Date.now(), segments });
  segments.catch(() => cache.delete(orgId));
  return segments;
}

export async function loadActiveSavedSegments(orgId: string): Promise<SavedSegmentRef[]> {
  const snap = await tenantDb(orgId).savedSegments.ref.where('archived', '==', false).get();
  return snap.docs.map((d) => {
    const { id, name, definition, archived } = d.data();
    return { id, name, definition, archived };
  });
}

export function forgetSavedSegments(orgId: string) {
  cache.delete(orgId);
}
