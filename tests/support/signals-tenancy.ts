// Route cases for tests/integration/tenancy.test.ts: the behavioural-signals API. Each
// crossTenant check makes tenant A's resource first, then proves B's session can neither see
// nor change it.
import { expect } from 'vitest';
import { ALL_ROLES, rolesFor } from '@/domain/roles';
import * as endpointsRoute from '@/app/api/integrations/endpoints/route';
import * as endpointRoute from '@/app/api/integrations/endpoints/[id]/route';
import * as rotateRoute from '@/app/api/integrations/endpoints/[id]/rotate-secret/route';
import * as testDeliveryRoute from '@/app/api/integrations/endpoints/[id]/test-delivery/route';
import * as deliveriesRoute from '@/app/api/integrations/deliveries/route';
import * as deliveryRoute from '@/app/api/integrations/deliveries/[id]/route';
import * as replayRoute from '@/app/api/integrations/deliveries/[id]/replay/route';
import * as apiKeysRoute from '@/app/api/integrations/api-keys/route';
import * as apiKeyRoute from '@/app/api/integrations/api-keys/[id]/route';
import * as settingsRoute from '@/app/api/integrations/settings/route';
import * as tokenRoute from '@/app/api/auth/firebase-token/route';
import { tenantDb } from '@/server/db/tenant-db';
import { secretStore } from '@/server/secrets';
import { createApiKey } from '@/server/services/integrations/api-keys';
import { createEndpoint } from '@/server/services/integrations/create-endpoint';
import { adminAuth } from '@/server/auth/firebase-auth';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';
import { deliver, makeEndpoint, settle } from './webhooks';

const manage = rolesFor('integrations:manage');
const ID = { id: 'ep_placeholder_0000000000' };

/** Tenant A's endpoint with one processed delivery. */
async function aEndpointWithDelivery(fx: Fx) {
  const ep = await makeEndpoint(fx.a.ctx('admin'), 'standard');
  const res = await deliver(ep, JSON.stringify({ type: 'menu.viewed', timestamp: new Date().toISOString(), data: { menuName: 'Tenancy' } }));
  await settle();
  return { ep, deliveryId: res.body.deliveryId as string };
}

export const PUBLIC_SIGNALS_ROUTES: Record<string, string> = {
  'POST /api/webhooks/alleaves/[endpointId]':
    'Alleaves POS webhooks: hex HMAC-SHA256 over the raw body, secret per endpoint, fail closed; see signals-ingest.test.ts',
  'POST /api/webhooks/shopify/[endpointId]': 'Shopify webhooks: base64 HMAC-SHA256 (X-Shopify-Hmac-Sha256), fail closed; see signals-ingest.test.ts',
  'POST /api/webhooks/woocommerce/[endpointId]':
    'WooCommerce webhooks: base64 HMAC-SHA256 (X-WC-Webhook-Signature); the unsigned ping stores nothing; see signals-ingest.test.ts',
  'POST /api/webhooks/standard/[endpointId]': 'Standard Webhooks (webhook-id/-timestamp/-signature), fail closed; see signals-ingest.test.ts',
  'POST /api/events': 'track API: per-tenant API key (Bearer), hashed at rest; see signals-track-and-test.test.ts',
};

export const SIGNALS_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/integrations/endpoints',
    handler: endpointsRoute.GET,
    roles: manage,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const { endpoint } = await createEndpoint(fx.a.ctx('admin'), { provider: 'shopify' });
      const res = await call(endpointsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.endpoints.map((e: { id: string }) => e.id)).not.toContain(endpoint.id);
      expect(JSON.stringify(res.body)).not.toMatch(/secret/i);
    },
  },
  {
    route: 'POST /api/integrations/endpoints',
    handler: endpointsRoute.POST,
    roles: manage,
    request: () => ({ body: { provider: 'alleaves' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(endpointsRoute.POST, { method: 'POST', cookie, body: { provider: 'woocommerce', orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      expect(await tenantDb(fx.a.orgId).endpoints.get(res.body.endpoint.id)).toBeNull();
      expect(await tenantDb(fx.b.orgId).endpoints.get(res.body.endpoint.id)).not.toBeNull();
    },
  },
  {
    route: 'PATCH /api/integrations/endpoints/[id]',
    handler: endpointRoute.PATCH,
    roles: manage,
    request: () => ({ params: ID, body: { name: 'Renamed' } }),
    crossTenant: async (fx, cookie) => {
      const { endpoint } = await createEndpoint(fx.a.ctx('admin'), { provider: 'alleaves', name: 'A store' });
      const res = await call(endpointRoute.PATCH, { method: 'PATCH', cookie, params: { id: endpoint.id }, body: { name: 'Hijacked', rateLimitPerMinute: 1 } });
      expect(res.status).toBe(404);
      expect(await tenantDb(fx.a.orgId).endpoints.getOrThrow(endpoint.id)).toMatchObject({ name: 'A store', rateLimitPerMinute: endpoint.rateLimitPerMinute });
    },
  },
  {
    route: 'DELETE /api/integrations/endpoints/[id]',
    handler: endpointRoute.DELETE,
    roles: manage,
    request: () => ({ params: ID }),
    crossTenant: async (fx, cookie) => {
      const { endpoint } = await createEndpoint(fx.a.ctx('admin'), { provider: 'shopify' });
      expect((await call(endpointRoute.DELETE, { method: 'DELETE', cookie, params: { id: endpoint.id } })).status).toBe(404);
      const stored = await tenantDb(fx.a.orgId).endpoints.getOrThrow(endpoint.id);
      expect(await secretStore().get(stored.secretName)).not.toBeNull();
    },
  },
  {
    route: 'POST /api/integrations/endpoints/[id]/rotate-secret',
    handler: rotateRoute.POST,
    roles: manage,
    request: () => ({ params: ID }),
    crossTenant: async (fx, cookie) => {
      const { endpoint, secret } = await createEndpoint(fx.a.ctx('admin'), { provider: 'woocommerce' });
      const res = await call(rotateRoute.POST, { method: 'POST', cookie, params: { id: endpoint.id } });
      expect(res.status).toBe(404);
      const stored = await tenantDb(fx.a.orgId).endpoints.getOrThrow(endpoint.id);
      expect(JSON.parse((await secretStore().get(stored.secretName))!).current).toBe(secret);
    },
  },
  {
    route: 'POST /api/integrations/endpoints/[id]/test-delivery',
    handler: testDeliveryRoute.POST,
    roles: manage,
    request: () => ({ params: ID, body: {} }),
    crossTenant: async (fx, cookie) => {
      const { endpoint } = await createEndpoint(fx.a.ctx('admin'), { provider: 'standard' });
      expect((await call(testDeliveryRoute.POST, { method: 'POST', cookie, params: { id: endpoint.id }, body: {} })).status).toBe(404);
      expect((await tenantDb(fx.a.orgId).deliveries.ref.where('endpointId', '==', endpoint.id).get()).size).toBe(0);
    },
  },
  {
    route: 'GET /api/integrations/deliveries',
    handler: deliveriesRoute.GET,
    roles: manage,
    request: () => ({ path: '/api/integrations/deliveries' }),
    crossTenant: async (fx, cookie) => {
      const { ep, deliveryId } = await aEndpointWithDelivery(fx);
      for (const q of ['', `?endpointId=${ep.id}`]) {
        const res = await call(deliveriesRoute.GET, { cookie, path: `/api/integrations/deliveries${q}` });
        expect(res.status).toBe(200);
        expect(res.body.deliveries.map((d: { id: string }) => d.id)).not.toContain(deliveryId);
      }
    },
  },
  {
    route: 'GET /api/integrations/deliveries/[id]',
    handler: deliveryRoute.GET,
    roles: manage,
    request: () => ({ params: { id: 'dlv_placeholder' } }),
    crossTenant: async (fx, cookie) => {
      const { deliveryId } = await aEndpointWithDelivery(fx);
      const res = await call(deliveryRoute.GET, { cookie, params: { id: deliveryId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Tenancy');
    },
  },
  {
    route: 'POST /api/integrations/deliveries/[id]/replay',
    handler: replayRoute.POST,
    roles: manage,
    request: () => ({ params: { id: 'dlv_placeholder' } }),
    crossTenant: async (fx, cookie) => {
      const { deliveryId } = await aEndpointWithDelivery(fx);
      expect((await call(replayRoute.POST, { method: 'POST', cookie, params: { id: deliveryId } })).status).toBe(404);
      await settle();
      expect(await tenantDb(fx.a.orgId).deliveries.getOrThrow(deliveryId)).toMatchObject({ attempts: 1, replayedBy: null });
    },
  },
  {
    route: 'GET /api/integrations/api-keys',
    handler: apiKeysRoute.GET,
    roles: manage,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const { apiKey } = await createApiKey(fx.a.ctx('admin'), { name: 'A key' });
      const res = await call(apiKeysRoute.GET, { cookie });
      expect(res.body.apiKeys.map((k: { id: string }) => k.id)).not.toContain(apiKey.id);
    },
  },
  {
    route: 'POST /api/integrations/api-keys',
    handler: apiKeysRoute.POST,
    roles: manage,
    request: () => ({ body: { name: 'Menu' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(apiKeysRoute.POST, { method: 'POST', cookie, body: { name: 'B key', orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      expect(await tenantDb(fx.a.orgId).apiKeys.get(res.body.apiKey.id)).toBeNull();
    },
  },
  {
    route: 'DELETE /api/integrations/api-keys/[id]',
    handler: apiKeyRoute.DELETE,
    roles: manage,
    request: () => ({ params: { id: 'keyplaceholder00' } }),
    crossTenant: async (fx, cookie) => {
      const { apiKey } = await createApiKey(fx.a.ctx('admin'), { name: 'A key' });
      expect((await call(apiKeyRoute.DELETE, { method: 'DELETE', cookie, params: { id: apiKey.id } })).status).toBe(404);
      expect((await tenantDb(fx.a.orgId).apiKeys.getOrThrow(apiKey.id)).revokedAt).toBeNull();
    },
  },
  {
    route: 'GET /api/integrations/settings',
    handler: settingsRoute.GET,
    roles: manage,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const { updateSignalSettings } = await import('@/server/services/integrations/signal-settings');
      await updateSignalSettings(fx.a.ctx('admin'), { abandonedCheckoutDelayMinutes: 17 });
      const res = await call(settingsRoute.GET, { cookie });
      expect(res.body.settings.abandonedCheckoutDelayMinutes).toBe(60);
    },
  },
  {
    route: 'PATCH /api/integrations/settings',
    handler: settingsRoute.PATCH,
    roles: manage,
    request: () => ({ body: { abandonedCheckoutDelayMinutes: 30 } }),
    crossTenant: async (fx, cookie) => {
      const before = (await tenantDb(fx.a.orgId).signalSettings.get('current'))?.abandonedCheckoutDelayMinutes ?? 60;
      const res = await call(settingsRoute.PATCH, { method: 'PATCH', cookie, body: { abandonedCheckoutDelayMinutes: 45, orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect(before).not.toBe(45);
      expect((await tenantDb(fx.a.orgId).signalSettings.get('current'))?.abandonedCheckoutDelayMinutes ?? 60).toBe(before);
      expect((await tenantDb(fx.b.orgId).signalSettings.getOrThrow('current')).abandonedCheckoutDelayMinutes).toBe(45);
    },
  },
  {
    route: 'POST /api/auth/firebase-token',
    handler: tokenRoute.POST,
    roles: ALL_ROLES,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const res = await call(tokenRoute.POST, { method: 'POST', cookie });
      const payload = JSON.parse(Buffer.from(String(res.body.token).split('.')[1]!, 'base64url').toString('utf8')) as {
        uid: string;
        claims: { orgId: string };
      };
      expect(payload.claims.orgId).toBe(fx.b.orgId);
      expect((await adminAuth().getUser(payload.uid)).customClaims?.orgId).toBe(fx.b.orgId);
    },
  },
];
