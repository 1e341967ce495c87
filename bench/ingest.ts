// npm run bench:ingest: signed Shopify order.created deliveries against the production build
// (next build + next start) on the real Firestore emulator, and in the same run against the floor
// (bench/floor-server.ts: bare node:http, the same HMAC check, one create() into the same
// emulator). Prints both, their ratio, and a 10,000-delivery burst that must end with every
// delivery stored and processed. Writes bench/results/ingest.json.
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ROOT, startStack } from '../scripts/lib/stack';
import { startProcess, waitForHttp } from '../scripts/lib/processes';
import { runLoad, type LoadRequest } from './load';

const { values } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    latency: { type: 'string', default: '500' },
    sustained: { type: 'string', default: '3000' },
    concurrency: { type: 'string', default: '32' },
    burst: { type: 'string', default: '10000' },
    'burst-concurrency': { type: 'string', default: '200' },
  },
});
const LATENCY = Number(values.latency);
const SUSTAINED = Number(values.sustained);
const CONCURRENCY = Number(values.concurrency);
const BURST = Number(values.burst);
const BURST_CONCURRENCY = Number(values['burst-concurrency']);
// Ports of the benchmark's own, clear of npm run dev, the e2e stacks and the other engineers'.
const PORTS = { next: 3260, firestore: 18260, auth: 19260, hub: 14460, logging: 14560, floor: 3261 };

const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  process.env.NEXT_DIST_DIR ??= '.next-bench';
  process.env.LOG_LEVEL ??= 'warn';
  say(`Starting the stack (next ${values['no-build'] ? 'start' : 'build + start'}, Firestore emulator) on ${PORTS.next}…`);
  const stack = await startStack({
    host: '127.0.0.1',
    ports: PORTS,
    projectId: 'demo-bakedbot-bench',
    fresh: true,
    mode: 'prod',
    build: !values['no-build'],
    ticker: false,
    say: (l) => say(`  ${l}`),
  });
  let floor: ReturnType<typeof startProcess> | undefined;
  try {
    const { createTenant } = await import('../src/server/services/tenants/create-tenant');
    const { createEndpoint } = await import('../src/server/services/integrations/create-endpoint');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { systemClock } = await import('../src/domain/clock');
    const { systemActor } = await import('../src/domain/roles');
    const { jsonWithBigInts, shopifyOrder } = await import('../src/domain/signals/samples');
    const { signDelivery } = await import('../src/server/services/ingest/sign-delivery');

    const tenant = async (name: string) => {
      const t = await createTenant({ clock: systemClock }, { name, timeZone: 'America/Detroit' });
      const ctx = { orgId: t.id, actor: systemActor('bench'), clock: systemClock };
      const { endpoint, secret } = await createEndpoint(ctx, { provider: 'shopify', name: 'Bench', rateLimitPerMinute: 1_000_000 });
      return { orgId: t.id, endpointId: endpoint.id, secret };
    };
    const sustained = await tenant('Bench Sustained');
    const burst = await tenant('Bench Burst');

    floor = startProcess('floor', process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench', 'floor-server.ts')], {
      cwd: ROOT,
      env: { ...process.env, FLOOR_PORT: String(PORTS.floor), FLOOR_SECRET: sustained.secret },
      logFile: path.join(os.tmpdir(), 'bakedbot-bench-floor.log'),
    });
    await waitForHttp(`http://127.0.0.1:${PORTS.floor}/`, 60_000, () => true);

    // Signed order.created deliveries, as Shopify sends them; customers repeat, as they do in a store.
    // Each is a new order: a second orders/create for one order id is a duplicate (dedupe is on the signed order id).
    let orderUid = 0;
    const make = (t: { endpointId: string; secret: string }, n: number, customers: number): LoadRequest[] =>
      Array.from({ length: n }, (_, i) => {
        const body = jsonWithBigInts(
          shopifyOrder({
            now: new Date(),
            uid: ++orderUid,
            customerId: (i % customers) + 1,
            person: {
              firstName: 'Bench',
              lastName: `Shopper ${i % customers}`,
              email: `bench-${i % customers}@example.com`,
              phone: `(313) 2${String(10 + (i % 89)).padStart(2, '0')}-${String(1000 + (i % customers)).slice(-4)}`,
            },
          }),
        );
        const id = randomUUID();
        return {
          path: `/api/webhooks/shopify/${t.endpointId}`,
          headers: signDelivery('shopify', { secret: t.secret, body, topic: 'orders/create', now: new Date(), deliveryId: id, eventId: id }),
          body,
        };
      });

    const ours = `http://127.0.0.1:${PORTS.next}`;
    const floorUrl = `http://127.0.0.1:${PORTS.floor}`;
    say('Warming up both…');
    await runLoad(ours, make(sustained, 200, 200), 8);
    await runLoad(floorUrl, make(sustained, 200, 200), 8);
    await drain(tenantDb, sustained, 200, 120_000);

    say(`One sender at a time: ${LATENCY} deliveries at concurrency 1, floor first…`);
    const floorSingle = await runLoad(floorUrl, make(sustained, LATENCY, 1000), 1);
    const ourSingle = await runLoad(ours, make(sustained, LATENCY, 1000), 1);
    await drain(tenantDb, sustained, 200 + LATENCY, 600_000);
    say(`Sustained: ${SUSTAINED} deliveries at concurrency ${CONCURRENCY}, floor first…`);
    const floorResult = await runLoad(floorUrl, make(sustained, SUSTAINED, 1000), CONCURRENCY);
    const ourResult = await runLoad(ours, make(sustained, SUSTAINED, 1000), CONCURRENCY);
    const sustainedDrain = await drain(tenantDb, sustained, 200 + LATENCY + SUSTAINED, 900_000);

    say(`Burst: ${BURST} deliveries at concurrency ${BURST_CONCURRENCY}…`);
    const burstStart = Date.now();
    const burstAck = await runLoad(ours, make(burst, BURST, 2000), BURST_CONCURRENCY);
    const burstDrain = await drain(tenantDb, burst, BURST, 1_200_000);
    const burstSeconds = Math.round((Date.now() - burstStart) / 100) / 10;
    const orders = (await tenantDb(burst.orgId).orders.ref.count().get()).data().count;

    const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;
    const result = {
      ranAt: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpu: os.cpus()[0]?.model,
        memoryGb: Math.round(os.totalmem() / 1e9),
        node: process.version,
        platform: `${os.platform()} ${os.release()}`,
      },
      setup: {
        target: 'next build + next start (production), Firestore emulator',
        payload: 'signed Shopify orders/create',
        latencyRun: LATENCY,
        sustained: SUSTAINED,
        concurrency: CONCURRENCY,
        burst: BURST,
        burstConcurrency: BURST_CONCURRENCY,
      },
      singleSender: {
        ours: ourSingle,
        floor: floorSingle,
        ratio: { p50: ratio(ourSingle.ms.p50, floorSingle.ms.p50), p99: ratio(ourSingle.ms.p99, floorSingle.ms.p99) },
      },
      ours: ourResult,
      floor: floorResult,
      ratio: {
        perSecond: ratio(ourResult.perSecond, floorResult.perSecond),
        p50: ratio(ourResult.ms.p50, floorResult.ms.p50),
        p99: ratio(ourResult.ms.p99, floorResult.ms.p99),
      },
      sustainedProcessing: sustainedDrain,
      burst: { ack: burstAck, ...burstDrain, orders, secondsToAllProcessed: burstSeconds, lost: BURST - burstDrain.processed },
    };
    mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
    writeFileSync(path.join(ROOT, 'bench', 'results', 'ingest.json'), `${JSON.stringify(result, null, 2)}\n`);

    const row = (name: string, r: typeof ourResult) =>
      `  ${name.padEnd(8)} ${String(r.perSecond).padStart(7)}/s   p50 ${String(r.ms.p50).padStart(6)} ms   p99 ${String(r.ms.p99).padStart(6)} ms   statuses ${JSON.stringify(r.statuses)}`;
    say('');
    say(`Time to acknowledge, one sender (${LATENCY} signed order.created deliveries, concurrency 1):`);
    say(row('ours', ourSingle));
    say(row('floor', floorSingle));
    say(`  ratio    ${result.singleSender.ratio.p50}× p50, ${result.singleSender.ratio.p99}× p99 (ours / floor)`);
    say(`Sustained, ${SUSTAINED} signed order.created deliveries at concurrency ${CONCURRENCY}:`);
    say(row('ours', ourResult));
    say(row('floor', floorResult));
    say(`  ratio    ${result.ratio.perSecond}× throughput, ${result.ratio.p50}× p50, ${result.ratio.p99}× p99 (ours / floor)`);
    say(`Processing after the ack: ${sustainedDrain.processed} processed, ${sustainedDrain.failed} failed, ${sustainedDrain.seconds} s to drain.`);
    say(
      `Burst of ${BURST}: acknowledged ${JSON.stringify(burstAck.statuses)} at ${burstAck.perSecond}/s (p99 ${burstAck.ms.p99} ms); stored ${burstDrain.stored}, processed ${burstDrain.processed}, failed ${burstDrain.failed}, orders ${orders}; all processed ${burstSeconds} s after the first request; lost ${result.burst.lost}.`,
    );
    say('Wrote bench/results/ingest.json');
    if (result.burst.lost !== 0 || burstDrain.stored !== BURST) process.exitCode = 1;
  } finally {
    await floor?.stop('SIGTERM', 5_000);
    await stack.stop();
  }
}

/** Waits until `expected` deliveries of the endpoint are final; reports how many were processed. */
async function drain(
  tenantDb: typeof import('../src/server/db/tenant-db').tenantDb,
  t: { orgId: string; endpointId: string },
  expected: number,
  timeoutMs: number,
) {
  const started = Date.now();
  const deliveries = tenantDb(t.orgId).deliveries.ref.where('endpointId', '==', t.endpointId);
  const count = async (status?: string) => (await (status ? deliveries.where('status', '==', status) : deliveries).count().get()).data().count;
  let processed = 0;
  for (;;) {
    processed = await count('processed');
    if (processed >= expected || Date.now() - started > timeoutMs) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  return {
    stored: await count(),
    processed,
    failed: (await count('failed')) + (await count('dead_letter')),
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
