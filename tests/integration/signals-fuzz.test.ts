import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Provider } from '@/domain/integrations/endpoint';
import {
  alleavesEnvelope,
  alleavesOrder,
  jsonWithBigInts,
  shopifyCheckout,
  shopifyOrder,
  standardOrderEvent,
  wooJson,
  wooOrder,
} from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { RECEIVERS, deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// Property-based fuzzing of bodies and headers against the real receivers and the emulator:
// never a 5xx, and never a partial write (nothing stored unless verified; a delivery that does
// not process leaves no events, customers or orders behind).

let t: TestTenant;
const eps = {} as Record<Provider, TestEndpoint>;
const PROVIDERS: Provider[] = ['alleaves', 'shopify', 'woocommerce', 'standard'];

beforeAll(async () => {
  t = await createTestTenant('Fuzz');
  for (const p of PROVIDERS) eps[p] = await makeEndpoint(t.ctx('admin'), p, { rateLimitPerMinute: 1_000_000 });
});

async function counts() {
  const tdb = tenantDb(t.orgId);
  const [d, e, c, o] = await Promise.all([
    tdb.deliveries.ref.count().get(),
    tdb.events.ref.count().get(),
    tdb.customers.ref.count().get(),
    tdb.orders.ref.count().get(),
  ]);
  return { deliveries: d.data().count, events: e.data().count, customers: c.data().count, orders: o.data().count };
}

const headerName = fc.constantFrom(
  'x-shopify-hmac-sha256',
  'x-shopify-topic',
  'x-wc-webhook-signature',
  'x-wc-webhook-topic',
  'x-alleaves-signature',
  'x-alleaves-timestamp',
  'webhook-id',
  'webhook-timestamp',
  'webhook-signature',
  'content-type',
  'x-shopify-webhook-id',
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.base64String({ maxLength: 60 }),
  fc.constantFrom('sha256=', 'v1,', 'orders/create', '0', '-1', '99999999999999999999'),
);
const headers = fc.dictionary(
  headerName,
  headerValue.map((v) => v.replace(/[^\x20-\x7e]/g, '')),
  { maxKeys: 6 },
);
const body = fc.oneof(
  fc.string({ maxLength: 400 }),
  fc.json({ maxDepth: 3 }),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);

function validBody(p: Provider, uid: number): { body: string; topic: string | null } {
  const now = new Date();
  switch (p) {
    case 'shopify':
      return uid % 2
        ? { body: jsonWithBigInts(shopifyOrder({ now, uid })), topic: 'orders/create' }
        : { body: jsonWithBigInts(shopifyCheckout({ now, uid })), topic: 'checkouts/create' };
    case 'woocommerce':
      return { body: wooJson(wooOrder({ now, uid })), topic: 'order.created' };
    case 'alleaves':
      return { body: JSON.stringify(alleavesEnvelope('order.created', { now, uid }, { order: alleavesOrder({ now, uid }) })), topic: null };
    case 'standard':
      return { body: JSON.stringify(standardOrderEvent({ now, uid })), topic: null };
  }
}

/** Replaces the value at a random path of a JSON document with garbage. */
function mutate(json: string, pick: number, garbage: unknown): string {
  const doc = JSON.parse(json) as unknown;
  const paths: Array<Array<string | number>> = [];
  const walk = (v: unknown, path: Array<string | number>) => {
    paths.push(path);
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...path, i]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, [...path, k]);
  };
  walk(doc, []);
  const path = paths[1 + (pick % (paths.length - 1))]!;
  let parent = doc as Record<string | number, unknown>;
  for (const k of path.slice(0, -1)) parent = parent[k] as Record<string | number, unknown>;
  parent[path.at(-1)!] = garbage;
  return JSON.stringify(doc);
}

describe('fuzzing the receivers', () => {
  it('unsigned or wrongly signed requests: never a 5xx, never anything stored', async () => {
    const before = await counts();
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...PROVIDERS), body, headers, async (p, b, h) => {
        const res = await call(RECEIVERS[p], { method: 'POST', rawBody: b, headers: h, params: { endpointId: eps[p].id } });
        expect(res.status).toBeLessThan(500);
        // The only unsigned request answered 2xx is WooCommerce's ping, which stores nothing.
        if (res.status < 300) expect(p === 'woocommerce' && /^webhook_id=\d+$/.test(b.trim())).toBe(true);
      }),
      { numRuns: 150 },
    );
    await settle();
    expect(await counts()).toEqual(before);
  });

  it('correctly signed garbage: never a 5xx; what is stored ends processed, ignored or dead-lettered with nothing half-written', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROVIDERS),
        fc.integer({ min: 1, max: 900_000 }),
        fc.nat(),
        fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.constant(null), fc.constant(-1), fc.array(fc.string(), { maxLength: 2 }), fc.constant({})),
        fc.boolean(),
        async (p, uid, pick, garbage, raw) => {
          const valid = validBody(p, uid);
          const b = raw ? JSON.stringify(garbage) : mutate(valid.body, pick, garbage);
          const before = await counts();
          const res = await deliver(eps[p], b, { topic: valid.topic });
          expect(res.status).toBeLessThan(500);
          await settle();
          // Refused, or a duplicate: fast-check repeats small ids, and a signed id already seen is the
          // same delivery by the sender's contract, even when the rest of the body differs.
          if (res.status >= 300 || res.body.duplicate === true) {
            expect(await counts()).toEqual(before);
            return;
          }
          const d = await tenantDb(t.orgId).deliveries.getOrThrow(res.body.deliveryId);
          expect(['processed', 'ignored', 'dead_letter', 'failed']).toContain(d.status);
          expect(Buffer.from(d.body).toString('utf8')).toBe(b);
          if (d.status !== 'processed') {
            const after = await counts();
            expect({ ...after, deliveries: before.deliveries }).toEqual(before);
            expect((await tenantDb(t.orgId).events.ref.where('deliveryId', '==', d.id).get()).size).toBe(0);
          }
        },
      ),
      { numRuns: 120 },
    );
    // 120 signed deliveries, each processed and settled (attribution included) before the next.
  }, 180_000);
});
