// The floors the figures are held against, measured from the bench process into the same emulator:
// the least work each thing could possibly cost. See docs/performance.md.
import type { DocumentData, Firestore } from 'firebase-admin/firestore';
import { IDENTITY_INDEX_DOC, stableId } from '../src/domain/signals/records';
import { pool } from './lib';

/** The documents processing one order read and wrote, as raw data, to replay as one transaction. */
export interface ProcessingShape {
  reads: string[];
  writes: Array<{ path: string; data: DocumentData }>;
}

/**
 * Reads back what processing one order.created read and wrote (from a delivery processed in the
 * same run), so the floor transaction reads and writes the same documents with the same data:
 * - reads: the order's event, the order, its refunds and checkout, the identity index and the
 *   customer's identities, the customer and their points account;
 * - writes: every event the order produced (the order's, the points', a segment's, a new
 *   customer's), the order, its checkout, the customer, their identities, their points account and
 *   the order's points line, the segment history entries, a new profile's duplicate-check marker,
 *   the day's sales rollup shard, and the delivery's outcome and its live-list copy.
 * Only documents that exist are included (a returning customer has no duplicate-check marker).
 */
export async function processingShapeOf(db: Firestore, orgId: string, deliveryId: string): Promise<ProcessingShape> {
  const base = `tenants/${orgId}`;
  const get = async (p: string) => (await db.doc(`${base}/${p}`).get()).data();
  const delivery = await get(`webhook_deliveries/${deliveryId}`);
  const eventIds = (delivery?.eventIds as string[] | undefined) ?? [];
  // Every event the order produced (a segment's, the points', the order's own), the order's among them.
  const events = await Promise.all(eventIds.map(async (id) => ({ id, data: (await get(`events/${id}`))! })));
  const orderEvent = events.find((e) => e.data.name === 'order.created');
  if (!delivery || !orderEvent) throw new Error(`delivery ${deliveryId} was not processed into an order.created event`);
  const orderId = (orderEvent.data.keys as Record<string, string>).orderId!;
  const customerId = orderEvent.data.customerId as string;
  const order = (await get(`orders/${orderId}`))!;
  const identities = (await db.collection(`${base}/customer_identities`).where('customerId', '==', customerId).get()).docs;
  const checkoutPath = order.checkoutToken ? `checkouts/${stableId('chk', order.checkoutToken as string)}` : null;
  // The day's sales rollup: processing adds to one of its shards; the floor writes one of that size.
  const rollup = (await db.collection(`${base}/rollups_daily`).limit(1).get()).docs[0];
  const written = [
    `customers/${customerId}`,
    ...identities.map((d) => `customer_identities/${d.id}`),
    `orders/${orderId}`,
    ...(checkoutPath ? [checkoutPath] : []),
    ...events.map((e) => `events/${e.id}`),
    `loyalty_accounts/${customerId}`,
    `loyalty_transactions/${stableId('pts', `earn:${orderId}`)}`,
    ...events.map((e) => `customers/${customerId}/segment_history/${e.id}`),
    `duplicate_checks/${customerId}`,
    `delivery_feed/${deliveryId}`,
  ];
  const found = (await Promise.all(written.map(async (path) => ({ path, data: await get(path) })))).filter(
    (w): w is { path: string; data: DocumentData } => w.data !== undefined,
  );
  const reads = [
    `events/${orderEvent.id}`,
    `orders/${orderId}`,
    `order_refunds/${orderId}`,
    ...(checkoutPath ? [checkoutPath] : []),
    `customer_identity_index/${IDENTITY_INDEX_DOC}`,
    ...identities.map((d) => `customer_identities/${d.id}`),
    `customers/${customerId}`,
    `loyalty_accounts/${customerId}`,
  ];
  const writes = [
    ...found,
    ...(rollup ? [{ path: `rollups_daily/${rollup.id}`, data: rollup.data() }] : []),
    // The outcome is an update of a few fields, not the stored body.
    {
      path: `webhook_deliveries/${deliveryId}`,
      data: pick(delivery, ['status', 'attempts', 'attemptLog', 'lastError', 'nextAttemptAt', 'processedAt', 'eventIds', 'customerIds']),
    },
  ];
  return { reads, writes };
}

const pick = (d: DocumentData, keys: string[]) => Object.fromEntries(keys.filter((k) => k in d).map((k) => [k, d[k]]));

/** One transaction of the processing's shape, on fresh documents of a tenant of its own (id suffix `n`). */
export function processingTx(db: Firestore, floorOrg: string, shape: ProcessingShape, n: string) {
  const at = (p: string) => db.doc(`tenants/${floorOrg}/${p}-${n}`);
  return db.runTransaction(async (tx) => {
    await tx.getAll(...shape.reads.map(at));
    for (const w of shape.writes) tx.set(at(w.path), w.data);
  });
}

/** Latency of the processing-shaped transaction, one at a time: ms per transaction. */
export async function processingTxLatencies(db: Firestore, floorOrg: string, shape: ProcessingShape, n: number, tag: string): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await processingTx(db, floorOrg, shape, `${tag}${i}`);
    out.push(performance.now() - t0);
  }
  return out;
}

/** Throughput of the processing-shaped transaction at a concurrency: transactions per second. */
export async function processingTxThroughput(db: Firestore, floorOrg: string, shape: ProcessingShape, n: number, concurrency: number, tag: string) {
  const ms = await pool(n, concurrency, (i) => processingTx(db, floorOrg, shape, `${tag}${i}`));
  return { n, concurrency, ms: Math.round(ms), perSecond: Math.round((n / (ms / 1000)) * 10) / 10 };
}

type FloorRate = { n: number; concurrency: number; perSecond: number };

/**
 * A floor measured on both sides of the work it is held against (this shared machine's floor
 * moves by a quarter within minutes); the ratio is taken against the mean of the two.
 */
export function bracketedFloor(before: FloorRate, after: FloorRate) {
  return {
    n: before.n,
    concurrency: before.concurrency,
    before: before.perSecond,
    after: after.perSecond,
    perSecond: Math.round(((before.perSecond + after.perSecond) / 2) * 10) / 10,
  };
}

/** The claim-only floor: a read and a conditional write per document, at a concurrency. */
export async function claimFloor(db: Firestore, paths: string[], concurrency: number) {
  const ms = await pool(paths.length, concurrency, async (i) => {
    const ref = db.doc(paths[i]!);
    const snap = await ref.get();
    await ref.update({ benchFloor: true }, { lastUpdateTime: snap.updateTime! });
  });
  return { n: paths.length, concurrency, ms: Math.round(ms), perSecond: Math.round((paths.length / (ms / 1000)) * 10) / 10 };
}

/** The delivery-retry floor: a claim (read + conditional write) and one processing-shaped transaction each. */
export async function retryFloor(db: Firestore, floorOrg: string, shape: ProcessingShape, paths: string[], concurrency: number, tag = 'retry') {
  const ms = await pool(paths.length, concurrency, async (i) => {
    const ref = db.doc(paths[i]!);
    const snap = await ref.get();
    await ref.update({ benchFloor: true }, { lastUpdateTime: snap.updateTime! });
    await processingTx(db, floorOrg, shape, `${tag}${i}`);
  });
  return { n: paths.length, concurrency, ms: Math.round(ms), perSecond: Math.round((paths.length / (ms / 1000)) * 10) / 10 };
}

/** The lookup floor: one indexed equality query, `limit(1)`, on the customers' phone. */
export function indexedRead(db: Firestore, orgId: string, phone: string) {
  return db.collection(`tenants/${orgId}/customers`).where('phone', '==', phone).limit(1).get();
}

/**
 * The floor of `n` changes to one document arriving at once: `n` minimal transactions (read it,
 * write it) one after another, as an instance's per-customer lock runs them. Each one's ms from
 * the start, so its p99 is comparable to the p99 of `n` concurrent requests.
 */
export async function serialTxFloor(db: Firestore, path: string, n: number): Promise<number[]> {
  const ref = db.doc(path);
  await ref.set({ n: 0 });
  const t0 = performance.now();
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    await db.runTransaction(async (tx) => {
      const v = ((await tx.get(ref)).data()?.n as number | undefined) ?? 0;
      tx.set(ref, { n: v + 1 });
    });
    out.push(performance.now() - t0);
  }
  return out;
}
