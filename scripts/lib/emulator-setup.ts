// `npm run dev` on a machine without the Firestore emulator: offer to fetch it through
// firebase-tools (a question at a terminal, --fetch-emulator or FETCH_FIRESTORE_EMULATOR=1
// otherwise), then go on. The decisions and messages live in emulator-prerequisites.ts.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline/promises';
import path from 'node:path';
import {
  acceptsFetch,
  detectJava,
  fetchEmulatorArgs,
  firebaseToolsCacheDir,
  firebaseToolsMinJava,
  locateFirestoreEmulator,
  MissingPrerequisiteError,
  planFirestoreEmulator,
  type FetchChoice,
  type FirestoreEmulatorLocation,
  type PlanInput,
} from './emulator-prerequisites';
import { localProcessEnv } from './local-env';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface EnsureEmulatorOptions {
  fetch: FetchChoice;
  say: (line: string) => void;
  signal?: AbortSignal;
}

export async function ensureFirestoreEmulator(opts: EnsureEmulatorOptions): Promise<FirestoreEmulatorLocation> {
  const facts = (): PlanInput => ({
    location: locateFirestoreEmulator(process.env),
    java: detectJava(),
    fetch: opts.fetch,
    interactive: !!process.stdin.isTTY && !!process.stdout.isTTY,
    firebaseToolsJava: firebaseToolsMinJava(ROOT),
  });
  const input = facts();
  let plan = planFirestoreEmulator(input);
  if (plan.action === 'ask') {
    const yes = await ask(plan.question, opts.signal);
    plan = yes ? { action: 'fetch' } : planFirestoreEmulator({ ...input, fetch: 'no' });
  }
  if (plan.action === 'fetch') {
    await fetchWithFirebaseTools(opts.say);
    const after = facts();
    if (!after.location) throw new MissingPrerequisiteError(`firebase-tools finished, but no emulator jar is in ${firebaseToolsCacheDir(process.env)}.`);
    plan = planFirestoreEmulator({ ...after, fetch: 'no' });
  }
  if (plan.action === 'start') return plan.location;
  throw new MissingPrerequisiteError(plan.action === 'stop' ? plan.message : 'The Cloud Firestore emulator is not installed.');
}

async function ask(question: string, signal?: AbortSignal): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    // Ctrl-C at the prompt is a no, not a hang.
    const aborted = new Promise<string>((resolve) => rl.once('SIGINT', () => resolve('n')));
    return acceptsFetch(await Promise.race([rl.question(question, signal ? { signal } : {}), aborted]));
  } catch {
    return false;
  } finally {
    rl.close();
  }
}

function fetchWithFirebaseTools(say: (line: string) => void): Promise<void> {
  const args = fetchEmulatorArgs(ROOT);
  say(`Fetching the Cloud Firestore emulator: firebase ${args.slice(1).join(' ')}…`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...localProcessEnv(), NO_UPDATE_NOTIFIER: '1', FIREBASE_CLI_DISABLE_UPDATE_CHECK: 'true' },
    });
    child.once('error', (err) => reject(new MissingPrerequisiteError(`firebase-tools could not be started: ${err.message}. Run npm install first.`)));
    child.once('exit', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new MissingPrerequisiteError(
            `firebase-tools could not fetch the emulator (exit ${code}); its output is above. Without access to storage.googleapis.com, install it from the Google Cloud SDK instead: apt-get install -y google-cloud-cli-firestore-emulator.`,
          ),
        );
    });
  });
}
