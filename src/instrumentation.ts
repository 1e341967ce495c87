export async function register() {
  // Against the emulators (development, tests), refuse queries whose index is not declared,
  // exactly as production Firestore would.
  if (process.env.NEXT_RUNTIME === 'nodejs' && process.env.FIRESTORE_EMULATOR_HOST) {
    const { installIndexGuard } = await import('./server/db/index-guard');
    installIndexGuard();
  }
}
