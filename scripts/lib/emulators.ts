// Finds and starts the official Cloud Firestore emulator (a Java jar) and the Firebase Auth
// emulator (firebase-tools). Never a fake: the jar evaluates rules, cursors, collection-group
// queries and transaction isolation exactly as production does.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  detectJava,
  explainEmulatorExit,
  firebaseToolsMinJava,
  firestoreEmulatorArgs,
  locateFirestoreEmulator,
  MissingPrerequisiteError,
  planFirestoreEmulator,
  type FirestoreEmulatorLocation,
} from './emulator-prerequisites';
import { localProcessEnv } from './local-env';
import { startProcess, waitForHttp, type Running } from './processes';

const ROOT = path.resolve(import.meta.dirname, '../..');

export { MissingPrerequisiteError } from './emulator-prerequisites';

/**
 * The emulator to run when nobody can be asked (tests, CI): found, with a Java that runs it, or a
 * MissingPrerequisiteError saying what to install. `npm run dev` may fetch it first (emulator-setup.ts).
 */
export function requireFirestoreEmulator(env = process.env): FirestoreEmulatorLocation {
  const plan = planFirestoreEmulator({
    location: locateFirestoreEmulator(env),
    java: detectJava(),
    fetch: 'no',
    interactive: false,
    firebaseToolsJava: firebaseToolsMinJava(ROOT),
  });
  if (plan.action === 'start') return plan.location;
  throw new MissingPrerequisiteError(plan.action === 'stop' ? plan.message : 'The Cloud Firestore emulator is not installed.');
}

export interface FirestoreEmulatorOptions {
  host: string;
  port: number;
  projectId: string;
  logFile: string;
  /** Path of a `.overall_export_metadata` file to import at start. */
  importMetadata?: string;
  rulesFile?: string;
  /** Found (and its Java checked) by the caller; otherwise looked up without asking anyone. */
  location?: FirestoreEmulatorLocation;
}

export async function startFirestoreEmulator(opts: FirestoreEmulatorOptions): Promise<Running> {
  const location = opts.location ?? requireFirestoreEmulator();
  const args = firestoreEmulatorArgs(location, { host: opts.host, port: opts.port, importMetadata: opts.importMetadata });
  const proc = startProcess('firestore', 'java', args, { logFile: opts.logFile });
  const up = waitForHttp(`http://${opts.host}:${opts.port}/`, 120_000, (r) => r.ok);
  const died = proc.exited.then(async (code) => {
    await new Promise((r) => setTimeout(r, 200)); // let the log stream flush
    const why = existsSync(opts.logFile) ? explainEmulatorExit(readFileSync(opts.logFile, 'utf8')) : undefined;
    if (why) throw new MissingPrerequisiteError(why);
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
    env: { ...localProcessEnv(), NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true', CI: process.env.CI ?? '' },
  });
  // firebase-tools takes a minute to start on a busy 2-CPU machine; give it five.
  const up = waitForHttp(`http://${opts.host}:${opts.port}/`, 300_000, (r) => r.ok);
  const died = proc.exited.then((code) => {
    throw new Error(`The Auth emulator exited (code ${code}) before it was ready; see ${opts.logFile}`);
  });
  await Promise.race([up, died]);
  return proc;
}
