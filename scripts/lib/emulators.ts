// Finds and starts the official Cloud Firestore emulator (a Java jar) and the Firebase Auth
// emulator (firebase-tools). Never a fake: the jar evaluates rules, cursors, collection-group
// queries and transaction isolation exactly as production does.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';
import { startProcess, waitForHttp, type Running } from './processes';

const ROOT = path.resolve(import.meta.dirname, '../..');
const JAR_NAME = 'cloud-firestore-emulator.jar';

export class MissingPrerequisiteError extends Error {}

const INSTALL_HELP = `Install the official emulator with one of:
  - Debian/Ubuntu (Google Cloud apt repo): apt-get install -y google-cloud-cli-firestore-emulator
  - Google Cloud SDK: gcloud components install cloud-firestore-emulator
  - or point FIRESTORE_EMULATOR_JAR at a cloud-firestore-emulator.jar you already have.
It needs Java 17 or newer (apt-get install -y openjdk-17-jre-headless).`;

export interface FirestoreEmulatorLocation {
  jar: string;
  foundVia: 'FIRESTORE_EMULATOR_JAR' | 'google-cloud-sdk' | 'firebase-tools-cache';
}

export function findFirestoreEmulator(env = process.env): FirestoreEmulatorLocation {
  if (env.FIRESTORE_EMULATOR_JAR) {
    if (!existsSync(env.FIRESTORE_EMULATOR_JAR)) {
      throw new MissingPrerequisiteError(`FIRESTORE_EMULATOR_JAR points at ${env.FIRESTORE_EMULATOR_JAR}, which does not exist.\n${INSTALL_HELP}`);
    }
    return { jar: env.FIRESTORE_EMULATOR_JAR, foundVia: 'FIRESTORE_EMULATOR_JAR' };
  }
  for (const sdk of sdkRoots(env)) {
    const jar = path.join(sdk, 'platform', 'cloud-firestore-emulator', JAR_NAME);
    if (existsSync(jar)) return { jar, foundVia: 'google-cloud-sdk' };
  }
  const cache = path.join(env.XDG_CACHE_HOME ?? path.join(homedir(), '.cache'), 'firebase', 'emulators');
  if (existsSync(cache)) {
    const jars = readdirSync(cache)
      .filter((f) => /^cloud-firestore-emulator-v[\d.]+\.jar$/.test(f))
      .sort(compareVersionedNames);
    const newest = jars.at(-1);
    if (newest) return { jar: path.join(cache, newest), foundVia: 'firebase-tools-cache' };
  }
  throw new MissingPrerequisiteError(
    `The Cloud Firestore emulator was not found (looked at FIRESTORE_EMULATOR_JAR, the Google Cloud SDK and the firebase-tools cache).\n${INSTALL_HELP}`,
  );
}

function sdkRoots(env: NodeJS.ProcessEnv): string[] {
  const roots = [
    env.CLOUDSDK_ROOT_DIR,
    '/usr/lib/google-cloud-sdk',
    '/usr/share/google-cloud-sdk',
    '/opt/google-cloud-sdk',
    path.join(homedir(), 'google-cloud-sdk'),
  ];
  const known = roots.filter((r): r is string => !!r && existsSync(r));
  if (known.length) return known;
  try {
    // Only ask gcloud (slow: it starts Python) when no usual location exists.
    const out = execFileSync('gcloud', ['info', '--format=value(installation.sdk_root)'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 20_000,
    }).trim();
    return out ? [out] : [];
  } catch {
    return [];
  }
}

function compareVersionedNames(a: string, b: string) {
  const va = (a.match(/[\d.]+(?=\.jar$)/)?.[0] ?? '0').split('.').map(Number);
  const vb = (b.match(/[\d.]+(?=\.jar$)/)?.[0] ?? '0').split('.').map(Number);
  for (let i = 0; i < Math.max(va.length, vb.length); i++) {
    const d = (va[i] ?? 0) - (vb[i] ?? 0);
    if (d) return d;
  }
  return 0;
}

export function checkJava(): { version: string; major: number } {
  const res = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (res.error) throw new MissingPrerequisiteError(`Java was not found on PATH. The Firestore emulator needs Java 17 or newer.\n${INSTALL_HELP}`);
  const out = `${res.stderr}${res.stdout}`;
  const m = out.match(/version "(\d+)(?:\.(\d+))?/);
  const first = Number(m?.[1] ?? 0);
  const major = first === 1 ? Number(m?.[2] ?? 0) : first;
  const version = out.split('\n')[0] ?? '';
  if (major < 17)
    throw new MissingPrerequisiteError(`Java 17 or newer is required for the Firestore emulator; found: ${version || 'unknown'}.\n${INSTALL_HELP}`);
  return { version, major };
}

export interface FirestoreEmulatorOptions {
  host: string;
  port: number;
  projectId: string;
  logFile: string;
  /** Path of a `.overall_export_metadata` file to import at start. */
  importMetadata?: string;
  rulesFile?: string;
}

export async function startFirestoreEmulator(opts: FirestoreEmulatorOptions): Promise<Running> {
  checkJava();
  const { jar } = findFirestoreEmulator();
  const args = [
    '-Duser.language=en',
    '-Xss2m',
    '-cp',
    jar,
    'com.google.cloud.datastore.emulator.firestore.CloudFirestore',
    '--host',
    opts.host,
    '--port',
    String(opts.port),
  ];
  if (opts.importMetadata) args.push(`--seed_from_export=${opts.importMetadata}`);
  const proc = startProcess('firestore', 'java', args, { logFile: opts.logFile });
  const up = waitForHttp(`http://${opts.host}:${opts.port}/`, 120_000, (r) => r.ok);
  const died = proc.exited.then((code) => {
    throw new Error(`The Firestore emulator exited (code ${code}) before it was ready; see ${opts.logFile}`);
  });
  await Promise.race([up, died]);
  if (opts.rulesFile) await loadFirestoreRules(`${opts.host}:${opts.port}`, opts.projectId, readFileSync(opts.rulesFile, 'utf8'));
  return proc;
}

export async function loadFirestoreRules(hostPort: string, projectId: string, rules: string) {
  const res = await fetch(`http://${hostPort}/emulator/v1/projects/${projectId}:securityRules`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ rules: { files: [{ name: 'firestore.rules', content: rules }] } }),
  });
  if (!res.ok) throw new Error(`Loading firestore.rules into the emulator failed: ${res.status} ${await res.text()}`);
}

/** Exports every document to `dir` and returns the path of the export's metadata file. */
export async function exportFirestore(hostPort: string, projectId: string, dir: string): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const res = await fetch(`http://${hostPort}/emulator/v1/projects/${projectId}:export`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ database: `projects/${projectId}/databases/(default)`, export_directory: dir }),
  });
  if (!res.ok) throw new Error(`Firestore export failed: ${res.status} ${await res.text()}`);
  const meta = findExportMetadata(dir);
  if (!meta) throw new Error(`Firestore export wrote no metadata file under ${dir}`);
  return meta;
}

export function findExportMetadata(dir: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isFile() && entry.name.endsWith('.overall_export_metadata')) return full;
    if (entry.isDirectory()) {
      const inner = findExportMetadata(full);
      if (inner) return inner;
    }
  }
  return undefined;
}

export interface AuthEmulatorOptions {
  host: string;
  port: number;
  hubPort: number;
  loggingPort: number;
  projectId: string;
  workDir: string;
  logFile: string;
  importDir?: string;
  exportOnExitDir?: string;
}

export async function startAuthEmulator(opts: AuthEmulatorOptions): Promise<Running> {
  mkdirSync(opts.workDir, { recursive: true });
  // A per-run firebase.json so ports are configurable and several stacks can run side by side.
  const config = {
    emulators: {
      auth: { host: opts.host, port: opts.port },
      hub: { host: opts.host, port: opts.hubPort },
      logging: { host: opts.host, port: opts.loggingPort },
      ui: { enabled: false },
      singleProjectMode: true,
    },
  };
  const configPath = path.join(opts.workDir, 'firebase.json');
  writeFileSync(configPath, JSON.stringify(config, null, 2));
  const bin = path.join(ROOT, 'node_modules', 'firebase-tools', 'lib', 'bin', 'firebase.js');
  if (!existsSync(bin)) throw new MissingPrerequisiteError('firebase-tools is not installed; run `npm install` first.');
  const args = [bin, 'emulators:start', '--only', 'auth', '--project', opts.projectId, '--config', configPath];
  if (opts.importDir && existsSync(path.join(opts.importDir, 'firebase-export-metadata.json'))) args.push('--import', opts.importDir);
  if (opts.exportOnExitDir) args.push('--export-on-exit', opts.exportOnExitDir);
  const proc = startProcess('auth', process.execPath, args, {
    cwd: opts.workDir,
    logFile: opts.logFile,
    env: { ...process.env, NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', CI: process.env.CI ?? '' },
  });
  const up = waitForHttp(`http://${opts.host}:${opts.port}/`, 120_000, (r) => r.ok);
  const died = proc.exited.then((code) => {
    throw new Error(`The Auth emulator exited (code ${code}) before it was ready; see ${opts.logFile}`);
  });
  await Promise.race([up, died]);
  return proc;
}
