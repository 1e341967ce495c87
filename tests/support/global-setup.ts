// Starts the real Cloud Firestore emulator and the Firebase Auth emulator on free ports for the
// integration tests. Each test makes its own tenant, so files share these processes safely.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startAuthEmulator, startFirestoreEmulator } from '../../scripts/lib/emulators';
import { pruneUsageDirs, usageDirFor } from '../../scripts/lib/integration-record';
import { freePort } from '../../scripts/lib/processes';

declare module 'vitest' {
  export interface ProvidedContext {
    firestoreHost: string;
    authHost: string;
    projectId: string;
    indexUsageDir: string;
  }
}

export default async function setup(project: TestProject) {
  // Nothing local looks for the cloud metadata server (firebase-tools gets it through startAuthEmulator).
  process.env.METADATA_SERVER_DETECTION = 'none';
  pruneUsageDirs();
  const indexUsageDir = usageDirFor(process.pid);
  mkdirSync(indexUsageDir, { recursive: true });
  const dir = mkdtempSync(path.join(tmpdir(), 'bakedbot-it-'));
  const host = '127.0.0.1';
  const projectId = `demo-bakedbot-it-${process.pid}`;
  const [fsPort, authPort, hubPort, loggingPort] = [await freePort(), await freePort(), await freePort(), await freePort()];
  const firestore = await startFirestoreEmulator({ host, port: fsPort, projectId, logFile: path.join(dir, 'firestore.log') });
  let auth;
  try {
    auth = await startAuthEmulator({
      host,
      port: authPort,
      hubPort,
      loggingPort,
      projectId,
      workDir: path.join(dir, 'firebase'),
      logFile: path.join(dir, 'auth.log'),
    });
  } catch (err) {
    await firestore.stop();
    throw err;
  }
  project.provide('firestoreHost', `${host}:${fsPort}`);
  project.provide('authHost', `${host}:${authPort}`);
  project.provide('projectId', projectId);
  project.provide('indexUsageDir', indexUsageDir);
  return async () => {
    await Promise.all([auth.stop('SIGTERM', 5_000), firestore.stop('SIGTERM', 5_000)]);
    rmSync(dir, { recursive: true, force: true });
  };
}
