import { checkProductionConfig } from './production-config';

/**
 * What the Node server does once at start (from register() in src/instrumentation.ts, which
 * imports this only in the Node.js runtime, so the Edge bundle never sees process.exit).
 */
export async function startServer(): Promise<void> {
  const env = process.env;
  // On the emulators nothing needs Google credentials; without this every Google client (the
  // Firestore client's gRPC stub among them) probes the cloud metadata server, which nothing
  // local may reach, and prints a MetadataLookupWarning. An explicit setting wins.
  if (env.FIRESTORE_EMULATOR_HOST || env.FIREBASE_AUTH_EMULATOR_HOST) env.METADATA_SERVER_DETECTION ??= 'none';
  // Production refuses to start half-configured (a guessable unsubscribe key, cron that can
  // never authenticate, secrets on local disk) rather than failing later, one request at a time.
  // Next only logs an error thrown from register() and serves anyway, so the process exits.
  const problems = checkProductionConfig(env);
  if (problems.length && env.NEXT_PHASE !== 'phase-production-build') {
    console.error(`Refusing to start in production:\n- ${problems.join('\n- ')}\nSee docs/production.md.`);
    process.exit(1);
  }
  // Against the emulators (development, tests), refuse queries whose index is not declared,
  // exactly as production Firestore would.
  if (env.FIRESTORE_EMULATOR_HOST) {
    const { installIndexGuard } = await import('./db/index-guard');
    installIndexGuard();
  }
}
