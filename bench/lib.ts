// What the benchmarks share: starting the production stack (or the emulator alone), percentiles, ratios, the machine.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startFirestoreEmulator } from '../scripts/lib/emulators';
import { assertPortsFree } from '../scripts/lib/processes';
import { ROOT, startStack, type RunningStack } from '../scripts/lib/stack';

export const say = (line: string) => process.stdout.write(`${line}\n`);

export interface Percentiles {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  mean: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

export function percentiles(ms: number[]): Percentiles {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))] ?? 0;
  return {
    n: s.length,
    p50: round1(at(50)),
    p90: round1(at(90)),
    p99: round1(at(99)),
    max: round1(s.at(-1) ?? 0),
    mean: round1(s.reduce((a, b) => a + b, 0) / Math.max(1, s.length)),
  };
}

export const ratio = (ours: number, floor: number) => (floor > 0 ? Math.round((ours / floor) * 100) / 100 : null);
export const perSecond = (n: number, ms: number) => (ms > 0 ? round1(n / (ms / 1000)) : 0);

/** The machine, and how busy it was: the load average at the start and the end of the run. */
export function machine(loadAtStart: number[]) {
  return {
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memoryGb: Math.round(os.totalmem() / 1e9),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage: { start: loadAtStart.map(round1), end: os.loadavg().map(round1) },
  };
}

export function writeResult(name: string, result: unknown) {
  mkdirSync(path.join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(path.join(ROOT, 'bench', 'results', `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
  say(`Wrote bench/results/${name}.json`);
}

/**
 * The production build (next build + next start) on a fresh Firestore emulator, on the bench's own
 * ports. It builds into .next-bench, whose tsconfig (tsconfig.build.json, see next.config.ts)
 * leaves tsconfig.json untouched.
 */
export async function startBenchStack(o: { ports: Parameters<typeof startStack>[0]['ports']; projectId: string; build: boolean }): Promise<RunningStack> {
  process.env.NEXT_DIST_DIR ??= '.next-bench';
  process.env.LOG_LEVEL ??= 'warn';
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  process.env.BENCH_SKIP_TYPECHECK ??= '1';
  say(`Starting the stack (next ${o.build ? 'build + start' : 'start'}, Firestore emulator) on ${o.ports.next}…`);
  return startStack({
    host: '127.0.0.1',
    ports: o.ports,
    projectId: o.projectId,
    fresh: true,
    mode: 'prod',
    build: o.build,
    ticker: false,
    seed: false,
    say: (l) => say(`  ${l}`),
  });
}

/**
 * A fresh Firestore emulator alone, for a benchmark that calls the services in its own process
 * (no Next build: the figures are service against Firestore, both sides from the same process).
 * Points this process's Admin SDK at it; `stop` ends it and removes its log.
 */
export async function startBenchEmulator(o: { port: number; projectId: string }): Promise<{ stop: () => Promise<void> }> {
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  process.env.LOG_LEVEL ??= 'warn';
  await assertPortsFree([{ port: o.port, what: 'Firestore emulator', env: 'FIRESTORE_PORT' }]);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bakedbot-bench-'));
  say(`Starting the Firestore emulator on 127.0.0.1:${o.port}…`);
  const proc = await startFirestoreEmulator({ host: '127.0.0.1', port: o.port, projectId: o.projectId, logFile: path.join(dir, 'firestore.log') });
  Object.assign(process.env, { FIRESTORE_EMULATOR_HOST: `127.0.0.1:${o.port}`, FIREBASE_PROJECT_ID: o.projectId, GCLOUD_PROJECT: o.projectId });
  return {
    stop: async () => {
      await proc.stop('SIGTERM', 5_000);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `work` on `concurrency` workers until `n` items are done; returns the wall time in ms. */
export async function pool(n: number, concurrency: number, work: (i: number) => Promise<unknown>): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(n, concurrency) }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
  return performance.now() - t0;
}

/** A table of per-stage figures (p50 of each stage over the deliveries). */
export function stageTable(samples: Array<Record<string, number>>): Record<string, Percentiles> {
  const keys = [...new Set(samples.flatMap((s) => Object.keys(s)))];
  return Object.fromEntries(keys.map((k) => [k, percentiles(samples.map((s) => s[k] ?? 0))]));
}

export function printStages(title: string, table: Record<string, Percentiles>) {
  say(title);
  for (const [stage, p] of Object.entries(table))
    say(`  ${stage.padEnd(9)} p50 ${String(p.p50).padStart(7)} ms   p90 ${String(p.p90).padStart(7)} ms   mean ${String(p.mean).padStart(7)} ms`);
}
