// npm run dev [-- --fresh] [-- --prod]: the whole local stack with a seeded demo dispensary.
import { parseArgs } from 'node:util';
import { MissingPrerequisiteError } from './lib/emulator-prerequisites';
import { guardThisProcess } from './lib/local-env';
import { PortInUseError } from './lib/processes';
import { StackAlreadyRunningError, startStack, stackOptionsFromEnv } from './lib/stack';

const { values } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    ephemeral: { type: 'boolean', default: false },
    prod: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    'no-ticker': { type: 'boolean', default: false },
    'fetch-emulator': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(`npm run dev [-- options]

Starts the Firestore and Auth emulators, seeds the demo on first run, and starts Next.js.

  --fresh       forget saved emulator data and seed again
  --ephemeral   use a throwaway data directory (nothing is saved)
  --prod        serve a production build (next build + next start) instead of next dev
  --no-build    with --prod, reuse an existing build
  --no-ticker   do not call the cron endpoints every minute (tests call them themselves)
  --fetch-emulator
                when the Cloud Firestore emulator is missing, fetch it through firebase-tools without
                asking (also FETCH_FIRESTORE_EMULATOR=1); at a terminal npm run dev asks instead

Ports: PORT (3000), FIRESTORE_PORT (8080), AUTH_PORT (9099), EMULATOR_HUB_PORT (4400), EMULATOR_LOGGING_PORT (4500).
`);
  process.exit(0);
}

// Before anything constructs a Google client: the seed runs in this process.
await guardThisProcess();

const opts = stackOptionsFromEnv({
  fresh: values.fresh,
  ephemeral: values.ephemeral,
  prod: values.prod,
  build: !values['no-build'],
  ticker: !values['no-ticker'],
  fetchEmulator: values['fetch-emulator'],
});

async function main() {
  let stopping = false;
  const startup = new AbortController();
  const early = () => {
    process.stdout.write('\nStopping once the current start-up step ends…\n');
    startup.abort();
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
  const stack = await startStack(opts, startup.signal).catch((err: unknown) => {
    if (startup.signal.aborted) process.exit(0);
    throw err;
  });
  process.off('SIGINT', early);
  process.off('SIGTERM', early);
  const { DEMO_LOGINS } = await import('../src/server/seed/demo-tenants');
  const byTenant = new Map<string, typeof DEMO_LOGINS>();
  for (const l of DEMO_LOGINS) byTenant.set(l.tenantName, [...(byTenant.get(l.tenantName) ?? []), l]);
  const lines = [
    '',
    `  BakedBot is running at ${stack.url}`,
    '',
    ...[...byTenant.entries()].flatMap(([tenant, logins]) => [
      `  ${tenant}`,
      ...logins.map((l) => `    ${l.role.padEnd(10)} ${l.email.padEnd(32)} ${l.password}`),
      '',
    ]),
    opts.dataDir ? '  Data is kept between runs in .emulator-data/; start over with: npm run dev -- --fresh' : '  Data is thrown away when this stops.',
    '  Press Ctrl-C to stop everything.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = async (reason: string, code: number) => {
    if (stopping) return;
    stopping = true;
    process.stdout.write(`\nStopping (${reason})…\n`);
    await stack.stop();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('Ctrl-C', 0));
  process.on('SIGTERM', () => void shutdown('SIGTERM', 0));
  process.on('SIGHUP', () => void shutdown('SIGHUP', 0));
  void stack.crashed.then((what) => shutdown(what, 1));
}

main().catch((err: unknown) => {
  if (err instanceof MissingPrerequisiteError || err instanceof PortInUseError || err instanceof StackAlreadyRunningError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(`\nThe local stack did not start: ${(err as Error).stack ?? String(err)}\n\n`);
  }
  process.exit(1);
});
