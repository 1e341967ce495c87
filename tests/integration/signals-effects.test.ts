import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINUTE } from '@/domain/clock';
import { alleavesEnvelope, alleavesOrder, jsonWithBigInts, shopifyCustomer, shopifyOrder, shopifyRefund, wooJson, wooOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { seedCustomer } from '../support/fixtures';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

let t: TestTenant;
let shopify: TestEndpoint;
let alleaves: TestEndpoint;
let woo: TestEndpoint;

beforeAll(async () => {
  t = await createTestTenant('Effects');
  [shopify, alleaves, woo] = await Promise.all([
    makeEndpoint(t.ctx('admin'), 'shopify'),
    makeEndpoint(t.ctx('admin'), 'alleaves'),
    makeEndpoint(t.ctx('admin'), 'woocommerce'),
  ]);
});

const person = (tag: string) => ({
  firstName: 'Robin',
  lastName: `Tester-${tag}`,
  email: `robin.${tag}@example.com`,
  phone: `(586) 2${String(randomInt(10, 99))}-${String(randomInt(1000, 9999))}`,
});

async function customersWithEmail(email: string) {
  return (await tenantDb(t.orgId).customers.ref.where('email', '==', email).get()).docs.map((d) => d.data());
}

async function ordersOf(customerId: string) {
  return (await tenantDb(t.orgId).orders.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
}

describe('identity resolution', () => {
  it('the same person from Alleaves and from Shopify is one profile with both external ids', async () => {
    const p = person(`id${randomInt(1e6)}`);
    const u = randomInt(1, 800_000);
    // Shopify knows the person by email and E.164 phone; Alleaves by its own id and a typed phone.
    expect(
      (await deliver(shopify, jsonWithBigInts(shopifyCustomer({ now: new Date(), uid: u, customerId: u, person: p })), { topic: 'customers/create' })).status,
    ).toBe(200);
    await settle();
    const alleavesBody = JSON.stringify(
      alleavesEnvelope(
        'order.created',
        { now: new Date(), uid: u },
        { order: alleavesOrder({ now: new Date(), uid: u, customerId: u, person: { ...p, email: '' } }) },
      ),
    );
    expect((await deliver(alleaves, alleavesBody)).status).toBe(200);
    await settle();
    const [c, ...more] = await customersWithEmail(p.email);
    expect(more).toHaveLength(0);
    expect(c!.externalIds.sort()).toEqual([`alleaves:${u}`, `shopify:${9_007_199_254_740_993n + 1_000_000_000n + BigInt(u)}`].sort());
    expect(c!.consent.sms).toMatchObject({ status: 'opted_in', source: 'shopify' });
    expect(c!.orderCount).toBe(1);
  });

  it('matches a customer the seed or an import created, by phone, without creating another', async () => {
    const p = person(`seed${randomInt(1e6)}`);
    const { normalizePhone } = await import('@/domain/phone');
    const id = await seedCustomer(t.orgId, { firstName: 'Walk', lastName: 'In', phone: normalizePhone(p.phone), email: null });
    const u = randomInt(1, 800_000);
    await deliver(woo, wooJson(wooOrder({ now: new Date(), uid: u, customerId: u, person: p })), { topic: 'order.created' });
    await settle();
    const c = await tenantDb(t.orgId).customers.getOrThrow(id);
    expect(c.externalIds).toEqual([`woocommerce:${u}`]);
    expect(c.email).toBe(p.email);
    expect(c.firstName).toBe('Walk');
    expect(await customersWithEmail(p.email)).toHaveLength(1);
  });
});

describe('orders and aggregates', () => {
  it('five redeliveries of one delivery: stored and processed once', async () => {
    const p = person(`redeliver${randomInt(1e6)}`);
    const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid: randomInt(1, 800_000), person: p, customerId: randomInt(1, 800_000) }));
    const responses = [];
    for (let i = 0; i < 5; i++)
      responses.push(await deliver(shopify, body, { topic: 'orders/create', deliveryId: 'same-webhook-id-1', eventId: 'same-event-1' }));
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(responses.slice(1).every((r) => r.body.duplicate === true)).toBe(true);
    await settle();
    const [c] = await customersWithEmail(p.email);
    expect(c!.orderCount).toBe(1);
    const deliveries = (await tenantDb(t.orgId).deliveries.ref.where('senderDeliveryId', '==', 'same-webhook-id-1').get()).docs.map((d) => d.data());
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.attempts).toBe(1);
    // The order's event, and the points it earned and the tier it joined: each stored once.
    const events = (await tenantDb(t.orgId).events.ref.where('customerId', '==', c!.id).get()).docs;
    expect(events.map((d) => d.data().name).sort()).toEqual(['customer.segment_changed', 'loyalty.points_earned', 'loyalty.tier_changed', 'order.created']);
  });

  it('the same Shopify event under a new webhook id (to a second subscription) is a duplicate: not a second delivery, event or order', async () => {
    const p = person(`event${randomInt(1e6)}`);
    const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid: randomInt(1, 800_000), person: p, customerId: randomInt(1, 800_000) }));
    const first = await deliver(shopify, body, { topic: 'orders/create', deliveryId: `w1-${p.email}`, eventId: `ev-${p.email}` });
    const second = await deliver(shopify, body, { topic: 'orders/create', deliveryId: `w2-${p.email}`, eventId: `ev-${p.email}` });
    expect(second.body).toMatchObject({ duplicate: true, deliveryId: first.body.deliveryId });
    await settle();
    const [c] = await customersWithEmail(p.email);
    // The order, its points, the tier joined and the segment entered (New), each once.
    expect((await tenantDb(t.orgId).events.ref.where('customerId', '==', c!.id).get()).size).toBe(4);
    expect(c!.orderCount).toBe(1);
    expect(c!.segment).toBe('New');
    expect(c!.pointsBalance).toBeGreaterThan(0);
  });

  it('50 parallel deliveries for one customer: one profile with exact aggregates', async () => {
    const p = person(`parallel${randomInt(1e6)}`);
    const cid = randomInt(1, 800_000);
    const base = randomInt(1, 700_000);
    const bodies = Array.from({ length: 50 }, (_, i) =>
      jsonWithBigInts(shopifyOrder({ now: new Date(Date.UTC(2025, 0, 1 + i)), uid: base + i, person: p, customerId: cid })),
    );
    const results = await Promise.all(bodies.map((b) => deliver(shopify, b, { topic: 'orders/create' })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await settle();
    const customers = await customersWithEmail(p.email);
    expect(customers).toHaveLength(1);
    const c = customers[0]!;
    const orders = await ordersOf(c.id);
    expect(orders).toHaveLength(50);
    const total = orders.reduce((s, o) => s + o.totalCents, 0);
    expect(c.orderCount).toBe(50);
    expect(c.lifetimeValueCents).toBe(total);
    expect(c.avgOrderValueCents).toBe(Math.round(total / 50));
    expect(c.firstOrderAt?.toISOString().slice(0, 10)).toBe('2025-01-01');
    expect(c.lastOrderAt?.toISOString().slice(0, 10)).toBe('2025-02-19');
    const statuses = (await tenantDb(t.orgId).deliveries.ref.where('endpointId', '==', shopify.id).where('status', '==', 'failed').get()).size;
    expect(statuses).toBe(0);
  });

  it('an order.updated that arrives before its order.created is applied, and the older create never overwrites it', async () => {
    const p = person(`ooo${randomInt(1e6)}`);
    const u = randomInt(1, 800_000);
    const created = new Date(Date.now() - 30 * MINUTE);
    const later = new Date(Date.now() - 5 * MINUTE);
    const update = JSON.stringify(
      alleavesEnvelope(
        'order.updated',
        { now: later, uid: u },
        { order: alleavesOrder({ now: created, updatedAt: later, uid: u, customerId: u, person: p, status: 'cancelled' }) },
      ),
    );
    const create = JSON.stringify(
      alleavesEnvelope(
        'order.created',
        { now: created, uid: u },
        { order: alleavesOrder({ now: created, uid: u, customerId: u, person: p, status: 'completed' }) },
      ),
    );
    await deliver(alleaves, update);
    await settle();
    await deliver(alleaves, create);
    await settle();
    const [c] = await customersWithEmail(p.email);
    const [order, ...more] = await ordersOf(c!.id);
    expect(more).toHaveLength(0);
    expect(order!.status).toBe('cancelled');
    expect(c!.orderCount).toBe(0);
    expect(c!.lifetimeValueCents).toBe(0);
    const names = (await tenantDb(t.orgId).events.ref.where('customerId', '==', c!.id).get()).docs.map((d) => d.data().name).sort();
    expect(names).toEqual(['customer.segment_changed', 'order.created', 'order.updated']);
  });

  it('a refund subtracts from lifetime value, counted once however it is reported', async () => {
    const p = person(`refund${randomInt(1e6)}`);
    const u = randomInt(1, 800_000);
    const cid = randomInt(1, 800_000);
    await deliver(shopify, jsonWithBigInts(shopifyOrder({ now: new Date(), uid: u, person: p, customerId: cid })), { topic: 'orders/create' });
    await settle();
    const [before] = await customersWithEmail(p.email);
    const refund = shopifyRefund({ now: new Date(), uid: u, amountCents: 1500 });
    await deliver(shopify, jsonWithBigInts(refund), { topic: 'refunds/create' });
    // Shopify then reports the same refund inside orders/updated.
    await deliver(
      shopify,
      jsonWithBigInts({
        ...shopifyOrder({ now: new Date(), uid: u, person: p, customerId: cid, updatedAt: new Date(Date.now() + 1000) }),
        financial_status: 'partially_refunded',
        refunds: [refund],
      }),
      { topic: 'orders/updated' },
    );
    await settle();
    const [after] = await customersWithEmail(p.email);
    expect(after!.lifetimeValueCents).toBe(before!.lifetimeValueCents - 1500);
    expect(after!.orderCount).toBe(1);
    const [order] = await ordersOf(after!.id);
    expect(order).toMatchObject({ status: 'partially_refunded', refundedCents: 1500 });
    const names = (await tenantDb(t.orgId).events.ref.where('customerId', '==', after!.id).get()).docs.map((d) => d.data().name).sort();
    expect(names).toEqual(['customer.segment_changed', 'loyalty.points_earned', 'loyalty.tier_changed', 'order.created', 'order.refunded', 'order.updated']);
  });

  it('a full refund takes the order out of the count', async () => {
    const p = person(`fullrefund${randomInt(1e6)}`);
    const u = randomInt(1, 800_000);
    await deliver(woo, wooJson(wooOrder({ now: new Date(), uid: u, person: p, customerId: randomInt(1, 800_000) })), { topic: 'order.created' });
    await settle();
    await deliver(
      woo,
      wooJson(
        wooOrder({ now: new Date(), uid: u, person: p, status: 'refunded', refunds: [{ id: u, totalCents: 5830 }], modified: new Date(Date.now() + 60_000) }),
      ),
      { topic: 'order.updated' },
    );
    await settle();
    const [c] = await customersWithEmail(p.email);
    expect(c).toMatchObject({ orderCount: 0, lifetimeValueCents: 0, firstOrderAt: null });
    const [order] = await ordersOf(c!.id);
    expect(order).toMatchObject({ status: 'refunded', refundedCents: 5830 });
  });
});
