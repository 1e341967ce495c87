import { activeSecrets, EndpointSecretSchema, type EndpointSecret, type IntegrationEndpoint, type Provider } from '@/domain/integrations/endpoint';
import { routesCollection } from '../../db/platform-db';
import { tenantDb } from '../../db/tenant-db';
import { logger } from '../../log';
import { secretStore } from '../../secrets';

export interface ResolvedEndpoint {
  orgId: string;
  endpoint: IntegrationEndpoint;
  /** Secrets valid now; empty when the secret is missing or unreadable (every delivery is refused). */
  secrets: string[];
}

interface Loaded {
  orgId: string;
  endpoint: IntegrationEndpoint;
  secret: EndpointSecret | null;
}

const TTL_MS = 10_000;
const MAX_ENTRIES = 10_000;
const cache = new Map<string, { value: Loaded | null; expires: number }>();

/**
 * Endpoint, tenant and secrets for a webhook URL. Cached for ten seconds per instance so a burst
 * costs one Secret Manager read; changes made through this instance clear the entry at once,
 * other instances see them within the TTL, and a signature that fails against a cached secret is
 * checked again against a fresh read (see verify-delivery).
 */
export async function resolveEndpoint(endpointId: string, provider: Provider, now: Date, opts: { fresh?: boolean } = {}): Promise<ResolvedEndpoint | null> {
  const hit = cache.get(endpointId);
  let value: Loaded | null;
  if (!opts.fresh && hit && hit.expires > Date.now()) {
    value = hit.value;
  } else {
    value = await load(endpointId);
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(endpointId, { value, expires: Date.now() + TTL_MS });
  }
  if (!value || value.endpoint.provider !== provider) return null;
  return { orgId: value.orgId, endpoint: value.endpoint, secrets: value.secret ? activeSecrets(value.secret, now) : [] };
}

export function forgetEndpoint(endpointId: string) {
  cache.delete(endpointId);
}

/** Tests reset the cache between scenarios that change secrets behind the registry's back. */
export function clearEndpointCacheForTests() {
  cache.clear();
}

async function load(endpointId: string): Promise<Loaded | null> {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(endpointId)) return null;
  const route = await routesCollection().get(endpointId);
  if (!route || route.kind !== 'endpoint') return null;
  const endpoint = await tenantDb(route.orgId).endpoints.get(endpointId);
  if (!endpoint) return null;
  return { orgId: route.orgId, endpoint, secret: await readSecret(endpoint) };
}

/** Fail closed: a missing, unreadable or malformed secret means no delivery verifies. */
async function readSecret(endpoint: IntegrationEndpoint): Promise<EndpointSecret | null> {
  try {
    const raw = await secretStore().get(endpoint.secretName);
    const parsed = raw ? EndpointSecretSchema.safeParse(JSON.parse(raw)) : null;
    if (parsed?.success) return parsed.data;
    logger().error(
      { endpointId: endpoint.id },
      raw ? 'endpoint secret is malformed: every delivery will be refused' : 'endpoint secret is missing: every delivery will be refused',
    );
  } catch (err) {
    logger().error({ err, endpointId: endpoint.id }, 'reading the endpoint secret failed: every delivery will be refused');
  }
  return null;
}
