import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { inject } from 'vitest';

const run = promisify(execFile);

/** Runs `npm run admin -- …` as an operator would, against this test run's emulators. */
export async function admin(...args: string[]): Promise<{ code: number; out: unknown; stderr: string }> {
  const env = {
    ...process.env,
    FIRESTORE_EMULATOR_HOST: inject('firestoreHost'),
    FIREBASE_AUTH_EMULATOR_HOST: inject('authHost'),
    FIREBASE_PROJECT_ID: inject('projectId'),
    GCLOUD_PROJECT: inject('projectId'),
    APP_BASE_URL: 'https://bakedbot.example',
  };
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { env, cwd: process.cwd() });
    return { code: 0, out: args.includes('--json') ? JSON.parse(stdout) : stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout, stderr: e.stderr };
  }
}
