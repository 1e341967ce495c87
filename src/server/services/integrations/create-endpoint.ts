import {
  CreateEndpointInputSchema,
  DEFAULT_ALLEAVES_HEADERS,
  DEFAULT_RATE_LIMIT_PER_MINUTE,
  PROVIDER_LABEL,
  type CreateEndpointInput,
  type EndpointSecret,
  type IntegrationEndpoint,
} from '@/domain/integrations/endpoint';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { routesCollection } from '../../db/platform-db';
import { tenantDb } from '../../db/tenant-db';
import { secretName, secretStore } from '../../secrets';
import { endpointView, generateSecret, randomToken, type EndpointView } from './endpoint-view';

/**
 * Creates a webhook endpoint: an opaque id for the URL, a signing secret kept in the secret
 * store (returned once, here, and never again), and the routing entry that maps the id to this
 * tenant. The secret is stored first, so an endpoint never exists without one.
 */
export async function createEndpoint(ctx: ServiceContext, input: CreateEndpointInput): Promise<{ endpoint: EndpointView; secret: string }> {
  const data = CreateEndpointInputSchema.parse(input);
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const id = `ep_${randomToken(24)}`;
  const secret = data.secret ?? generateSecret(data.provider);
  const name = secretName('webhook', ctx.orgId, id);
  const value: EndpointSecret = { current: secret, previous: null, previousValidUntil: null };
  await secretStore().put(name, JSON.stringify(value));
  const endpoint: IntegrationEndpoint = {
    id,
    provider: data.provider,
    name: data.name ?? PROVIDER_LABEL[data.provider],
    headerNames: data.provider === 'alleaves' ? (data.headerNames ?? DEFAULT_ALLEAVES_HEADERS) : null,
    rateLimitPerMinute: data.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE,
    secretName: name,
    secretRotatedAt: null,
    previousSecretValidUntil: null,
    rejectedCount: 0,
    lastRejectedAt: null,
    lastRejectedReason: null,
    createdBy: ctx.actor.uid,
    createdAt: now,
    updatedAt: now,
  };
  try {
    const batch = firestore().batch();
    batch.create(tdb.endpoints.doc(id), endpoint);
    batch.create(routesCollection().doc(id), { id, orgId: ctx.orgId, kind: 'endpoint', source: data.provider, createdAt: now });
    await batch.commit();
  } catch (err) {
    await secretStore()
      .remove(name)
      .catch(() => undefined);
    throw err;
  }
  ctx.log?.info({ event: 'endpoint.created', endpointId: id, provider: data.provider }, 'webhook endpoint created');
  return { endpoint: endpointView(endpoint), secret };
}
