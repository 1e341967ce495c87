import { randomInt } from 'node:crypto';
import { expect, it, vi } from 'vitest';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { jsonWithBigInts, shopifyOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { processingLimiter } from '@/server/services/ingest/process-delivery';
import { receiveWebhook } from '@/server/services/ingest/receive-webhook';
import { uniquePhone } from '../support/messaging';
import { createTestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

async function receiveOne(t: Awaited<ReturnType<typeof createTestTenant>>, endpointId: string, label: string) {
  const endpoint = (await tenantDb(t.orgId).endpoints.get(endpointId))!;
  const uid = randomInt(1, 1e9);
  const body = jsonWithBigInts(
    shopifyOrder({
      now: new Date(),
      uid,
      customerId: uid,
      person: { firstName: 'Queued', lastName: label, email: `queued-${uid}@example.com`, phone: uniquePhone() },
    }),
  );
  const receipt = await receiveWebhook(t.ctx('admin'), {
    provider: 'shopify',
    endpoint,
    raw: new TextEncoder().encode(body),
    headers: { 'x-shopify-topic': 'orders/create', 'content-type': 'application/json' },
  });
  if (receipt.outcome !== 'accepted' || !receipt.followUp.queue) throw new Error(`not queued: ${JSON.stringify(receipt)}`);
  return { id: receipt.deliveryId, queue: receipt.followUp.queue };
}

const statusOf = async (orgId: string, id: string) => (await tenantDb(orgId).deliveries.get(id))?.status;

// Inside Next, an acknowledged delivery's after() callback only queues it (FollowUp.queue) and
// ends; nothing awaits its processing. These deliveries must be processed all the same, the ones
// beyond the instance's limit when a slot frees (docs/webhooks.md).
it('queued deliveries are all processed, those beyond the limit in their turn', { timeout: 120_000 }, async () => {
  const t = await createTestTenant('Ingest queue');
  const ep = await makeEndpoint(t.ctx('admin'), 'shopify', { rateLimitPerMinute: 100_000 });
  // More than the limit (INGEST_CONCURRENCY, 4 by default), so some wait for a slot; each
  // receipt carries the queue function Next's after() callback calls.
  const received = [];
  for (let i = 0; i < 10; i++) received.push(await receiveOne(t, ep.id, `Buyer ${i}`));
  const ids = received.map((r) => r.id);
  const queues = received.map((r) => r.queue);
  // Queued all at once, as a burst's after() callbacks do; each returns at once.
  for (const queue of queues) expect(queue()).toBeUndefined();
  expect(processingLimiter().waiting).toBeGreaterThan(0);
  const started = Date.now();
  let statuses: Array<string | undefined> = [];
  for (;;) {
    statuses = await Promise.all(ids.map(async (id) => (await tenantDb(t.orgId).deliveries.get(id))?.status));
    if (statuses.every((s) => s === 'processed') || Date.now() - started > 60_000) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  expect(statuses).toEqual(ids.map(() => 'processed'));
  expect(processingLimiter().waiting).toBe(0);
  expect(processingLimiter().full).toBe(false);
});

// A delivery that waited in the queue past half the processing lease may have been taken over by
// the tick (its lease ran out): it asks for its status first and leaves one no longer received.
it('a delivery that waited past half the lease is left to the tick when the tick took it; one still received is processed', { timeout: 120_000 }, async () => {
  const t = await createTestTenant('Ingest queue, long wait');
  const ep = await makeEndpoint(t.ctx('admin'), 'shopify', { rateLimitPerMinute: 100_000 });
  const taken = await receiveOne(t, ep.id, 'Taken');
  const kept = await receiveOne(t, ep.id, 'Kept');
  // Every slot busy, so both wait; queued "a lease ago" (only Date is faked, and only while queueing).
  let open!: () => void;
  const gate = new Promise<void>((r) => (open = r));
  const limiter = processingLimiter();
  while (!limiter.full) limiter.start(() => gate);
  vi.useFakeTimers({ toFake: ['Date'] });
  try {
    vi.setSystemTime(Date.now() - PROCESSING_LEASE_MS);
    taken.queue();
    kept.queue();
  } finally {
    vi.useRealTimers();
  }
  // Meanwhile the tick claims one, as it does once the lease has passed.
  await tenantDb(t.orgId).deliveries.update(taken.id, { status: 'processing' });
  open();
  const started = Date.now();
  while ((await statusOf(t.orgId, kept.id)) !== 'processed' && Date.now() - started < 60_000) await new Promise((r) => setTimeout(r, 200));
  expect(await statusOf(t.orgId, kept.id)).toBe('processed');
  while (limiter.waiting > 0 || limiter.full) await new Promise((r) => setTimeout(r, 100));
  const left = (await tenantDb(t.orgId).deliveries.get(taken.id))!;
  expect(left.status).toBe('processing');
  expect(left.attempts).toBe(0);
});
