import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR } from '@/domain/clock';
import { ManualClock } from '@/domain/clock';
import { alleavesEnvelope, alleavesOrder, jsonWithBigInts, shopifyOrder, standardOrderEvent, wooJson, wooOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { secretStore } from '@/server/secrets';
import { clearEndpointCacheForTests } from '@/server/services/ingest/endpoint-registry';
import { rotateEndpointSecret, updateEndpoint } from '@/server/services/integrations/manage-endpoint';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { RECEIVERS, deliver, deliveriesOf, makeEndpoint, resetRateLimits, settle } from '../support/webhooks';

let t: TestTenant;
beforeAll(async () => {
  t = await createTestTenant('Ingest');
});

const uid = () => randomInt(1, 800_000);

async function customerByEmail(orgId: string, email: string) {
  const snap = await tenantDb(orgId).customers.ref.where('email', '==', email).get();
  return snap.docs.map((d) => d.data());
}

describe('a signed order from each sender, sent as that sender sends it', () => {
  const cases = [
    {
      provider: 'shopify' as const,
      topic: 'orders/create',
      build: (u: number, email: string) =>
        jsonWithBigInts(
          shopifyOrder({ now: new Date(), uid: u, customerId: u, person: { firstName: 'Sho', lastName: 'Pify', email, phone: '(248) 320-4471' } }),
        ),
    },
    {
      provider: 'woocommerce' as const,
      topic: 'order.created',
      build: (u: number, email: string) =>
        wooJson(wooOrder({ now: new Date(), uid: u, customerId: u, person: { firstName: 'Woo', lastName: 'Commerce', email, phone: '(248) 320-4472' } })),
    },
    {
      provider: 'alleaves' as const,
      topic: null,
      build: (u: number, email: string) =>
        JSON.stringify(
          alleavesEnvelope(
            'order.created',
            { now: new Date(), uid: u },
            {
              order: alleavesOrder({ now: new Date(), uid: u, customerId: u, person: { firstName: 'Alle', lastName: 'Aves', email, phone: '(248) 320-4473' } }),
            },
          ),
        ),
    },
    {
      provider: 'standard' as const,
      topic: null,
      build: (u: number, email: string) =>
        JSON.stringify(
          standardOrderEvent({ now: new Date(), uid: u, customerId: u, person: { firstName: 'Stan', lastName: 'Dard', email, phone: '(248) 320-4474' } }),
        ),
    },
  ];
  for (const c of cases) {
    it(`${c.provider}: creates the profile and the order, and the delivery shows as processed`, async () => {
      const ep = await makeEndpoint(t.ctx('admin'), c.provider);
      const u = uid();
      const email = `${c.provider}-${u}@example.com`;
      const res = await deliver(ep, c.build(u, email), { topic: c.topic });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ received: true, deliveryId: expect.any(String) });
      await settle();
      const delivery = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
      expect(delivery.status).toBe('processed');
      expect(delivery.attempts).toBe(1);
      const [customer, ...others] = await customerByEmail(t.orgId, email);
      expect(others).toHaveLength(0);
      expect(customer!.source).toBe(c.provider);
      expect(customer!.phone).toMatch(/^\+1248320447\d$/);
      const orders = (await tenantDb(t.orgId).orders.ref.where('customerId', '==', customer!.id).get()).docs.map((d) => d.data());
      expect(orders).toHaveLength(1);
      expect(orders[0]!.source).toBe(c.provider);
      expect(orders[0]!.lineItems.length).toBe(2);
      expect(customer!.orderCount).toBe(1);
      expect(customer!.lifetimeValueCents).toBe(orders[0]!.totalCents);
      const event = await tenantDb(t.orgId).events.getOrThrow(delivery.eventIds.at(-1)!);
      expect(event).toMatchObject({ name: 'order.created', customerId: customer!.id, keys: { orderId: orders[0]!.id } });
      expect(event.dispatchedAt).toBeInstanceOf(Date);
    });
  }
});

describe('refusals', () => {
  it('a missing or wrong signature is a 401 with nothing stored but a counter', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid: uid() }));
    const before = (await deliveriesOf(t.orgId)).length;
    const wrong = await deliver(ep, body, { topic: 'orders/create', secret: 'not-the-secret-at-all' });
    const missing = await call(RECEIVERS.shopify, {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', 'x-shopify-topic': 'orders/create' },
      params: { endpointId: ep.id },
    });
    const tampered = await deliver(ep, body, { topic: 'orders/create', headers: { 'x-shopify-hmac-sha256': 'B23tXN681gZ0qIWNRrgtzBE9XSDo5yaUu6wfmhu3a7g=' } });
    for (const r of [wrong, missing, tampered]) expect(r.status).toBe(401);
    await settle();
    expect((await deliveriesOf(t.orgId)).length).toBe(before);
    const endpoint = await tenantDb(t.orgId).endpoints.getOrThrow(ep.id);
    expect(endpoint.rejectedCount).toBe(3);
    expect(endpoint.lastRejectedReason).toMatch(/X-Shopify-Hmac-Sha256/);
  });

  it('an unknown endpoint is a 404; an endpoint of another sender under this URL too', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'woocommerce');
    expect((await call(RECEIVERS.shopify, { method: 'POST', rawBody: '{}', params: { endpointId: 'ep_doesnotexist0000000000' } })).status).toBe(404);
    expect((await call(RECEIVERS.shopify, { method: 'POST', rawBody: '{}', params: { endpointId: ep.id } })).status).toBe(404);
  });

  it('an Alleaves timestamp more than five minutes old is refused', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const body = JSON.stringify(alleavesEnvelope('order.created', { now: new Date(), uid: uid() }, { order: alleavesOrder({ now: new Date(), uid: uid() }) }));
    const res = await deliver(ep, body, { now: new Date(Date.now() - 6 * 60_000) });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/5 minutes/);
  });

  it('honours Alleaves header names configured on the endpoint', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    await updateEndpoint(t.ctx('admin'), ep.id, { headerNames: { signature: 'x-pos-signature', timestamp: null, deliveryId: null } });
    const body = JSON.stringify(alleavesEnvelope('order.created', { now: new Date(), uid: uid() }, { order: alleavesOrder({ now: new Date(), uid: uid() }) }));
    const { createHmac } = await import('node:crypto');
    const sig = createHmac('sha256', ep.secret).update(body).digest('hex');
    const ok = await call(RECEIVERS.alleaves, {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', 'x-pos-signature': sig },
      params: { endpointId: ep.id },
    });
    expect(ok.status).toBe(200);
    const old = await call(RECEIVERS.alleaves, {
      method: 'POST',
      rawBody: body,
      headers: { 'content-type': 'application/json', 'x-alleaves-signature': sig },
      params: { endpointId: ep.id },
    });
    expect(old.status).toBe(401);
    await settle();
    const stored = await tenantDb(t.orgId).deliveries.getOrThrow(ok.body.deliveryId);
    expect(stored.headers['x-pos-signature']).toBeUndefined();
  });

  it('a body over 1 MB is a 413, malformed JSON a 400, and neither stores anything', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'standard');
    const before = (await deliveriesOf(t.orgId)).length;
    const big = JSON.stringify({ type: 'product.viewed', data: { pad: 'x'.repeat(1024 * 1024) } });
    expect((await deliver(ep, big)).status).toBe(413);
    const bad = await deliver(ep, '{"type": "order.created", ');
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid_json');
    expect((await deliveriesOf(t.orgId)).length).toBe(before);
  });

  it('a topic we do not handle is a 202, stored and marked ignored', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const res = await deliver(ep, '{"id": 450789469, "name": "#1001"}', { topic: 'orders/fulfilled' });
    expect(res.status).toBe(202);
    await settle();
    const d = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
    expect(d).toMatchObject({ status: 'ignored', topic: 'orders/fulfilled', nextAttemptAt: null, attempts: 0 });
    expect(Buffer.from(d.body).toString()).toBe('{"id": 450789469, "name": "#1001"}');
  });

  it('answers the WooCommerce ping (form body, no signature) with 200 and stores nothing', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'woocommerce');
    const before = (await deliveriesOf(t.orgId)).length;
    const res = await call(RECEIVERS.woocommerce, {
      method: 'POST',
      rawBody: 'webhook_id=12',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      params: { endpointId: ep.id },
    });
    expect(res.status).toBe(200);
    expect((await deliveriesOf(t.orgId)).length).toBe(before);
  });

  it('a sender over its per-endpoint rate limit gets 429 with Retry-After', async () => {
    resetRateLimits();
    const ep = await makeEndpoint(t.ctx('admin'), 'standard', { rateLimitPerMinute: 3 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await deliver(ep, JSON.stringify({ type: 'menu.viewed', data: {} }))).status);
    expect(statuses.slice(0, 3).every((s) => s === 200)).toBe(true);
    const limited = await deliver(ep, JSON.stringify({ type: 'menu.viewed', data: {} }));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    await settle();
  });
});

describe('secrets', () => {
  it('fails closed: with the secret gone, every delivery is refused', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const endpoint = await tenantDb(t.orgId).endpoints.getOrThrow(ep.id);
    await secretStore().remove(endpoint.secretName);
    clearEndpointCacheForTests();
    const res = await deliver(ep, jsonWithBigInts(shopifyOrder({ now: new Date(), uid: uid() })), { topic: 'orders/create' });
    expect(res.status).toBe(401);
    await secretStore().put(endpoint.secretName, 'not json at all');
    clearEndpointCacheForTests();
    expect((await deliver(ep, '{}', { topic: 'orders/create' })).status).toBe(401);
  });

  it('after a rotation the previous secret keeps working for 24 hours, then stops', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'woocommerce');
    const { secret: fresh } = await rotateEndpointSecret(t.ctx('admin'), ep.id);
    const body = wooJson(wooOrder({ now: new Date(), uid: uid() }));
    expect((await deliver(ep, body, { topic: 'order.created' })).status).toBe(200);
    expect((await deliver(ep, body, { topic: 'order.created', secret: fresh })).status).toBe(200);
    // A rotation made 25 hours ago: its previous secret has expired.
    const ep2 = await makeEndpoint(t.ctx('admin'), 'woocommerce');
    await rotateEndpointSecret(t.ctx('admin', new ManualClock(Date.now() - 25 * HOUR)), ep2.id);
    expect((await deliver(ep2, body, { topic: 'order.created' })).status).toBe(401);
    await settle();
  });
});
