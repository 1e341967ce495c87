import { randomInt, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/domain/integrations/endpoint';
import {
  alleavesEnvelope,
  alleavesOrder,
  jsonWithBigInts,
  shopifyInventoryLevel,
  shopifyOrder,
  shopifyProduct,
  standardOrderEvent,
  wooJson,
  wooOrder,
} from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { signDelivery } from '@/server/services/ingest/sign-delivery';
import { updateEndpoint } from '@/server/services/integrations/manage-endpoint';
import { call } from '../support/http';
import { activePlaybook, runsOf } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { RECEIVERS, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// Replays of captured, correctly signed deliveries, through the real receivers. What a sender
// signs is the body (and for Standard Webhooks the id and timestamp); everything else in a
// captured request can be changed by whoever replays it. None of these replays may be processed
// again: no delivery processing, no event, no change to the customer, no second order, no run.

let t: TestTenant;
let playbookId: string;

beforeAll(async () => {
  t = await createTestTenant('Replay');
  // Runs on every order event, so a replayed event would show as a second run.
  const playbook = await activePlaybook(t, {
    name: 'Every order event',
    triggers: [
      { type: 'event', eventName: 'order.created' },
      { type: 'event', eventName: 'order.updated' },
    ],
    entry: { runKey: 'customerId', reentry: 'always' },
    steps: [{ action: 'add_tag', tag: 'ordered' }],
  });
  playbookId = playbook.id;
});

function shopper(tag: string) {
  const u = randomInt(1, 800_000);
  return {
    uid: u,
    person: { firstName: 'Replay', lastName: tag, email: `replay-${tag}-${u}@example.com`, phone: `(734) 4${randomInt(10, 99)}-${randomInt(1000, 9999)}` },
  };
}

/** A request exactly as the sender sent it: body and every header, signature included. */
function capture(ep: TestEndpoint, body: string, topic: string | null, headerNames?: Parameters<typeof signDelivery>[1]['headerNames']) {
  return signDelivery(ep.provider, { secret: ep.secret, body, topic, now: new Date(), deliveryId: `orig-${randomUUID()}`, headerNames });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any response shape
function post(ep: TestEndpoint, body: string, headers: Record<string, string>): Promise<{ status: number; body: any }> {
  return call(RECEIVERS[ep.provider], { method: 'POST', rawBody: body, headers, params: { endpointId: ep.id }, path: `/api/webhooks/${ep.provider}/${ep.id}` });
}

/** Everything a replay could change, as a user would see it. */
async function observe(ep: TestEndpoint, email: string) {
  const tdb = tenantDb(t.orgId);
  const customers = (await tdb.customers.ref.where('email', '==', email).get()).docs.map((d) => d.data());
  expect(customers).toHaveLength(1);
  const c = customers[0]!;
  const [orders, events, deliveries, runs] = await Promise.all([
    tdb.orders.ref.where('customerId', '==', c.id).get(),
    tdb.events.ref.where('customerId', '==', c.id).get(),
    tdb.deliveries.ref.where('endpointId', '==', ep.id).get(),
    runsOf(t.orgId, playbookId),
  ]);
  return {
    customer: { orderCount: c.orderCount, lifetimeValueCents: c.lifetimeValueCents, lastOrderAt: c.lastOrderAt?.getTime() ?? null },
    orders: orders.docs.map((d) => d.id).sort(),
    events: events.docs.map((d) => d.id).sort(),
    deliveries: deliveries.docs.map((d) => d.data()).map((d) => ({ id: d.id, status: d.status, attempts: d.attempts })),
    runs: runs.filter((r) => r.customerId === c.id).length,
  };
}

/** The unsigned headers a replayer would make up fresh, per sender. */
const freshUnsigned: Record<Exclude<Provider, 'standard'>, (h: Record<string, string>) => Record<string, string>> = {
  shopify: (h) => ({
    ...h,
    'x-shopify-webhook-id': randomUUID(),
    'x-shopify-event-id': String(randomInt(1e9)),
    'x-shopify-triggered-at': new Date().toISOString(),
  }),
  woocommerce: (h) => ({ ...h, 'x-wc-webhook-delivery-id': randomUUID() }),
  alleaves: (h) => ({ ...h, 'x-alleaves-delivery-id': randomUUID(), 'x-alleaves-timestamp': String(Math.floor(Date.now() / 1000)) }),
};

describe('a captured signed delivery replayed with fresh unsigned headers is a duplicate, with no effect', () => {
  const cases = [
    {
      provider: 'shopify' as const,
      topic: 'orders/create',
      build: (s: ReturnType<typeof shopper>) => jsonWithBigInts(shopifyOrder({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person })),
    },
    {
      provider: 'woocommerce' as const,
      topic: 'order.created',
      build: (s: ReturnType<typeof shopper>) => wooJson(wooOrder({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person })),
    },
    {
      provider: 'alleaves' as const,
      topic: null,
      build: (s: ReturnType<typeof shopper>) =>
        JSON.stringify(
          alleavesEnvelope(
            'order.created',
            { now: new Date(), uid: s.uid },
            { order: alleavesOrder({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person }) },
          ),
        ),
    },
  ];
  for (const c of cases) {
    it(`${c.provider}`, async () => {
      const ep = await makeEndpoint(t.ctx('admin'), c.provider);
      const s = shopper(c.provider);
      const body = c.build(s);
      const original = capture(ep, body, c.topic);
      expect((await post(ep, body, original)).status).toBe(200);
      await settle();
      const before = await observe(ep, s.person.email);
      expect(before).toMatchObject({ customer: { orderCount: 1 }, orders: [expect.any(String)], runs: 1 });

      const replays = [await post(ep, body, freshUnsigned[c.provider](original)), await post(ep, body, freshUnsigned[c.provider](original))];
      for (const r of replays) expect(r.body).toMatchObject({ received: true, duplicate: true, deliveryId: before.deliveries[0]!.id });
      await settle();
      expect(await observe(ep, s.person.email)).toEqual(before);
    });
  }

  it('standard: the same webhook-id is a duplicate; a fresh one breaks the signature, since the id is signed', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'standard');
    const s = shopper('standard');
    const body = JSON.stringify(standardOrderEvent({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person }));
    const original = capture(ep, body, null);
    expect((await post(ep, body, original)).status).toBe(200);
    await settle();
    const before = await observe(ep, s.person.email);
    expect((await post(ep, body, original)).body).toMatchObject({ duplicate: true });
    expect((await post(ep, body, { ...original, 'webhook-id': `msg_${randomUUID()}` })).status).toBe(401);
    await settle();
    expect(await observe(ep, s.person.email)).toEqual(before);
  });
});

describe('Alleaves: timestamps, and bodies without an id', () => {
  it('an endpoint set up for timestamps refuses a delivery without one (401, nothing stored)', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const s = shopper('alleaves-ts');
    const body = JSON.stringify(
      alleavesEnvelope(
        'order.created',
        { now: new Date(), uid: s.uid },
        { order: alleavesOrder({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person }) },
      ),
    );
    const original = capture(ep, body, null);
    expect((await post(ep, body, original)).status).toBe(200);
    await settle();
    const before = await observe(ep, s.person.email);
    const { 'x-alleaves-timestamp': _dropped, ...withoutTimestamp } = original;
    const res = await post(ep, body, { ...withoutTimestamp, 'x-alleaves-delivery-id': randomUUID() });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/x-alleaves-timestamp is required/);
    await settle();
    expect(await observe(ep, s.person.email)).toEqual(before);
  });

  it('an endpoint without timestamps: replayed without one and with a fresh delivery id, nothing happens again', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const headerNames = { signature: 'x-alleaves-signature', timestamp: null, deliveryId: 'x-alleaves-delivery-id' };
    await updateEndpoint(t.ctx('admin'), ep.id, { headerNames });
    const s = shopper('alleaves-no-ts');
    const body = JSON.stringify(
      alleavesEnvelope(
        'order.created',
        { now: new Date(), uid: s.uid },
        { order: alleavesOrder({ now: new Date(), uid: s.uid, customerId: s.uid, person: s.person }) },
      ),
    );
    const original = capture(ep, body, null, headerNames);
    expect(original['x-alleaves-timestamp']).toBeUndefined();
    expect((await post(ep, body, original)).status).toBe(200);
    await settle();
    const before = await observe(ep, s.person.email);
    expect(before.runs).toBe(1);
    expect((await post(ep, body, { ...original, 'x-alleaves-delivery-id': randomUUID() })).body).toMatchObject({ duplicate: true });
    await settle();
    expect(await observe(ep, s.person.email)).toEqual(before);
  });

  it('a body without an id is keyed on its hash: a fresh delivery id does not make it new', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
    const s = shopper('alleaves-no-id');
    const { id: _omitted, ...withoutId } = alleavesEnvelope(
      'order.created',
      { now: new Date(), uid: s.uid },
      { order: alleavesOrder({ now: new Date(), uid: s.uid }) },
    );
    const body = JSON.stringify(withoutId);
    const original = capture(ep, body, null);
    const first = await post(ep, body, original);
    await settle();
    // Alleaves requires the id, so this one is dead-lettered (and staff told) once, not once per replay.
    expect(await tenantDb(t.orgId).deliveries.getOrThrow(first.body.deliveryId)).toMatchObject({ status: 'dead_letter', attempts: 1 });
    expect((await post(ep, body, freshUnsigned.alleaves(original))).body).toMatchObject({ duplicate: true, deliveryId: first.body.deliveryId });
    await settle();
    expect((await tenantDb(t.orgId).deliveries.ref.where('endpointId', '==', ep.id).get()).size).toBe(1);
    expect((await tenantDb(t.orgId).notifications.ref.where('sourceId', '==', first.body.deliveryId).get()).size).toBe(1);
  });
});

describe('a Shopify stock report (its body has no id): keyed on the body hash', () => {
  it('a replay with fresh Shopify ids is a duplicate; a new report is processed', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const product = jsonWithBigInts(shopifyProduct({ now: new Date(), uid: 1 }));
    expect((await post(ep, product, capture(ep, product, 'products/update'))).status).toBe(200);
    await settle();
    const stockEvents = async () => (await tenantDb(t.orgId).events.ref.where('name', '==', 'inventory.updated').get()).docs.map((d) => d.id).sort();
    const report = (available: number, at: Date) => jsonWithBigInts(shopifyInventoryLevel({ now: at, uid: 1, available }));

    const first = report(7, new Date(Date.now() - 60_000));
    const headers = capture(ep, first, 'inventory_levels/update');
    const res = await post(ep, first, headers);
    await settle();
    expect(await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId)).toMatchObject({ status: 'processed', eventIds: [expect.any(String)] });
    const before = await stockEvents();
    expect(before).toHaveLength(1);

    expect((await post(ep, first, freshUnsigned.shopify(headers))).body).toMatchObject({ duplicate: true, deliveryId: res.body.deliveryId });
    await settle();
    expect(await stockEvents()).toEqual(before);

    const next = report(5, new Date());
    const fresh = await post(ep, next, capture(ep, next, 'inventory_levels/update'));
    expect(fresh.body.duplicate).toBeUndefined();
    await settle();
    expect(await stockEvents()).toHaveLength(2);
  });
});

describe('a genuinely new update of the same Shopify order', () => {
  it('is processed; its own replay, or the update replayed as a create, is not', async () => {
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const s = shopper('update');
    const placed = new Date(Date.now() - 60 * 60_000);
    const create = jsonWithBigInts(shopifyOrder({ now: placed, uid: s.uid, customerId: s.uid, person: s.person }));
    expect((await post(ep, create, capture(ep, create, 'orders/create'))).status).toBe(200);
    await settle();
    const created = await observe(ep, s.person.email);

    const update = jsonWithBigInts(shopifyOrder({ now: placed, updatedAt: new Date(), uid: s.uid, customerId: s.uid, person: s.person }));
    const updateHeaders = capture(ep, update, 'orders/updated');
    const res = await post(ep, update, updateHeaders);
    expect(res.body).toMatchObject({ received: true, deliveryId: expect.any(String) });
    expect(res.body.duplicate).toBeUndefined();
    await settle();
    const updated = await observe(ep, s.person.email);
    expect(await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId)).toMatchObject({ status: 'processed', attempts: 1 });
    expect(updated.events.length).toBe(created.events.length + 1);
    expect(updated.runs).toBe(created.runs + 1);
    // Still one order, counted once.
    expect(updated.orders).toEqual(created.orders);
    expect(updated.customer).toEqual(created.customer);

    expect((await post(ep, update, freshUnsigned.shopify(updateHeaders))).body).toMatchObject({ duplicate: true });
    // X-Shopify-Topic is not signed either; an order is created once, so the swap changes nothing.
    expect((await post(ep, update, { ...freshUnsigned.shopify(updateHeaders), 'x-shopify-topic': 'orders/create' })).body).toMatchObject({ duplicate: true });
    await settle();
    expect(await observe(ep, s.person.email)).toEqual(updated);
  });
});
