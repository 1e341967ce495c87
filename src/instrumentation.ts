export async function register() {
  // The condition is inlined at build time, so the Edge bundle drops the import (Next's pattern
  // for runtime-specific code): start-up work uses Node APIs such as process.exit.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./server/start-server');
    await startServer();
  }
}
