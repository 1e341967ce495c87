// npm run bench:ingest: signed Shopify order.created deliveries against the production build
// (next build + next start) on the real Firestore emulator, each figure next to its floor measured
// in the same run (docs/performance.md says what each floor is):
//  1. Acknowledgement, one sender and 32 at once; floor: bench/floor-server.ts (bare node:http,
//     the same HMAC check, one create() into the same emulator).
//  2. Sustained processing: deliveries processed per second while the sustained load arrives
//     (server timestamps, first received to last outcome committed); floor: the transaction that
//     reads and writes the same documents as processing one order, at the same concurrency
//     (INGEST_CONCURRENCY), measured before the load and after it (the ratio is against the mean).
//  3. A burst of 10,000 deliveries: acknowledged, then the time until every stored delivery is
//     processed (the bench waits for all of them, calling the tick as Cloud Scheduler would for
//     any that failed or were left to it, when processing stalls; --tick every-minute to call it
//     every minute regardless). "lost" counts only deliveries missing or dead-lettered, never slow ones.
// Writes bench/results/ingest.json. --quick for a short run while developing.
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Timestamp } from 'firebase-admin/firestore';
import { ROOT } from '../scripts/lib/stack';
import { startProcess, waitForHttp } from '../scripts/lib/processes';
import { bracketedFloor, processingShapeOf, processingTxThroughput } from './floors';
import { machine, ratio, say, startBenchStack, writeResult } from './lib';
import { runLoad, type LoadRequest } from './load';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    quick: { type: 'boolean', default: false },
    latency: { type: 'string' },
    sustained: { type: 'string' },
    concurrency: { type: 'string', default: '32' },
    burst: { type: 'string' },
    'burst-concurrency': { type: 'string', default: '200' },
    'processing-concurrency': { type: 'string' },
    tick: { type: 'string', default: 'when-stalled' },
  },
});
const quick = values.quick;
const LATENCY = Number(values.latency ?? (quick ? 100 : 500));
const SUSTAINED = Number(values.sustained ?? (quick ? 600 : 3000));
const CONCURRENCY = Number(values.concurrency);
const BURST = Number(values.burst ?? (quick ? 1000 : 10_000));
const BURST_CONCURRENCY = Number(values['burst-concurrency']);
const TICK = values.tick;
if (TICK !== 'when-stalled' && TICK !== 'every-minute') throw new Error(`--tick is when-stalled or every-minute, not ${TICK}`);
// Ports of the benchmark's own, clear of npm run dev, the e2e stacks and the other engineers'.
const PORTS = { next: 3260, firestore: 18260, auth: 19260, hub: 14460, logging: 14560, floor: 3261 };
const FINAL = ['processed', 'ignored', 'dead_letter'];
const POLL_MS = 10_000;

async function main() {
  const loadAtStart = os.loadavg();
  if (values['processing-concurrency']) process.env.INGEST_CONCURRENCY = values['processing-concurrency'];
  const stack = await startBenchStack({ ports: PORTS, projectId: 'demo-bakedbot-bench', build: !values['no-build'] });
  let floor: ReturnType<typeof startProcess> | undefined;
  try {
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const { loadConfig } = await import('../src/server/config');
    const seed = await import('./seed');
    const db = firestore();
    const processingConcurrency = loadConfig(process.env).ingestConcurrency;

    const tenant = (name: string) => seed.shopifyTenant(name);
    const sustained = await tenant('Bench Sustained');
    const burst = await tenant('Bench Burst');

    floor = startProcess('floor', process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'floor-server.ts')], {
      cwd: ROOT,
      env: { ...process.env, FLOOR_PORT: String(PORTS.floor), FLOOR_SECRET: sustained.secret },
      logFile: path.join(os.tmpdir(), 'bakedbot-bench-floor.log'),
    });
    await waitForHttp(`http://127.0.0.1:${PORTS.floor}/`, 60_000, () => true);

    // Signed order.created deliveries, as Shopify sends them; customers repeat, as they do in a store.
    let orderUid = 0;
    const make = (t: { endpointId: string; secret: string }, n: number, customers: number): LoadRequest[] =>
      Array.from({ length: n }, (_, i) => {
        const c = (i % customers) + 1;
        const person = { firstName: 'Bench', lastName: `Shopper ${c}`, email: `bench-${c}@example.com`, phone: seed.phoneFor(c) };
        return seed.signedShopifyOrder(t, { uid: ++orderUid, customerId: c, person });
      });

    const tick = () =>
      fetch(`http://127.0.0.1:${PORTS.next}/api/cron/tick`, { method: 'POST', headers: { 'x-cron-secret': stack.env.CRON_SECRET! } }).then((r) => r.json());
    /**
     * Waits until `expected` deliveries of the endpoint are final, calling the tick (at most once a
     * minute, as Cloud Scheduler would) for failed ones and any a busy instance left to it: by
     * default only when nothing became final since the last poll (`--tick when-stalled`: the tick
     * as the safety net), or every minute (`--tick every-minute`). Every minute measures the
     * emulator more than the pipe: each of the tick's due queries is a collection-group query the
     * emulator answers by materialising and sorting the whole group (tens of seconds each once the
     * burst has written 100,000 documents; on Firestore they are index range scans), and in a run
     * of 2026-12-02 one tick in the burst cut its processing from about 80/s to 30/s for minutes.
     */
    const drain = async (t: { orgId: string; endpointId: string }, expected: number, timeoutMs: number) => {
      const started = Date.now();
      let lastTick = Date.now();
      let before = -1;
      const deliveries = tenantDb(t.orgId).deliveries.ref.where('endpointId', '==', t.endpointId);
      const count = async (status?: string) => (await (status ? deliveries.where('status', '==', status) : deliveries).count().get()).data().count;
      // One count query every ten seconds: the emulator answers a query by materialising and
      // sorting its collection's index (1 to 3 s of its CPU at 10,000 deliveries, measured), so
      // polling every two seconds took half an emulator core from the processing being measured.
      // The figures come from server timestamps, not from when the poll noticed.
      const final = async () => (await deliveries.where('status', 'in', FINAL).count().get()).data().count;
      for (;;) {
        const done = await final();
        if (done >= expected || Date.now() - started > timeoutMs) break;
        const stalled = done === before;
        before = done;
        if ((TICK === 'every-minute' || stalled) && Date.now() - lastTick > 60_000) {
          lastTick = Date.now();
          await tick();
        }
        say(`  … ${done}/${expected} final after ${Math.round((Date.now() - started) / 1000)} s`);
        await new Promise((r) => setTimeout(r, POLL_MS));
      }
      // Server time: first received to the last outcome committed.
      // Two fields of each, untyped: a partial document is not a Delivery for the typed converter.
      const snap = await db.collection(`tenants/${t.orgId}/webhook_deliveries`).where('endpointId', '==', t.endpointId).select('receivedAt', 'status').get();
      const received = snap.docs.map((d) => (d.data().receivedAt as Timestamp).toMillis());
      const committed = snap.docs.filter((d) => d.data().status === 'processed').map((d) => d.updateTime.toDate().getTime());
      const spanMs = committed.length ? Math.max(...committed) - Math.min(...received) : 0;
      return {
        stored: snap.size,
        processed: committed.length,
        deadLettered: await count('dead_letter'),
        notFinal: snap.size - (await final()),
        secondsFirstReceivedToLastProcessed: Math.round(spanMs / 100) / 10,
        processedPerSecond: spanMs ? Math.round((committed.length / (spanMs / 1000)) * 10) / 10 : 0,
      };
    };

    const ours = `http://127.0.0.1:${PORTS.next}`;
    const floorUrl = `http://127.0.0.1:${PORTS.floor}`;
    say('Warming up both…');
    await runLoad(ours, make(sustained, 200, 200), 8);
    await runLoad(floorUrl, make(sustained, 200, 200), 8);
    await drain(sustained, 200, 300_000);

    say(`One sender at a time: ${LATENCY} deliveries at concurrency 1, floor first…`);
    const floorSingle = await runLoad(floorUrl, make(sustained, LATENCY, 1000), 1);
    const ourSingle = await runLoad(ours, make(sustained, LATENCY, 1000), 1);
    await drain(sustained, 200 + LATENCY, 900_000);

    // The processing floor is measured before the sustained load and again after it, the same
    // transaction shape both times, and the ratio is against their mean: on this shared machine a
    // floor measured once, in a quiet or a busy minute, moved the ratio by a quarter between runs.
    // The shape is a delivery this instance processed in the warm-up (an order of a new customer).
    const sample = (await tenantDb(sustained.orgId).deliveries.ref.where('status', '==', 'processed').limit(1).get()).docs[0]!.id;
    const shape = await processingShapeOf(db, sustained.orgId, sample);
    say(`Processing floor, before: ${SUSTAINED} transactions of the processing's shape at concurrency ${processingConcurrency}…`);
    const floorBefore = await processingTxThroughput(db, 'bench-floor', shape, SUSTAINED, processingConcurrency, 'before');

    // A tenant of its own, so the processing span covers only this load.
    const steady = await tenant('Bench Steady');
    say(`Sustained: ${SUSTAINED} deliveries at concurrency ${CONCURRENCY}, floor first…`);
    // The floor server checks the first tenant's secret: its load is signed with it (a load signed
    // for another endpoint would be refused with 401 and measure no write at all).
    const floorResult = await runLoad(floorUrl, make(sustained, SUSTAINED, 1000), CONCURRENCY);
    for (const f of [floorSingle, floorResult])
      if ((f.statuses['200'] ?? 0) !== f.sent) throw new Error(`The acknowledgement floor refused its load: ${JSON.stringify(f.statuses)}`);
    const ourResult = await runLoad(ours, make(steady, SUSTAINED, 1000), CONCURRENCY);
    const sustainedProcessing = await drain(steady, SUSTAINED, 1_800_000);
    say(`Processing floor, after: ${SUSTAINED} transactions of the same shape at concurrency ${processingConcurrency}…`);
    const floorAfter = await processingTxThroughput(db, 'bench-floor', shape, SUSTAINED, processingConcurrency, 'after');
    const processingFloor = bracketedFloor(floorBefore, floorAfter);

    say(`Burst: ${BURST} deliveries at concurrency ${BURST_CONCURRENCY}…`);
    const burstAck = await runLoad(ours, make(burst, BURST, 2000), BURST_CONCURRENCY);
    // Only acknowledged deliveries are ours to process: one refused (a 5xx, a dropped connection)
    // is the sender's to send again, as Shopify does. Waiting for it would wait forever.
    const acknowledged = Object.entries(burstAck.statuses)
      .filter(([code]) => Number(code) >= 200 && Number(code) < 300)
      .reduce((n, [, c]) => n + c, 0);
    const burstDrain = await drain(burst, acknowledged, 3_600_000);
    const orders = (await tenantDb(burst.orgId).orders.ref.count().get()).data().count;
    const lost = Math.max(0, acknowledged - burstDrain.stored) + burstDrain.deadLettered;

    const result = {
      ranAt: new Date().toISOString(),
      machine: machine(loadAtStart),
      setup: {
        target: 'next build + next start (production), Firestore emulator',
        payload: 'signed Shopify orders/create',
        quick,
        latencyRun: LATENCY,
        sustained: SUSTAINED,
        concurrency: CONCURRENCY,
        processingConcurrency,
        burst: BURST,
        burstConcurrency: BURST_CONCURRENCY,
        tick: TICK,
      },
      summary: [] as string[],
      singleSender: {
        ours: ourSingle,
        floor: floorSingle,
        ratio: { p50: ratio(ourSingle.ms.p50, floorSingle.ms.p50), p99: ratio(ourSingle.ms.p99, floorSingle.ms.p99) },
      },
      sustainedAck: {
        ours: ourResult,
        floor: floorResult,
        ratio: {
          perSecond: ratio(ourResult.perSecond, floorResult.perSecond),
          p50: ratio(ourResult.ms.p50, floorResult.ms.p50),
          p99: ratio(ourResult.ms.p99, floorResult.ms.p99),
        },
      },
      sustainedProcessing: {
        ours: sustainedProcessing,
        floor: processingFloor,
        ratio: ratio(sustainedProcessing.processedPerSecond, processingFloor.perSecond),
      },
      burst: { ack: burstAck, acknowledged, notAcknowledged: BURST - acknowledged, ...burstDrain, orders, lost },
    };
    result.summary = [
      `acknowledgement, one sender: p50 ${ourSingle.ms.p50} ms = ${result.singleSender.ratio.p50}× the bare HTTP floor`,
      `acknowledgement, ${CONCURRENCY} at once: ${ourResult.perSecond}/s = ${result.sustainedAck.ratio.perSecond}× the floor`,
      `sustained processing: ${sustainedProcessing.processedPerSecond}/s = ${result.sustainedProcessing.ratio}× transactions of its shape at concurrency ${processingConcurrency} (${floorBefore.perSecond}/s before the load, ${floorAfter.perSecond}/s after; target ≥ 0.5)`,
      `burst of ${BURST}: acknowledged in ${burstAck.seconds} s, all ${burstDrain.processed} processed ${burstDrain.secondsFirstReceivedToLastProcessed} s after the first arrived (${burstDrain.processedPerSecond}/s); lost ${lost}; ${BURST - acknowledged} refused at the door (the sender retries them); the tick called ${TICK === 'every-minute' ? 'every minute' : 'only when processing stalled'}`,
    ];
    writeResult('ingest', result);
    say('');
    for (const line of result.summary) say(line);
    say(
      `Machine: ${os.cpus().length} CPUs, load average ${os
        .loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} at the end.`,
    );
    if (lost !== 0 || burstDrain.notFinal !== 0) process.exitCode = 1;
  } finally {
    await floor?.stop('SIGTERM', 5_000);
    await stack.stop();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
