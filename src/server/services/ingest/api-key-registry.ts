import { createHash, timingSafeEqual } from 'node:crypto';
import { parseApiKey, type ApiKey } from '@/domain/integrations/api-key';
import { routesCollection } from '../../db/platform-db';
import { tenantDb } from '../../db/tenant-db';

const TTL_MS = 10_000;
const cache = new Map<string, { value: { orgId: string; key: ApiKey } | null; expires: number }>();

export function forgetApiKey(keyId: string) {
  cache.delete(keyId);
}

/** The tenant and key record for a Bearer API key, or null when it is unknown, revoked or wrong. */
export async function authenticateApiKey(raw: string): Promise<{ orgId: string; key: ApiKey } | null> {
  const parsed = parseApiKey(raw);
  if (!parsed) return null;
  let hit = cache.get(parsed.keyId);
  if (!hit || hit.expires <= Date.now()) {
    const route = await routesCollection().get(parsed.keyId);
    const key = route?.kind === 'api_key' ? await tenantDb(route.orgId).apiKeys.get(parsed.keyId) : null;
    hit = { value: route && key ? { orgId: route.orgId, key } : null, expires: Date.now() + TTL_MS };
    if (cache.size > 10_000) cache.clear();
    cache.set(parsed.keyId, hit);
  }
  const found = hit.value;
  if (!found || found.key.revokedAt) return null;
  const given = createHash('sha256').update(raw.trim()).digest();
  const stored = Buffer.from(found.key.sha256, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored) ? found : null;
}
