import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';

// The test workers read the e2e stack's Firestore themselves (the outbox, fixtures) through
// firebase-admin: like every local process, they never look for the cloud metadata server. Set
// here, where the runner and each worker load the config, before any test imports firebase-admin
// (a worker without it printed a MetadataLookupWarning after probing 169.254.169.254).
process.env.METADATA_SERVER_DETECTION = 'none';

// The e2e stack runs on its own ports with throwaway data, so it never touches `npm run dev`.
const port = Number(process.env.E2E_PORT ?? 3100);
export const E2E_CRON_SECRET = 'e2e-cron-secret-not-for-production';
/** Where every process of the e2e stack records a metadata-server probe (the stack empties it at start). */
export const E2E_METADATA_PROBE_LOG = path.join(tmpdir(), `bakedbot-e2e-${port}-metadata-probes.log`);
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    ...devices['Desktop Chrome'],
    launchOptions: {
      // Never download a browser: use the system Chromium (Debian package `chromium`).
      executablePath: process.env.PLAYWRIGHT_CHROMIUM_PATH ?? systemChromium,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    command: 'node --import tsx scripts/dev.ts --ephemeral --prod --no-ticker',
    url: `http://127.0.0.1:${port}/api/health`,
    reuseExistingServer: false,
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 30_000 },
    env: {
      PORT: String(port),
      FIRESTORE_PORT: process.env.E2E_FIRESTORE_PORT ?? '18180',
      AUTH_PORT: process.env.E2E_AUTH_PORT ?? '19199',
      EMULATOR_HUB_PORT: process.env.E2E_HUB_PORT ?? '14400',
      EMULATOR_LOGGING_PORT: process.env.E2E_LOGGING_PORT ?? '14500',
      FIREBASE_PROJECT_ID: 'demo-bakedbot-e2e',
      // Tests run the cron tick themselves when they need it (no background ticker).
      CRON_SECRET: E2E_CRON_SECRET,
      METADATA_PROBE_LOG: E2E_METADATA_PROBE_LOG,
    },
  },
});
