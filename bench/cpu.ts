// npm run bench:cpu: the CPU one delivery costs the server, against the CPU of its floor transaction,
// both counted with process.cpuUsage() in this process (the Firestore emulator runs in its own, so
// only the client side is counted). A delivery is a signed Shopify orders/create sent to the
// webhook route's handler (POST of src/app/api/webhooks/shopify/[endpointId]/route.ts, called
// directly: no HTTP server, no Next) and everything it sets off: storing it, processing it, the
// outcome. The floor is the transaction of the same shape bench:ingest holds sustained processing
// against (bench/floors.ts). Both run four at a time (INGEST_CONCURRENCY's default), in alternating
// rounds; the verdict is the median of the rounds' ratios.
//
// It needs no build and takes under a minute, so it is the quick check for a change meant to cut
// the server's work (docs/performance.md, "Where a delivery's CPU goes"). CPU time on this shared
// machine moves too (a round's ratio by a quarter either way), hence the rounds and their median;
// a change worth making shows across several runs. It has no target of its own: sustained
// processing's (bench:ingest) is the one the issue set.
// Writes bench/results/cpu.json. --quick for a short run.
import os from 'node:os';
import { parseArgs } from 'node:util';
import { processingShapeOf, processingTx } from './floors';
import { machine, perSecond, pool, ratio, say, startBenchEmulator, writeResult } from './lib';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    deliveries: { type: 'string' },
    rounds: { type: 'string' },
  },
});
const quick = values.quick;
const N = Number(values.deliveries ?? (quick ? 200 : 600));
const ROUNDS = Number(values.rounds ?? (quick ? 2 : 4));
const WARMUP = quick ? 200 : 400;
const CONCURRENCY = 4;
const CUSTOMERS = 300;
const PORT = 18290;

const cpuMicros = (u: NodeJS.CpuUsage) => u.user + u.system;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

async function main() {
  const loadAtStart = os.loadavg();
  const emulator = await startBenchEmulator({ port: PORT, projectId: 'demo-bakedbot-bench-cpu' });
  try {
    const { drainAfterResponse } = await import('../src/server/http/after-response');
    const { tenantDb } = await import('../src/server/db/tenant-db');
    const { firestore } = await import('../src/server/db/firestore');
    const route = await import('../src/app/api/webhooks/shopify/[endpointId]/route');
    const seed = await import('./seed');
    const db = firestore();

    const shop = await seed.shopifyTenant('Bench CPU');

    let uid = 0;
    /** One signed orders/create through the route's handler, processed to its outcome. Customers repeat, as in a store. */
    const deliver = async () => {
      const c = (uid % CUSTOMERS) + 1;
      const person = { firstName: 'Bench', lastName: `Shopper ${c}`, email: `bench-${c}@example.com`, phone: seed.phoneFor(c) };
      const { path, headers, body } = seed.signedShopifyOrder(shop, { uid: ++uid, customerId: c, person });
      const res = await route.POST(new Request(`http://localhost${path}`, { method: 'POST', headers, body }), {
        params: Promise.resolve({ endpointId: shop.endpointId }),
      });
      if (res.status !== 200) throw new Error(`the route answered ${res.status}: ${await res.text()}`);
    };
    /** `n` deliveries, four at a time, each group's processing finished before the next. */
    const deliveries = async (n: number) => {
      for (let i = 0; i < n; i += CONCURRENCY) {
        await Promise.all(Array.from({ length: Math.min(CONCURRENCY, n - i) }, deliver));
        await drainAfterResponse();
      }
    };
    const cpuPer = async (n: number, work: () => Promise<unknown>) => {
      const before = process.cpuUsage();
      const t0 = performance.now();
      await work();
      return { perItemMicros: Math.round(cpuMicros(process.cpuUsage(before)) / n), perSecond: perSecond(n, performance.now() - t0) };
    };

    say(`Warming up: ${WARMUP} deliveries…`);
    await deliveries(WARMUP);
    const processed = await tenantDb(shop.orgId).deliveries.ref.where('status', '==', 'processed').limit(1).get();
    if (processed.empty) throw new Error('no delivery was processed in the warm-up');
    const shape = await processingShapeOf(db, shop.orgId, processed.docs[0]!.id);
    const floorRun = (tag: string) => pool(N, CONCURRENCY, (i) => processingTx(db, 'bench-cpu-floor', shape, `${tag}${i}`));
    await pool(WARMUP, CONCURRENCY, (i) => processingTx(db, 'bench-cpu-floor', shape, `warm${i}`));

    const rounds: Array<{ ours: { perItemMicros: number; perSecond: number }; floor: { perItemMicros: number; perSecond: number }; ratio: number }> = [];
    for (let r = 0; r < ROUNDS; r++) {
      say(`Round ${r + 1} of ${ROUNDS}: ${N} deliveries, then ${N} floor transactions, ${CONCURRENCY} at a time…`);
      const ours = await cpuPer(N, () => deliveries(N));
      const floor = await cpuPer(N, () => floorRun(`r${r}-`));
      rounds.push({ ours, floor, ratio: ratio(floor.perItemMicros, ours.perItemMicros) ?? 0 });
    }
    const cpuRatio = Math.round(median(rounds.map((r) => r.ratio)) * 100) / 100;
    const oursMs = median(rounds.map((r) => r.ours.perItemMicros)) / 1000;
    const floorMs = median(rounds.map((r) => r.floor.perItemMicros)) / 1000;
    const result = {
      ranAt: new Date().toISOString(),
      machine: machine(loadAtStart),
      setup: {
        quick,
        deliveries: N,
        rounds: ROUNDS,
        concurrency: CONCURRENCY,
        customers: CUSTOMERS,
        payload: 'signed Shopify orders/create, the route handler called in process',
      },
      summary: [
        `CPU per delivery ${oursMs.toFixed(2)} ms against ${floorMs.toFixed(2)} ms per floor transaction (medians of ${ROUNDS} rounds): ${cpuRatio}× by CPU (the floor's CPU over ours; higher is better)`,
      ],
      rounds,
      ratio: cpuRatio,
    };
    writeResult('cpu', result);
    say('');
    for (const line of result.summary) say(line);
  } finally {
    await emulator.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
