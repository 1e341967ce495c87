// The local stack: Firestore emulator, Auth emulator, seeded data, and Next.js. Used by
// `npm run dev` (persistent data) and by the end-to-end tests (ephemeral data, production build).
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fetchChoice, type FetchChoice } from './emulator-prerequisites';
import { ensureFirestoreEmulator } from './emulator-setup';
import { exportFirestore, findExportMetadata, startAuthEmulator, startFirestoreEmulator } from './emulators';
import { localProcessEnv } from './local-env';
import { assertPortsFree, startProcess, waitForHttp, type Running } from './processes';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface StackOptions {
  host: string;
  ports: { next: number; firestore: number; auth: number; hub: number; logging: number };
  projectId: string;
  /** Where data persists between runs; undefined means a throwaway directory. */
  dataDir?: string;
  fresh: boolean;
  mode: 'dev' | 'prod';
  /** Run `next build` before `next start` in prod mode. */
  build: boolean;
  /** Call /api/cron/tick every minute and /api/cron/daily once a day, as Cloud Scheduler would. */
  ticker: boolean;
  /** Seed the demo dispensaries into a fresh emulator (default true; the benchmarks make their own data). */
  seed?: boolean;
  /** When the Firestore emulator is missing: fetch it through firebase-tools, refuse, or ask at a terminal (the default). */
  fetchEmulator?: FetchChoice;
  say: (line: string) => void;
}

export function stackOptionsFromEnv(
  argv: { fresh?: boolean; ephemeral?: boolean; prod?: boolean; build?: boolean; ticker?: boolean; fetchEmulator?: boolean },
  env = process.env,
): StackOptions {
  const port = (name: string, fallback: number) => {
    const raw = env[name];
    if (!raw) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${name}=${raw} is not a valid port number.`);
    return n;
  };
  return {
    host: '127.0.0.1',
    ports: {
      next: port('PORT', 3000),
      firestore: port('FIRESTORE_PORT', 8080),
      auth: port('AUTH_PORT', 9099),
      hub: port('EMULATOR_HUB_PORT', 4400),
      logging: port('EMULATOR_LOGGING_PORT', 4500),
    },
    projectId: env.FIREBASE_PROJECT_ID ?? 'demo-bakedbot',
    dataDir: argv.ephemeral ? undefined : path.join(ROOT, '.emulator-data'),
    fresh: !!argv.fresh || !!argv.ephemeral,
    mode: argv.prod ? 'prod' : 'dev',
    build: argv.build ?? true,
    ticker: argv.ticker ?? true,
    fetchEmulator: fetchChoice(argv.fetchEmulator, env),
    say: (line) => process.stdout.write(`${line}\n`),
  };
}

export interface RunningStack {
  url: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  /** Resolves when any process of the stack exits on its own. */
  crashed: Promise<string>;
}

const PID_FILE = path.join(ROOT, '.stack', 'pids.json');

interface PidFile {
  owner: number;
  procs: Array<{ name: string; pid: number }>;
}

export class StackAlreadyRunningError extends Error {}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Another `npm run dev` still running is refused; processes a crashed earlier run left behind
 * (its orchestrator is gone) are stopped, since they would hold the ports.
 */
function claimStack(say: (l: string) => void) {
  if (!existsSync(PID_FILE)) return;
  let file: PidFile | undefined;
  try {
    file = JSON.parse(readFileSync(PID_FILE, 'utf8')) as PidFile;
  } catch {
    /* unreadable: treat as absent */
  }
  if (file && file.owner !== process.pid && alive(file.owner)) {
    throw new StackAlreadyRunningError(
      `The local stack is already running (npm run dev, pid ${file.owner}). Stop it with Ctrl-C first, or run a second stack with other ports and --ephemeral.`,
    );
  }
  for (const { name, pid } of file?.procs ?? []) {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      if (/cloud-firestore-emulator|firebase|next/.test(cmd)) {
        process.kill(-pid, 'SIGTERM');
        say(`Stopped a ${name} process (pid ${pid}) left over from an earlier run.`);
      }
    } catch {
      /* not running any more */
    }
  }
  rmSync(PID_FILE, { force: true });
}

export async function startStack(opts: StackOptions, signal?: AbortSignal): Promise<RunningStack> {
  const { host, ports, projectId, say } = opts;
  const persistent = !!opts.dataDir;
  const stackDir = persistent ? path.join(ROOT, '.stack') : mkdtempSync(path.join(tmpdir(), 'bakedbot-stack-'));
  const dataDir = opts.dataDir ?? path.join(stackDir, 'data');
  const logDir = path.join(stackDir, 'logs');
  mkdirSync(logDir, { recursive: true });

  const procs: Running[] = [];
  const writePids = () => {
    if (!persistent) return;
    mkdirSync(path.dirname(PID_FILE), { recursive: true });
    const file: PidFile = { owner: process.pid, procs: procs.map((p) => ({ name: p.name, pid: p.child.pid ?? 0 })) };
    writeFileSync(PID_FILE, JSON.stringify(file));
  };

  if (persistent) {
    claimStack(say);
    writePids();
  }
  // A fresh record per stack: a test reads it to prove no process probed the metadata server.
  if (process.env.METADATA_PROBE_LOG) writeFileSync(process.env.METADATA_PROBE_LOG, '');
  const location = await ensureFirestoreEmulator({ fetch: opts.fetchEmulator ?? 'ask', say, signal });
  await assertPortsFree([
    { port: ports.next, what: 'Next.js', env: 'PORT' },
    { port: ports.firestore, what: 'Firestore emulator', env: 'FIRESTORE_PORT' },
    { port: ports.auth, what: 'Auth emulator', env: 'AUTH_PORT' },
    { port: ports.hub, what: 'Firebase emulator hub', env: 'EMULATOR_HUB_PORT' },
    { port: ports.logging, what: 'Firebase emulator logging', env: 'EMULATOR_LOGGING_PORT' },
  ]);

  if (opts.fresh && persistent) {
    rmSync(dataDir, { recursive: true, force: true });
    say('Starting fresh: saved emulator data removed.');
  }
  const firestoreDir = path.join(dataDir, 'firestore');
  const authDir = path.join(dataDir, 'auth');
  const importMetadata = opts.fresh ? undefined : findExportMetadata(firestoreDir);

  const firestoreHost = `${host}:${ports.firestore}`;
  const authHost = `${host}:${ports.auth}`;
  const env: Record<string, string> = {
    FIRESTORE_EMULATOR_HOST: firestoreHost,
    FIREBASE_AUTH_EMULATOR_HOST: authHost,
    FIREBASE_PROJECT_ID: projectId,
    GCLOUD_PROJECT: projectId,
    APP_BASE_URL: `http://localhost:${ports.next}`,
    NEXT_TELEMETRY_DISABLED: '1',
    // Locally the cron endpoints take a shared secret; production takes only Google OIDC.
    CRON_SECRET: process.env.CRON_SECRET ?? randomBytes(24).toString('hex'),
    // Nothing local looks for the cloud metadata server (see local-env.ts).
    METADATA_SERVER_DETECTION: 'none',
  };

  const stopAll = async () => {
    // Next first (no new writes), then save Firestore, then let firebase-tools export Auth on SIGINT.
    const next = procs.find((p) => p.name === 'next');
    await next?.stop('SIGTERM', 5_000);
    const fs = procs.find((p) => p.name === 'firestore');
    if (persistent && fs && fs.child.exitCode === null) {
      try {
        await saveFirestore(firestoreHost, projectId, firestoreDir);
        say('Saved Firestore data to .emulator-data/.');
      } catch (err) {
        say(`Could not save Firestore data: ${(err as Error).message}`);
      }
    }
    await procs.find((p) => p.name === 'auth')?.stop('SIGINT', 20_000);
    await fs?.stop('SIGTERM', 5_000);
    rmSync(PID_FILE, { force: true });
    if (!persistent) rmSync(stackDir, { recursive: true, force: true });
  };

  const checkpoint = () => {
    if (signal?.aborted) throw new Error('Start-up interrupted.');
  };
  try {
    say(`Starting the Cloud Firestore emulator (${location.jar}) on ${firestoreHost}${importMetadata ? ', importing saved data' : ''}…`);
    procs.push(
      await startFirestoreEmulator({
        host,
        port: ports.firestore,
        projectId,
        logFile: path.join(logDir, 'firestore.log'),
        importMetadata,
        rulesFile: path.join(ROOT, 'firestore.rules'),
        location,
      }),
    );
    checkpoint();
    writePids();
    say(`Starting the Firebase Auth emulator on ${authHost}…`);
    procs.push(
      await startAuthEmulator({
        host,
        port: ports.auth,
        hubPort: ports.hub,
        loggingPort: ports.logging,
        projectId,
        workDir: path.join(stackDir, 'firebase'),
        logFile: path.join(logDir, 'auth.log'),
        importDir: opts.fresh ? undefined : authDir,
        exportOnExitDir: persistent ? authDir : undefined,
      }),
    );
    writePids();

    checkpoint();
    Object.assign(process.env, env);
    const { seedDemo, ensureDemoLogins } = await import('../../src/server/seed/seed-demo');
    const { systemClock } = await import('../../src/domain/clock');
    if (importMetadata) {
      await ensureDemoLogins();
      await upgradeSavedData(say);
    } else if (opts.seed !== false) {
      say('Seeding the demo dispensaries (first run)…');
      const started = Date.now();
      const summary = await seedDemo({ clock: systemClock, log: (m) => say(`  ${m}`) });
      say(`Seeded in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(summary)}`);
      if (persistent) await saveFirestore(firestoreHost, projectId, firestoreDir);
    }

    checkpoint();
    const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
    const childEnv = localProcessEnv({ ...process.env, ...env });
    if (opts.mode === 'prod') {
      if (opts.build || !existsSync(path.join(ROOT, process.env.NEXT_DIST_DIR ?? '.next', 'BUILD_ID'))) {
        say('Building the production bundle (next build)…');
        const build = startProcess('next-build', process.execPath, [nextBin, 'build'], {
          cwd: ROOT,
          env: childEnv,
          logFile: path.join(logDir, 'next-build.log'),
        });
        const code = await build.exited;
        if (code !== 0) throw new Error(`next build failed (exit ${code}); see ${path.join(logDir, 'next-build.log')}`);
      }
      procs.push(
        startProcess('next', process.execPath, [nextBin, 'start', '-H', host, '-p', String(ports.next)], {
          cwd: ROOT,
          env: { ...childEnv, NODE_ENV: 'production' },
          logFile: path.join(logDir, 'next.log'),
        }),
      );
    } else {
      procs.push(
        startProcess('next', process.execPath, [nextBin, 'dev', '-H', host, '-p', String(ports.next)], { cwd: ROOT, env: childEnv, inheritOutput: true }),
      );
    }
    writePids();
    checkpoint();
    await waitForHttp(`http://${host}:${ports.next}/api/health`, 180_000, (r) => r.ok);
    checkpoint();
  } catch (err) {
    await stopAll();
    throw err;
  }

  const timers: NodeJS.Timeout[] = [];
  if (opts.ticker) timers.push(...startTicker(`http://${host}:${ports.next}`, env.CRON_SECRET!, say));
  let autosave: NodeJS.Timeout | undefined;
  if (persistent) {
    // A periodic save limits what a hard kill (no Ctrl-C) can lose.
    autosave = setInterval(() => void saveFirestore(firestoreHost, projectId, firestoreDir).catch(() => undefined), 10 * 60_000);
    autosave.unref();
  }
  const crashed = Promise.race(procs.map((p) => p.exited.then((code) => `${p.name} exited (code ${code})`)));
  return {
    url: `http://localhost:${ports.next}`,
    env,
    crashed,
    stop: async () => {
      if (autosave) clearInterval(autosave);
      for (const t of timers) clearInterval(t);
      await stopAll();
    },
  };
}

/** Plays Cloud Scheduler locally: the tick every minute, the daily job a minute after start and then daily. */
function startTicker(base: string, secret: string, say: (l: string) => void): NodeJS.Timeout[] {
  const call = async (path: string) => {
    try {
      const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'x-cron-secret': secret }, signal: AbortSignal.timeout(55_000) });
      if (!res.ok) {
        say(`[ticker] ${path} answered ${res.status}`);
        return;
      }
      const body = (await res.json()) as { tasks?: Array<{ name: string; ok: boolean; report?: Record<string, unknown>; error?: string }> };
      for (const t of body.tasks ?? []) {
        if (!t.ok) say(`[ticker] ${path} ${t.name} failed: ${t.error}`);
        else if (t.report && Object.values(t.report).some((v) => typeof v === 'number' && v > 0))
          say(`[ticker] ${path} ${t.name}: ${JSON.stringify(t.report)}`);
      }
    } catch (err) {
      say(`[ticker] ${path} failed: ${(err as Error).message}`);
    }
  };
  const tick = setInterval(() => void call('/api/cron/tick'), 60_000);
  const firstDaily = setTimeout(() => void call('/api/cron/daily'), 60_000);
  const daily = setInterval(() => void call('/api/cron/daily'), 24 * 60 * 60_000);
  for (const t of [tick, firstDaily, daily]) t.unref();
  return [tick, firstDaily, daily];
}

/** Exports to a sibling directory first, then swaps, so a failed export never destroys the last good one. */
async function saveFirestore(hostPort: string, projectId: string, firestoreDir: string) {
  const staging = `${firestoreDir}.staging`;
  rmSync(staging, { recursive: true, force: true });
  await exportFirestore(hostPort, projectId, staging);
  const old = `${firestoreDir}.old`;
  rmSync(old, { recursive: true, force: true });
  if (existsSync(firestoreDir)) renameSync(firestoreDir, old);
  renameSync(staging, firestoreDir);
  rmSync(old, { recursive: true, force: true });
}

/**
 * Data saved by an earlier `npm run dev` predates fields this version derives when a profile is
 * written: the search keys the customer list finds people by are filled in for every tenant (a run
 * with nothing to do only reads). Segments catch up through the daily job the local ticker calls
 * a minute after start.
 */
async function upgradeSavedData(say: (m: string) => void) {
  const { tenantDb, tenantsCollection } = await import('../../src/server/db/tenant-db');
  const { backfillSearchKeys } = await import('../../src/server/services/customers/backfill-search-keys');
  const { rebuildRollups } = await import('../../src/server/services/analytics/rebuild-rollups');
  const { systemActor } = await import('../../src/domain/roles');
  const { systemClock } = await import('../../src/domain/clock');
  for (const doc of (await tenantsCollection().ref.get()).docs) {
    const r = await backfillSearchKeys({ orgId: doc.id });
    if (r.updated) say(`Search keys added to ${r.updated} saved customer profiles of ${doc.id}.`);
    // Data saved before daily rollups existed: orders but no rollups, so the Overview would show nothing.
    const tdb = tenantDb(doc.id);
    const [rollups, orders] = await Promise.all([tdb.rollupsDaily.ref.limit(1).select().get(), tdb.orders.ref.limit(1).select().get()]);
    if (rollups.empty && !orders.empty) {
      const report = await rebuildRollups({ orgId: doc.id, actor: systemActor('dev'), clock: systemClock });
      say(`Daily rollups rebuilt for ${doc.id} (${report.orders} orders).`);
    }
  }
}
