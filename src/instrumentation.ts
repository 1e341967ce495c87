export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Production refuses to start half-configured (a guessable unsubscribe key, cron that can
  // never authenticate, secrets on local disk) rather than failing later, one request at a time.
  // Next only logs an error thrown here and serves anyway, so the process exits.
  const { checkProductionConfig } = await import('./server/production-config');
  const problems = checkProductionConfig(process.env);
  if (problems.length && process.env.NEXT_PHASE !== 'phase-production-build') {
    console.error(`Refusing to start in production:\n- ${problems.join('\n- ')}\nSee docs/production.md.`);
    process.exit(1);
  }
  // Against the emulators (development, tests), refuse queries whose index is not declared,
  // exactly as production Firestore would.
  if (process.env.FIRESTORE_EMULATOR_HOST) {
    const { installIndexGuard } = await import('./server/db/index-guard');
    installIndexGuard();
  }
}
