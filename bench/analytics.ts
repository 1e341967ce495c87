// npm run bench:analytics: what the revenue figures cost at 100,000 orders, each next to a floor
// measured in the same run against the same Firestore emulator (docs/performance.md, "Analytics").
// The services are called in this process (no Next build), so both sides are Firestore work from
// one process.
//  1. The Overview's sales figures (getSalesOverview): p50/p99 beside the floor of reading the same
//     rollup documents raw (the same query and fields, without adding them up).
//  2. The Analytics page's report over 30 and 90 days (the figures per playbook, campaign and agent,
//     lift included), beside reading the same rollup documents raw.
//  3. What rollups and attribution add to one order on the pipeline: the order's commit (the
//     documents processing an order writes) with and without its rollup write, and the attribution
//     transaction that follows dispatch, as ratios of the commit without rollups.
// Writes bench/results/analytics.json. --quick: 10,000 orders and fewer samples, while developing.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { machine, percentiles, ratio, say, startBenchEmulator, writeResult } from './lib';
import { seedCustomers, writeAll } from './seed';
import { UNSENT, type Send } from '../src/domain/messaging/send';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    orders: { type: 'string' },
    samples: { type: 'string' },
  },
});
const quick = values.quick;
const ORDERS = Number(values.orders ?? (quick ? 10_000 : 100_000));
const SAMPLES = Number(values.samples ?? (quick ? 20 : 60));
const CUSTOMERS = Math.max(100, Math.round(ORDERS / 6));
const DAYS = 365;
const PORT = 18300;
const DAY = 86_400_000;

async function main() {
  const loadAtStart = os.loadavg();
  const emulator = await startBenchEmulator({ port: PORT, projectId: 'demo-bakedbot-bench-analytics' });
  try {
    const { createTenant } = await import('../src/server/services/tenants/create-tenant');
    const { getSalesOverview } = await import('../src/server/services/dashboard/get-overview');
    const { getAnalyticsReport } = await import('../src/server/services/analytics/analytics-report');
    const { rebuildRollups } = await import('../src/server/services/analytics/rebuild-rollups');
    const { settleOrderAnalytics } = await import('../src/server/services/analytics/settle-order-analytics');
    const { rollupCollection, rollupRef } = await import('../src/server/services/analytics/rollups-in-tx');
    const { orderDelta, nestTally, splitTally, ROLLUP_SHARDS } = await import('../src/domain/analytics/rollup');
    const { addDays, localDayKey } = await import('../src/domain/analytics/rollup-day');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const { ManualClock } = await import('../src/domain/clock');
    const { logger } = await import('../src/server/log');
    const { FieldValue } = await import('firebase-admin/firestore');

    const db = firestore();
    const now = new Date();
    const clock = new ManualClock(now);
    const tenant = await createTenant({ clock }, { name: 'Bench Analytics', timeZone: 'America/Detroit' });
    const orgId = tenant.id;
    const ctx = {
      orgId,
      actor: { kind: 'staff' as const, uid: 'bench-owner', email: 'owner@example.com', role: 'owner' as const },
      clock,
      log: logger(),
    };
    const tdb = tenantDb(orgId);
    const tz = 'America/Detroit';

    // --- seed: customers, orders over a year, messages before some of them, their attributions ---
    say(`Seeding ${CUSTOMERS} customers and ${ORDERS} orders over ${DAYS} days…`);
    const t0 = performance.now();
    await seedCustomers(db, orgId, CUSTOMERS, now);
    // Spread over the year (a stride coprime with nothing in particular, wrapping many times).
    const orderAt = (i: number) => new Date(now.getTime() - ((i * 7_919_000) % (DAYS * DAY)) - 60_000);
    const order = (i: number) => ({
      id: `o-${i}`,
      customerId: `bench-${i % CUSTOMERS}`,
      locationId: null,
      source: 'shopify' as const,
      externalId: `shopify:${i}`,
      status: 'completed' as const,
      lineItems: [
        {
          productId: null,
          sku: `SKU-${i % 40}`,
          name: `Product ${i % 40}`,
          category: 'flower',
          quantity: 1 + (i % 3),
          unitPriceCents: 1_500,
          totalCents: 1_500 * (1 + (i % 3)),
        },
      ],
      subtotalCents: 1_500 * (1 + (i % 3)),
      discountCents: 0,
      taxCents: 0,
      totalCents: 1_500 * (1 + (i % 3)),
      refundedCents: 0,
      placedAt: orderAt(i),
      createdAt: now,
      updatedAt: now,
    });
    await writeAll(db, ORDERS, (i, batch) => batch.set(tdb.orders.ref.withConverter(null).doc(`o-${i}`), order(i)));
    const sendDoc = (id: string, customerId: string, at: Date, playbookId: string): Send => {
      const clickedAt = new Date(at.getTime() + 60_000);
      return {
        id,
        customerId,
        channel: 'email',
        kind: 'marketing',
        purpose: 'message',
        templateId: null,
        source: { type: 'playbook', runId: `r-${id}`, stepId: 'email', playbookId },
        idempotencyKey: `bench:${id}`,
        status: 'clicked',
        decision: { outcome: 'send', reason: 'ok', detail: 'Bench', sendAt: at, timeZone: tz, zoneFrom: 'tenant', checks: [], decidedAt: at },
        to: `${customerId}@example.com`,
        message: { subject: 'Bench', html: '<p>Bench</p>', text: 'Bench', segments: null, headers: {} },
        revenueInText: false,
        links: [],
        trackToken: `bench-track-${id}`,
        ...UNSENT,
        provider: 'mailjet',
        providerMessageId: `m-${id}`,
        sandbox: false,
        attempts: 1,
        dueAt: null,
        sentAt: at,
        deliveredAt: at,
        openedAt: at,
        clickedAt,
        events: [],
        createdAt: at,
        updatedAt: clickedAt,
      };
    };
    // A message a day before every tenth order, clicked, from one of 12 playbooks: attributions to count.
    const SENDS = Math.floor(ORDERS / 10);
    await writeAll(db, SENDS, (j, batch) => {
      const i = j * 10;
      const at = new Date(orderAt(i).getTime() - DAY);
      const playbookId = `pb-${j % 12}`;
      batch.set(tdb.sends.doc(`s-${j}`), sendDoc(`s-${j}`, `bench-${i % CUSTOMERS}`, at, playbookId));
      batch.set(tdb.attributions.ref.withConverter(null).doc(`o-${i}`), {
        id: `o-${i}`,
        orderId: `o-${i}`,
        customerId: `bench-${i % CUSTOMERS}`,
        sendId: `s-${j}`,
        code: null,
        codeKind: null,
        rule: 'click',
        touchAt: new Date(at.getTime() + 60_000),
        windowDays: 7,
        channel: 'email',
        label: 'Bench',
        orderTotalCents: order(i).totalCents,
        revenueCents: order(i).totalCents,
        refundedCents: 0,
        refundIds: [],
        attributedAt: now,
        placedAt: orderAt(i),
        source: { playbookId, stepId: 'email' },
      });
    });
    const seedMs = performance.now() - t0;
    const r0 = performance.now();
    const rebuilt = await rebuildRollups(ctx);
    const rebuildMs = performance.now() - r0;
    say(`  seeded in ${(seedMs / 1000).toFixed(1)} s; rollups rebuilt (${rebuilt.days} days) in ${(rebuildMs / 1000).toFixed(1)} s`);

    const time = async (n: number, work: () => Promise<unknown>) => {
      await work(); // warm
      const ms: number[] = [];
      for (let i = 0; i < n; i++) {
        const s = performance.now();
        await work();
        ms.push(performance.now() - s);
      }
      return percentiles(ms);
    };
    const today = localDayKey(now, tz);
    /** The least reading the same rollup days could cost: the same queries, documents returned, nothing added up. */
    const rawRollups = (from: string, to: string, parts: Array<'sales' | 'messages'>, fields?: string[]) =>
      Promise.all(
        parts.map((p) => {
          const q = rollupCollection(orgId, p).ref.withConverter(null).where('day', '>=', from).where('day', '<=', to);
          return (fields ? q.select('day', ...fields) : q).get();
        }),
      );

    // --- 1. the Overview ---
    say('Overview…');
    const overview = await time(SAMPLES, () => getSalesOverview(ctx));
    const overviewFloor = await time(SAMPLES, () => rawRollups(addDays(today, -83), today, ['sales'], ['orders', 'grossSalesCents']));
    const overviewDocs = (await rawRollups(addDays(today, -83), today, ['sales'])).reduce((n, s) => n + s.size, 0);

    // --- 2. the Analytics report ---
    const report: Record<string, unknown> = {};
    for (const days of [30, 90]) {
      say(`Analytics, last ${days} days…`);
      const from = addDays(today, -(days - 1));
      const ours = await time(SAMPLES, () => getAnalyticsReport(ctx, { from, to: today }));
      const floor = await time(SAMPLES, async () => {
        await rawRollups(from, today, ['sales', 'messages']);
        await rawRollups(addDays(from, -days), addDays(today, -days), ['sales', 'messages']);
      });
      report[`${days}d`] = { ours, floor, p50Ratio: ratio(ours.p50, floor.p50), p99Ratio: ratio(ours.p99, floor.p99) };
    }

    // --- 3. the order pipeline's added cost ---
    say('Order commit with and without its rollup write, and the attribution transaction…');
    const N = quick ? 40 : 150;
    const fresh = (k: number) => ({ ...order(ORDERS + k), id: `o-new-${k}`, placedAt: new Date(now.getTime() - 1_000) });
    const commit = async (k: number, withRollups: boolean) => {
      const o = fresh(k);
      const customer = tdb.customers.ref.withConverter(null).doc(`bench-${k % CUSTOMERS}`);
      await db.runTransaction(async (tx) => {
        await tx.getAll(customer, tdb.orders.ref.withConverter(null).doc(o.id), tdb.refunds.ref.withConverter(null).doc(o.id));
        tx.set(tdb.orders.ref.withConverter(null).doc(o.id), o);
        tx.set(customer, { updatedAt: now, orderCount: FieldValue.increment(1) }, { merge: true });
        tx.set(tdb.events.ref.withConverter(null).doc(`e-${o.id}-${withRollups}`), { id: `e-${o.id}`, name: 'order.created', occurredAt: now });
        if (withRollups) {
          const delta = orderDelta({ order: null, refunds: 0 }, { order: o, refunds: 0 }, [], tz);
          for (const [day, tally] of Object.entries(delta))
            for (const [part, entries] of Object.entries(splitTally(tally)))
              tx.set(
                rollupRef(orgId, part as 'sales', day, Math.floor(Math.random() * ROLLUP_SHARDS[part as 'sales'])),
                { ...nestTally(entries, (n) => FieldValue.increment(n)), day },
                { merge: true },
              );
        }
      });
      return o.id;
    };
    const without: number[] = [];
    const withR: number[] = [];
    const settle: number[] = [];
    // Every other fresh order follows a message its customer clicked an hour before: attributed, so
    // its pass opens the transaction; the others were earned by nothing and end after the plain reads.
    const attributedSettle: number[] = [];
    const touchQuery: number[] = [];
    for (let k = 0; k < N; k++) {
      const follows = k % 2 === 0;
      if (follows) await tdb.sends.set(sendDoc(`s-fresh-${k}`, `bench-${(2 * k + 1) % CUSTOMERS}`, new Date(now.getTime() - 3_600_000), 'pb-0'));
      let s = performance.now();
      await commit(2 * k, false);
      without.push(performance.now() - s);
      s = performance.now();
      const id = await commit(2 * k + 1, true);
      withR.push(performance.now() - s);
      s = performance.now();
      await settleOrderAnalytics(ctx, id);
      (follows ? attributedSettle : settle).push(performance.now() - s);
      // The lookup's own floor: the one indexed query for the customer's sends in the windows, raw.
      s = performance.now();
      await tdb.sends.ref
        .withConverter(null)
        .where('customerId', '==', `bench-${(2 * k + 1) % CUSTOMERS}`)
        .where('createdAt', '>=', new Date(now.getTime() - 7 * DAY))
        .where('createdAt', '<=', now)
        .orderBy('createdAt', 'desc')
        .limit(200)
        .get();
      touchQuery.push(performance.now() - s);
    }
    const base = percentiles(without);
    const rolled = percentiles(withR);
    const unattributed = percentiles(settle);
    const attributed = percentiles(attributedSettle);
    const pipeline = {
      commitWithoutRollups: base,
      commitWithRollups: rolled,
      attributionPassUnattributed: unattributed,
      attributionPassAttributed: attributed,
      sendsQueryFloor: percentiles(touchQuery),
      rollupWriteRatio: ratio(rolled.p50, base.p50),
      withAttributionRatio: { unattributed: ratio(rolled.p50 + unattributed.p50, base.p50), attributed: ratio(rolled.p50 + attributed.p50, base.p50) },
    };

    const result = {
      machine: machine(loadAtStart),
      orders: ORDERS,
      customers: CUSTOMERS,
      samples: SAMPLES,
      seedMs: Math.round(seedMs),
      rebuildMs: Math.round(rebuildMs),
      overview: {
        ours: overview,
        floor: overviewFloor,
        rollupDocs: overviewDocs,
        p50Ratio: ratio(overview.p50, overviewFloor.p50),
        p99Ratio: ratio(overview.p99, overviewFloor.p99),
      },
      analytics: report,
      pipeline,
    };
    writeResult('analytics', result);
    say(
      `Overview: p50 ${overview.p50} ms (floor ${overviewFloor.p50}) ×${result.overview.p50Ratio}; p99 ×${result.overview.p99Ratio} (${overviewDocs} rollup documents)`,
    );
    for (const [k, v] of Object.entries(report) as Array<[string, { ours: { p50: number }; floor: { p50: number }; p50Ratio: number; p99Ratio: number }]>)
      say(`Analytics ${k}: p50 ${v.ours.p50} ms (floor ${v.floor.p50}) ×${v.p50Ratio}; p99 ×${v.p99Ratio}`);
    say(
      `Order commit: p50 ${base.p50} ms without rollups, ${rolled.p50} ms with (×${pipeline.rollupWriteRatio}); attribution pass after dispatch p50 ${unattributed.p50} ms unattributed (with it ×${pipeline.withAttributionRatio.unattributed}), ${attributed.p50} ms attributed (×${pipeline.withAttributionRatio.attributed}); the raw sends query alone p50 ${pipeline.sendsQueryFloor.p50} ms`,
    );
  } finally {
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
