// npm run admin -- <group> <command> [--options] [--json]: operator tasks against the local
// emulator (`npm run dev`'s) or, with --production, the real project. See --help.

interface Parsed {
  positionals: string[];
  options: Record<string, string | boolean>;
}

function parse(argv: string[]): Parsed {
  const positionals: string[] = [];
  const options: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) {
      positionals.push(a);
      continue;
    }
    const [key, inline] = a.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    if (inline !== undefined) options[key] = inline;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) options[key] = argv[++i]!;
    else options[key] = true;
  }
  return { positionals, options };
}

const { positionals, options } = parse(process.argv.slice(2));
const json = options.json === true;

// The target is fixed before any server module reads its configuration.
if (options.production === true) {
  (process.env as Record<string, string>).NODE_ENV = 'production';
  process.env.SECRETS_BACKEND ??= 'google';
  if (!process.env.FIREBASE_PROJECT_ID && typeof options.project !== 'string') {
    process.stderr.write('--production needs FIREBASE_PROJECT_ID (or --project) and Application Default Credentials.\n');
    process.exit(2);
  }
  if (typeof options.project === 'string') process.env.FIREBASE_PROJECT_ID = options.project;
} else {
  process.env.FIRESTORE_EMULATOR_HOST ??= '127.0.0.1:8080';
  process.env.FIREBASE_AUTH_EMULATOR_HOST ??= '127.0.0.1:9099';
  process.env.FIREBASE_PROJECT_ID ??= typeof options.project === 'string' ? options.project : 'demo-bakedbot';
  process.env.GCLOUD_PROJECT ??= process.env.FIREBASE_PROJECT_ID;
}
if (options.production !== true) process.env.METADATA_SERVER_DETECTION ??= 'none';
process.env.LOG_LEVEL ??= 'warn';
const baseUrl = typeof options['base-url'] === 'string' ? options['base-url'] : (process.env.APP_BASE_URL ?? `http://localhost:${process.env.PORT ?? 3000}`);
process.env.APP_BASE_URL = baseUrl;
for (const k of ['json', 'production', 'project', 'base-url']) delete options[k];

async function main(): Promise<number> {
  const { GROUPS } = await import('./admin/groups');
  const { helpText, human, UsageError } = await import('./admin/registry');
  const [groupName, commandName] = positionals;
  const group = GROUPS.find((g) => g.name === groupName);
  if (!groupName || options.help === true || !group) {
    const unknown = groupName && !group && options.help !== true;
    (unknown ? process.stderr : process.stdout).write(
      `${unknown ? `Unknown group "${groupName}".\n\n` : ''}${helpText(GROUPS, options.help === true ? group : undefined)}\n`,
    );
    return unknown ? 2 : 0;
  }
  const command = group.commands.find((c) => c.name === commandName);
  if (!command) {
    process.stderr.write(`${commandName ? `Unknown command "${groupName} ${commandName}".\n\n` : ''}${helpText(GROUPS, group)}\n`);
    return 2;
  }
  const known = new Set([...Object.keys(command.options), 'help']);
  const stray = Object.keys(options).filter((k) => !known.has(k));
  try {
    if (stray.length) throw new UsageError(`Unknown option${stray.length > 1 ? 's' : ''}: ${stray.map((s) => `--${s}`).join(', ')}.`);
    const { systemClock } = await import('../src/domain/clock');
    const { drainAfterResponse } = await import('../src/server/http/after-response');
    const result = await command.run(options, { clock: systemClock, baseUrl });
    await drainAfterResponse();
    process.stdout.write(`${json ? JSON.stringify(result, null, 2) : human(result)}\n`);
    return 0;
  } catch (err) {
    const expected = err instanceof UsageError || (err as { name?: string }).name === 'AppError';
    const message = expected ? (err as Error).message : `Unexpected error: ${(err as Error).stack ?? String(err)}`;
    if (json) process.stdout.write(`${JSON.stringify({ error: { message, code: (err as { code?: string }).code ?? (expected ? 'usage' : 'internal') } })}\n`);
    else process.stderr.write(`${message}\n`);
    return expected ? 1 : 3;
  }
}

// firebase-admin keeps sockets open; leave once the command is done.
main().then((code) => process.exit(code));
