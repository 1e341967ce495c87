import { randomInt } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, ManualClock } from '@/domain/clock';
import { MAX_DELIVERY_ATTEMPTS, backoffMs } from '@/domain/integrations/retry-policy';
import { jsonWithBigInts, shopifyOrder, shopifyRefund } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { retryDeliveriesTask, retryDueDeliveries } from '@/server/services/ingest/retry-deliveries';
import { replayDelivery } from '@/server/services/integrations/replay-delivery';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

let t: TestTenant;
let ep: TestEndpoint;
beforeAll(async () => {
  t = await createTestTenant('Retry');
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
});

// Scoped to this file's tenant, so other test files' deliveries in the shared emulator are left alone.
const tick = (clock: ManualClock) => retryDueDeliveries({ clock, log: logger(), deadline: Date.now() + 30_000, orgId: t.orgId });

/** A tick's dependencies whose deadline has passed from the (reads + 1)th time the tick reads it. */
function cutOffAfter(reads: number) {
  let n = 0;
  return {
    clock: new ManualClock(Date.now()),
    log: logger(),
    orgId: t.orgId,
    get deadline() {
      n += 1;
      return n <= reads ? Date.now() + 30_000 : 0;
    },
  };
}

/** An order acknowledged at `receivedAt` whose instance never processed it (stored as the receiver stores it). */
async function storeUnprocessed(receivedAt: Date) {
  const { storeDelivery } = await import('@/server/services/ingest/store-delivery');
  const { delivery } = await storeDelivery({
    orgId: t.orgId,
    source: 'shopify',
    endpointId: ep.id,
    apiKeyId: null,
    dedupeKey: `orphan-${randomInt(1e9)}`,
    senderDeliveryId: null,
    topic: 'orders/create',
    eventKey: `orphan-${randomInt(1e9)}`,
    headers: {},
    contentType: 'application/json',
    raw: Buffer.from(jsonWithBigInts(shopifyOrder({ now: new Date(), uid: randomInt(1, 800_000) }))),
    receivedAt,
    ignoredReason: null,
  });
  return delivery;
}

describe('failed deliveries', () => {
  it('are retried with exponential backoff, dead-lettered after the last attempt, and complete on replay', async () => {
    const u = randomInt(1, 800_000);
    // A refund for an order nobody has sent yet: processing fails until the order exists.
    const res = await deliver(ep, jsonWithBigInts(shopifyRefund({ now: new Date(), uid: u, amountCents: 700 })), { topic: 'refunds/create' });
    expect(res.status).toBe(200);
    await settle();
    const deliveries = tenantDb(t.orgId).deliveries;
    let d = await deliveries.getOrThrow(res.body.deliveryId);
    expect(d).toMatchObject({ status: 'failed', attempts: 1 });
    expect(d.lastError).toMatch(/not known yet/);
    const clock = new ManualClock(d.nextAttemptAt!.getTime() - 1000);
    expect(d.nextAttemptAt!.getTime() - d.attemptLog[0]!.at.getTime()).toBe(backoffMs(1));

    // Not yet due: the tick leaves it alone.
    await tick(clock);
    expect((await deliveries.getOrThrow(d.id)).attempts).toBe(1);

    for (let attempt = 2; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      clock.set(d.nextAttemptAt!.getTime() + 1000);
      await tick(clock);
      d = await deliveries.getOrThrow(d.id);
      expect(d.attempts).toBe(attempt);
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(d.status).toBe('failed');
        expect(d.nextAttemptAt!.getTime() - clock.now().getTime()).toBe(backoffMs(attempt));
      }
    }
    expect(d).toMatchObject({ status: 'dead_letter', nextAttemptAt: null });
    expect(d.attemptLog.map((a) => a.by)).toEqual(['receiver', 'retry', 'retry', 'retry', 'retry', 'retry']);
    const note = (await tenantDb(t.orgId).notifications.ref.where('sourceId', '==', d.id).get()).docs.map((x) => x.data());
    expect(note).toHaveLength(1);
    expect(note[0]).toMatchObject({ kind: 'delivery_dead_letter', link: `/dashboard/integrations/deliveries/${d.id}` });

    // Much later the tick still leaves a dead letter alone.
    clock.advance(10_000 * MINUTE);
    await tick(clock);
    expect((await deliveries.getOrThrow(d.id)).attempts).toBe(MAX_DELIVERY_ATTEMPTS);

    // The order arrives; an admin replays the dead letter and it completes.
    await deliver(ep, jsonWithBigInts(shopifyOrder({ now: new Date(), uid: u })), { topic: 'orders/create' });
    await settle();
    await (await replayDelivery(t.ctx('admin'), d.id)).followUp.run();
    d = await deliveries.getOrThrow(d.id);
    expect(d).toMatchObject({ status: 'processed', attempts: MAX_DELIVERY_ATTEMPTS + 1, lastError: null, replayedBy: t.users.admin.uid });
    const order = (
      await tenantDb(t.orgId)
        .orders.ref.where('externalId', '==', `shopify:${9_007_199_254_740_993n + 2_000_000_000n + BigInt(u)}`)
        .get()
    ).docs[0]!.data();
    expect(order.refundedCents).toBe(700);
  });

  it('a replay of a processed delivery changes nothing and dispatches nothing twice', async () => {
    const res = await deliver(
      ep,
      jsonWithBigInts(
        shopifyOrder({
          now: new Date(),
          uid: randomInt(1, 800_000),
          customerId: randomInt(1, 800_000),
          person: { firstName: 'Re', lastName: 'Play', email: `replay-${randomInt(1e6)}@example.com`, phone: '(734) 220-1188' },
        }),
      ),
      { topic: 'orders/create' },
    );
    await settle();
    const first = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
    const event = await tenantDb(t.orgId).events.getOrThrow(first.eventIds[0]!);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(event.customerId!);
    await (await replayDelivery(t.ctx('admin'), first.id)).followUp.run();
    const again = await tenantDb(t.orgId).deliveries.getOrThrow(first.id);
    expect(again).toMatchObject({ status: 'processed', attempts: 2, eventIds: first.eventIds });
    expect((await tenantDb(t.orgId).events.getOrThrow(event.id)).dispatchedAt).toEqual(event.dispatchedAt);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customer.id)).orderCount).toBe(customer.orderCount);
  });

  it('a delivery acknowledged by an instance that died before processing is picked up by the tick', async () => {
    const delivery = await storeUnprocessed(new Date(Date.now() - 10 * MINUTE));
    expect(delivery.status).toBe('received');
    // The tick's own task (every tenant) picks it up.
    await retryDeliveriesTask.run({ clock: new ManualClock(Date.now()), log: logger(), deadline: Date.now() + 30_000 });
    expect(await tenantDb(t.orgId).deliveries.getOrThrow(delivery.id)).toMatchObject({ status: 'processed', attempts: 1 });
  });

  it('a malformed payload with a valid signature is dead-lettered at once with the field that is wrong', async () => {
    const res = await deliver(ep, '{"id": 1, "total_price": "lots", "created_at": "2025-01-01T00:00:00Z", "line_items": []}', { topic: 'orders/create' });
    expect(res.status).toBe(200);
    await settle();
    const d = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
    expect(d.status).toBe('dead_letter');
    expect(d.lastError).toMatch(/total_price/);
  });

  it('deliveries a tick claimed but had no time for are handed back, due at once, and the next tick processes them', async () => {
    const stored = [];
    for (let i = 0; i < 3; i++) stored.push(await storeUnprocessed(new Date(Date.now() - (30 - i) * MINUTE)));
    // The page is fetched and claimed as a whole; the deadline then passes after the first delivery is taken up.
    const deps = cutOffAfter(2);
    const report = await retryDueDeliveries(deps);
    expect(report).toMatchObject({ processed: 1, leftForNextTick: 2 });
    const db = tenantDb(t.orgId);
    expect(await db.deliveries.getOrThrow(stored[0]!.id)).toMatchObject({ status: 'processed' });
    for (const left of stored.slice(1)) {
      // Back as the tick found it, due now rather than at the end of the claim's lease; the live list agrees.
      const d = await db.deliveries.getOrThrow(left.id);
      expect(d).toMatchObject({ status: 'received', attempts: 0 });
      expect(d.nextAttemptAt!.getTime()).toBeLessThanOrEqual(deps.clock.now().getTime());
      expect(await db.deliveryFeed.getOrThrow(left.id)).toMatchObject({ status: 'received' });
    }
    expect(await tick(new ManualClock(Date.now()))).toMatchObject({ processed: 2, leftForNextTick: 0 });
    for (const left of stored.slice(1)) expect(await db.deliveries.getOrThrow(left.id)).toMatchObject({ status: 'processed', attempts: 1 });
  });

  it('the page a tick fetched and claimed ahead is handed back too when the deadline passes', async () => {
    // One full page (100) and two more: the second page is fetched, and claimed, while the first is worked.
    const receivedAt = Date.now() - 60 * MINUTE;
    const stored = await Promise.all(Array.from({ length: 102 }, (_, i) => storeUnprocessed(new Date(receivedAt + i * 1000))));
    // Reads of the deadline: before the first page, before fetching the next, the first delivery's; then it has passed.
    const deps = cutOffAfter(3);
    expect(await retryDueDeliveries(deps)).toMatchObject({ due: 100, processed: 1, leftForNextTick: 99 });
    const db = tenantDb(t.orgId);
    const after = await Promise.all(stored.map((d) => db.deliveries.getOrThrow(d.id)));
    expect(after.filter((d) => d.status === 'processed')).toHaveLength(1);
    const back = after.filter((d) => d.status !== 'processed');
    expect(back).toHaveLength(101);
    for (const d of back) {
      expect(d.status).toBe('received');
      expect(d.nextAttemptAt!.getTime()).toBeLessThanOrEqual(deps.clock.now().getTime());
    }
    // The ahead page's two are among them (the last received), and the next tick takes all 101.
    expect(back.map((d) => d.id)).toEqual(expect.arrayContaining([stored[100]!.id, stored[101]!.id]));
    expect(await tick(new ManualClock(Date.now()))).toMatchObject({ processed: 101, leftForNextTick: 0 });
  });
});
