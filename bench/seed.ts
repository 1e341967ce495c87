// Seeds the work the tick benchmarks give one tick: waiting runs, deferred sends, failed deliveries.
// Documents are written directly (in batches) so seeding 10,000 of each takes seconds.
import { randomUUID } from 'node:crypto';
import type { Firestore, WriteBatch } from 'firebase-admin/firestore';
import { ManualClock, systemClock } from '../src/domain/clock';
import { newCustomer } from '../src/domain/customer';
import { systemActor } from '../src/domain/roles';
import { jsonWithBigInts, shopifyOrder } from '../src/domain/signals/samples';
import { tenantDb } from '../src/server/db/tenant-db';
import { sendMessage } from '../src/server/services/messaging/send-message';
import { createEndpoint } from '../src/server/services/integrations/create-endpoint';
import { createTenant } from '../src/server/services/tenants/create-tenant';
import { signDelivery } from '../src/server/services/ingest/sign-delivery';
import { sha256Hex, storeDelivery } from '../src/server/services/ingest/store-delivery';
import { deliveryKeys } from '../src/domain/integrations/delivery-keys';
import { parseJsonLossless } from '../src/domain/signals/parse-json';
import { pool } from './lib';

export async function writeAll(db: Firestore, n: number, make: (i: number, batch: WriteBatch) => void) {
  const pending: Promise<unknown>[] = [];
  for (let start = 0; start < n; start += 400) {
    const batch = db.batch();
    for (let i = start; i < Math.min(n, start + 400); i++) make(i, batch);
    pending.push(batch.commit());
    if (pending.length >= 8) await Promise.all(pending.splice(0));
  }
  await Promise.all(pending);
}

/** `n` customers bench-0 … with an email they agreed to marketing on, adults; a phone if `phoneOf` gives one (E.164). */
export async function seedCustomers(db: Firestore, orgId: string, n: number, now: Date, phoneOf: (i: number) => string | null = () => null) {
  const tdb = tenantDb(orgId);
  await writeAll(db, n, (i, batch) =>
    batch.set(
      tdb.customers.doc(`bench-${i}`),
      newCustomer(
        {
          id: `bench-${i}`,
          firstName: 'Wait',
          lastName: `Er ${i}`,
          email: `waiter-${i}@example.com`,
          phone: phoneOf(i),
          dateOfBirth: '1980-01-01',
          tags: [],
          externalIds: [],
          consent: { email: { status: 'opted_in', source: 'bench', at: now }, sms: { status: 'unknown', source: 'bench', at: null } },
          source: 'manual',
        },
        now,
      ),
    ),
  );
}

/** `n` runs of `playbookId` waiting on a step that is due (its wait ended a minute ago). */
export async function seedWaitingRuns(db: Firestore, orgId: string, playbookId: string, n: number, now: Date) {
  const tdb = tenantDb(orgId);
  const due = new Date(now.getTime() - 60_000);
  await writeAll(db, n, (i, batch) =>
    batch.set(tdb.runs.doc(`run-bench-${i}`), {
      id: `run-bench-${i}`,
      playbookId,
      playbookName: 'Resume',
      version: 1,
      trigger: { type: 'manual', eventName: null, eventId: null },
      keyKind: 'customerId',
      runKey: `bench-${i}`,
      customerId: `bench-${i}`,
      status: 'waiting',
      cursor: 'tag',
      resumeAt: due,
      waitingFor: null,
      exitEvents: [],
      context: { event: null, customer: null, vars: {} },
      stepResults: [
        {
          stepId: 'wait',
          action: 'wait',
          status: 'done',
          startedAt: due,
          finishedAt: due,
          ms: 0,
          detail: 'Waiting 1 minute',
          skipReason: null,
          branch: null,
          refs: {},
        },
      ],
      lease: null,
      attempts: 0,
      failures: 0,
      error: null,
      exitedBy: null,
      pendingExit: null,
      dryRun: false,
      startedAt: due,
      updatedAt: due,
      finishedAt: null,
    }),
  );
}

/**
 * `n` marketing emails of the runs above, deferred for quiet hours and now due. One is made by the
 * real send service at 03:00 in the dispensary's zone; the rest are copies of it for the other
 * customers and runs.
 */
export async function seedDeferredSends(db: Firestore, orgId: string, playbookId: string, n: number, timeZone: string): Promise<string[]> {
  const tdb = tenantDb(orgId);
  const night = nightIn(timeZone);
  const ctx = { orgId, actor: systemActor('bench'), clock: new ManualClock(night) };
  const first = await sendMessage(ctx, {
    customerId: 'bench-0',
    channel: 'email',
    kind: 'marketing',
    content: { subject: 'A note for {{ customer.first_name }}', body: '<p>Fresh drops this week.</p>' },
    idempotencyKey: 'bench-deferred-0',
    source: { type: 'playbook', runId: 'run-bench-0', stepId: 'tag', playbookId },
  });
  if (first.status !== 'deferred') throw new Error(`the seed send was ${first.status}, not deferred: ${first.decision.detail}`);
  const raw = (await db.doc(`${tdb.base}/sends/${first.id}`).get()).data()!;
  const due = new Date(Date.now() - 60_000);
  const ids = Array.from({ length: n }, (_, i) => `snd_bench_${i}`);
  await writeAll(db, n, (i, batch) =>
    batch.set(db.doc(`${tdb.base}/sends/${ids[i]}`), {
      ...raw,
      customerId: `bench-${i}`,
      to: `waiter-${i}@example.com`,
      idempotencyKey: `bench-deferred-${i}`,
      trackToken: randomUUID().replace(/-/g, '').slice(0, 16),
      source: { type: 'playbook', runId: `run-bench-${i}`, stepId: 'tag', playbookId },
      dueAt: due,
    }),
  );
  await db.doc(`${tdb.base}/sends/${first.id}`).delete();
  return ids;
}

/** 03:00 tonight in the zone: inside quiet hours whatever the send window. */
function nightIn(timeZone: string): Date {
  const now = new Date();
  const hour = Number(new Intl.DateTimeFormat('en-US', { timeZone, hour: 'numeric', hourCycle: 'h23' }).format(now));
  return new Date(now.getTime() + (((27 - hour) % 24) * 60 - now.getUTCMinutes()) * 60_000);
}

/** `n` signed Shopify orders stored as deliveries that failed once and are due for their retry. */
export async function seedFailedDeliveries(
  db: Firestore,
  orgId: string,
  endpoint: { id: string; secret: string },
  n: number,
  uidBase: number,
): Promise<string[]> {
  const tdb = tenantDb(orgId);
  const ids: string[] = [];
  await pool(n, 16, async (i) => {
    const uid = uidBase + i;
    const person = { firstName: 'Retry', lastName: `Buyer ${uid}`, email: `retry-${uid}@example.com`, phone: phoneFor(uid) };
    ids.push((await storeShopifyOrder(orgId, endpoint, { uid, customerId: uid, person })).id);
  });
  const due = new Date(Date.now() - 60_000);
  await writeAll(db, ids.length, (i, batch) =>
    batch.update(db.doc(`${tdb.base}/webhook_deliveries/${ids[i]}`), { status: 'failed', attempts: 1, lastError: 'bench: failed once', nextAttemptAt: due }),
  );
  return ids;
}

type ShopifyPerson = NonNullable<Parameters<typeof shopifyOrder>[0]['person']>;

/**
 * A dispensary as the pipeline benches use one: a Shopify endpoint with no rate limit to speak of,
 * and the sample catalogue, so the sample orders' line items link by SKU as a real store's do.
 */
export async function shopifyTenant(name: string, timeZone = 'America/Detroit') {
  const t = await createTenant({ clock: systemClock }, { name, timeZone });
  const ctx = { orgId: t.id, actor: systemActor('bench'), clock: systemClock };
  const { endpoint, secret } = await createEndpoint(ctx, { provider: 'shopify', name: 'Bench', rateLimitPerMinute: 1_000_000 });
  await seedCatalog(t.id);
  return { ctx, orgId: t.id, endpointId: endpoint.id, secret };
}

/** A signed Shopify orders/create for `person`, as Shopify sends it: the webhook's path, headers and body. */
export function signedShopifyOrder(endpoint: { endpointId: string; secret: string }, o: { uid: number; customerId: number; person: ShopifyPerson }) {
  const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid: o.uid, customerId: o.customerId, person: o.person }));
  const id = randomUUID();
  const headers = signDelivery('shopify', { secret: endpoint.secret, body, topic: 'orders/create', now: new Date(), deliveryId: id, eventId: id });
  return { path: `/api/webhooks/shopify/${endpoint.endpointId}`, headers, body };
}

/**
 * A signed Shopify orders/create for `person`, stored as the receiver stores it
 * (verified keys, body): what processDelivery then processes, as the receiver or the retry would.
 */
export async function storeShopifyOrder(
  orgId: string,
  endpoint: { id: string; secret: string },
  o: { uid: number; customerId: number; person: ShopifyPerson },
) {
  const { headers, body } = signedShopifyOrder({ endpointId: endpoint.id, secret: endpoint.secret }, o);
  const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  const raw = Buffer.from(body);
  const parsed = parseJsonLossless(body);
  const keys = deliveryKeys('shopify', { headers: lower, body: parsed, bodyHash: sha256Hex(raw), headerNames: null });
  const { delivery } = await storeDelivery({
    orgId,
    source: 'shopify',
    endpointId: endpoint.id,
    apiKeyId: null,
    dedupeKey: keys.key,
    senderDeliveryId: keys.senderDeliveryId,
    topic: keys.topic,
    eventKey: keys.key,
    headers: {},
    contentType: 'application/json',
    raw,
    receivedAt: systemClock.now(),
    ignoredReason: null,
  });
  return { ...delivery, raw, parsed };
}

export function phoneFor(uid: number) {
  return `(313) ${String(200 + (uid % 700)).padStart(3, '0')}-${String(uid % 10_000).padStart(4, '0')}`;
}

/** The dispensary's catalogue: the products the sample orders sell, so their line items link by SKU as a real store's do. */
export async function seedCatalog(orgId: string) {
  const { SAMPLE_PRODUCTS } = await import('../src/domain/signals/samples/sample-people');
  const products = tenantDb(orgId).products;
  const now = new Date();
  await Promise.all(
    SAMPLE_PRODUCTS.map((p, i) =>
      products.set({
        id: `prd_bench_${i}`,
        sku: p.sku,
        name: p.name,
        brand: p.brand,
        category: p.category === 'Flower' ? 'flower' : 'edible',
        strainType: 'none',
        thcPercent: null,
        cbdPercent: null,
        thcMg: null,
        cbdMg: null,
        size: '',
        priceCents: p.priceCents,
        stock: {},
        lowStockThreshold: 5,
        active: true,
        externalIds: [],
        createdAt: now,
        updatedAt: now,
      }),
    ),
  );
}
