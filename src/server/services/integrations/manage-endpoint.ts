import { errors } from '@/domain/errors';
import {
  EndpointSecretSchema,
  ROTATION_GRACE_MS,
  RotateSecretInputSchema,
  UpdateEndpointInputSchema,
  type EndpointSecret,
  type UpdateEndpointInput,
} from '@/domain/integrations/endpoint';
import type { ServiceContext } from '../../context';
import { routesCollection } from '../../db/platform-db';
import { tenantDb } from '../../db/tenant-db';
import { secretStore } from '../../secrets';
import { forgetEndpoint } from '../ingest/endpoint-registry';
import { endpointView, generateSecret, type EndpointView } from './endpoint-view';

export async function listEndpoints(ctx: ServiceContext): Promise<EndpointView[]> {
  const snap = await tenantDb(ctx.orgId).endpoints.ref.orderBy('createdAt', 'asc').get();
  return snap.docs.map((d) => endpointView(d.data()));
}

export async function getEndpointOrThrow(ctx: ServiceContext, id: string): Promise<EndpointView> {
  return endpointView(await tenantDb(ctx.orgId).endpoints.getOrThrow(id));
}

export async function updateEndpoint(ctx: ServiceContext, id: string, input: UpdateEndpointInput): Promise<EndpointView> {
  const data = UpdateEndpointInputSchema.parse(input);
  const endpoints = tenantDb(ctx.orgId).endpoints;
  const endpoint = await endpoints.getOrThrow(id);
  if (data.headerNames && endpoint.provider !== 'alleaves')
    throw errors.badRequest('Header names are configurable only for Alleaves endpoints; the other senders fix theirs.');
  await endpoints.update(id, { ...data, updatedAt: ctx.clock.now() });
  forgetEndpoint(id);
  ctx.log?.info({ event: 'endpoint.updated', endpointId: id, fields: Object.keys(data) }, 'webhook endpoint updated');
  return endpointView(await endpoints.getOrThrow(id));
}

/**
 * Issues a new signing secret (or stores the one given, for Shopify). The previous secret keeps
 * verifying for 24 hours, so senders can be switched over without losing deliveries.
 */
export async function rotateEndpointSecret(
  ctx: ServiceContext,
  id: string,
  input: { secret?: string } = {},
): Promise<{ endpoint: EndpointView; secret: string; previousValidUntil: Date }> {
  const { secret: given } = RotateSecretInputSchema.parse(input);
  const endpoints = tenantDb(ctx.orgId).endpoints;
  const endpoint = await endpoints.getOrThrow(id);
  const now = ctx.clock.now();
  const raw = await secretStore().get(endpoint.secretName);
  const old = raw ? EndpointSecretSchema.safeParse(JSON.parse(raw)) : null;
  const secret = given ?? generateSecret(endpoint.provider);
  const previousValidUntil = new Date(now.getTime() + ROTATION_GRACE_MS);
  const value: EndpointSecret = {
    current: secret,
    previous: old?.success ? old.data.current : null,
    previousValidUntil: old?.success ? previousValidUntil.toISOString() : null,
  };
  await secretStore().put(endpoint.secretName, JSON.stringify(value));
  await endpoints.update(id, { secretRotatedAt: now, previousSecretValidUntil: value.previousValidUntil ? previousValidUntil : null, updatedAt: now });
  forgetEndpoint(id);
  ctx.log?.info({ event: 'endpoint.secret_rotated', endpointId: id }, 'webhook secret rotated');
  return { endpoint: endpointView(await endpoints.getOrThrow(id)), secret, previousValidUntil };
}

/** Stops the URL answering at once (its route goes first), then removes the endpoint and its secret. Deliveries stay for history. */
export async function deleteEndpoint(ctx: ServiceContext, id: string): Promise<void> {
  const endpoints = tenantDb(ctx.orgId).endpoints;
  const endpoint = await endpoints.getOrThrow(id);
  const route = await routesCollection().get(id);
  if (route?.orgId === ctx.orgId) await routesCollection().ref.doc(id).delete();
  await endpoints.ref.doc(id).delete();
  await secretStore().remove(endpoint.secretName);
  forgetEndpoint(id);
  ctx.log?.info({ event: 'endpoint.deleted', endpointId: id }, 'webhook endpoint deleted');
}
