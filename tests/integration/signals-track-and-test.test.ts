import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as eventsRoute from '@/app/api/events/route';
import * as testDeliveryRoute from '@/app/api/integrations/endpoints/[id]/test-delivery/route';
import { resetConfigForTests } from '@/server/config';
import { tenantDb } from '@/server/db/tenant-db';
import { createApiKey, revokeApiKey } from '@/server/services/integrations/api-keys';
import { createEndpoint } from '@/server/services/integrations/create-endpoint';
import { SAMPLE_EVENTS } from '@/domain/signals/samples';
import { call } from '../support/http';
import { startRouteServer } from '../support/route-server';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { RECEIVERS, settle } from '../support/webhooks';

let t: TestTenant;
let server: Awaited<ReturnType<typeof startRouteServer>>;
const previousBase = process.env.APP_BASE_URL;

beforeAll(async () => {
  t = await createTestTenant('Track');
  server = await startRouteServer(
    (['alleaves', 'shopify', 'woocommerce', 'standard'] as const).map((p) => ({
      pattern: new RegExp(`^/api/webhooks/${p}/([^/]+)$`),
      handler: RECEIVERS[p],
      params: (m) => ({ endpointId: m[1]! }),
    })),
  );
  process.env.APP_BASE_URL = server.baseUrl;
  resetConfigForTests();
});

afterAll(async () => {
  if (previousBase === undefined) delete process.env.APP_BASE_URL;
  else process.env.APP_BASE_URL = previousBase;
  resetConfigForTests();
  await server.close();
});

const track = (key: string | null, body: unknown) => call(eventsRoute.POST, { method: 'POST', body, headers: key ? { authorization: `Bearer ${key}` } : {} });

describe('POST /api/events (the track API)', () => {
  it('accepts up to 100 events, deduplicates on messageId, and links identified shoppers', async () => {
    const { key } = await createApiKey(t.ctx('admin'), { name: 'Menu' });
    const customer = { id: 'u-77', email: 'menu.shopper@example.com', phone: '(248) 320-9911', firstName: 'Menu', lastName: 'Shopper' };
    const events = [
      {
        messageId: 'm-1',
        type: 'product.viewed',
        timestamp: new Date().toISOString(),
        data: { customer, product: { sku: 'SAMPLE-EDB-0002', name: 'Gummies', category: 'Edibles', priceCents: 1800 }, url: 'https://shop.example/p/1' },
      },
      { messageId: 'm-2', type: 'cart.item_added', data: { customer, product: { sku: 'SAMPLE-EDB-0002' }, quantity: 2, cartId: 'cart-1' } },
      { messageId: 'm-3', type: 'product.searched', data: { anonymousId: 'anon-1', query: 'gummies', resultCount: 4 } },
    ];
    const res = await track(key, { events });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({ accepted: 3, duplicate: false });
    // The same batch again (a client retry) and one event repeated in a new batch: nothing twice.
    expect((await track(key, { events })).body).toMatchObject({ duplicate: true });
    expect((await track(key, { events: [events[0], { messageId: 'm-4', type: 'wishlist.added', data: { customer, product: { sku: 'X-1' } } }] })).status).toBe(
      202,
    );
    await settle();
    const stored = (await tenantDb(t.orgId).events.ref.get()).docs.map((d) => d.data());
    expect(stored.map((e) => e.name).sort()).toEqual(['cart.item_added', 'product.searched', 'product.viewed', 'wishlist.added']);
    const shopper = stored.find((e) => e.name === 'cart.item_added')!;
    expect(shopper.customerId).toBeTruthy();
    expect(shopper.data).toMatchObject({ quantity: 2, cartId: 'cart-1' });
    expect(stored.find((e) => e.name === 'product.searched')!.customerId).toBeNull();
    const profile = await tenantDb(t.orgId).customers.getOrThrow(shopper.customerId!);
    expect(profile).toMatchObject({ email: 'menu.shopper@example.com', phone: '+12483209911', externalIds: ['storefront:u-77'], source: 'track_api' });
  });

  it('refuses a missing, wrong or revoked key (401) and says what is wrong with bad events (400/422)', async () => {
    const { key, apiKey } = await createApiKey(t.ctx('admin'), { name: 'Temp' });
    const ok = { events: [{ messageId: 'x', type: 'menu.viewed', data: {} }] };
    expect((await track(null, ok)).status).toBe(401);
    expect((await track(`${key.slice(0, -2)}zz`, ok)).status).toBe(401);
    const tooMany = await track(key, { events: Array.from({ length: 101 }, (_, i) => ({ messageId: `b${i}`, type: 'menu.viewed', data: {} })) });
    expect(tooMany.status).toBe(422);
    const badType = await track(key, {
      events: [
        { messageId: 'y', type: 'order.created', data: {} },
        { messageId: 'z', type: 'review.posted', data: { product: { sku: 'A' } } },
      ],
    });
    expect(badType.status).toBe(422);
    expect(badType.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['events.0.type', 'events.1.data']);
    const notJson = await call(eventsRoute.POST, { method: 'POST', rawBody: '{"events": [', headers: { authorization: `Bearer ${key}` } });
    expect(notJson.status).toBe(400);
    await revokeApiKey(t.ctx('admin'), apiKey.id);
    expect((await track(key, ok)).status).toBe(401);
  });
});

describe('Send test delivery', () => {
  for (const provider of ['alleaves', 'shopify', 'woocommerce', 'standard'] as const) {
    it(`${provider}: posts a signed sample to the endpoint's own URL and the whole pipe runs`, async () => {
      const { endpoint } = await createEndpoint(t.ctx('admin'), { provider });
      expect(endpoint.url.startsWith(server.baseUrl)).toBe(true);
      const res = await call(testDeliveryRoute.POST, {
        method: 'POST',
        cookie: await t.cookie('admin'),
        params: { id: endpoint.id },
        body: { event: SAMPLE_EVENTS[provider][0] },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 200, event: SAMPLE_EVENTS[provider][0] });
      await settle();
      const d = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
      expect(d.status).toBe('processed');
      const event = await tenantDb(t.orgId).events.getOrThrow(d.eventIds.at(-1)!);
      expect(event.name).toBe('order.created');
      const c = await tenantDb(t.orgId).customers.getOrThrow(event.customerId!);
      expect(c.phone).toBe('+13135550148');
    });
  }

  it('refuses an event the sender does not offer', async () => {
    const { endpoint } = await createEndpoint(t.ctx('admin'), { provider: 'shopify' });
    const res = await call(testDeliveryRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      params: { id: endpoint.id },
      body: { event: 'order.created' },
    });
    expect(res.status).toBe(400);
  });
});
