// npm run deploy:check [-- --skip-build]: verifies offline what can be verified before a deploy
// (docs/deploy.md): the runtime configuration names every production setting, the rules compile
// and pass their tests, every query the integration suite runs has its index declared, and the
// production build succeeds.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { IndexesFile } from '../src/server/db/index-requirements';
import { checkIndexesCoverShapes, checkServiceDefinition } from './lib/deploy-checks';
import { RECORD_FILE, ROOT, readRecord, staleness } from './lib/integration-record';
import { guardThisProcess, localProcessEnv } from './lib/local-env';

const { values } = parseArgs({
  options: {
    'skip-build': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(`npm run deploy:check [-- --skip-build]

Checks, without touching Google Cloud:
  1. deploy/cloud-run/service.yaml sets every variable the production start requires
     (checkProductionConfig), mounts the secrets, keeps the CPU allocated after responses
     with one warm instance, names the runtime service account and a long enough timeout.
  2. firebase.json deploys firestore.rules and firestore.indexes.json.
  3. The whole integration suite passed against these rules and indexes: its rules tests load
     firestore.rules into the emulator, and its index guard refuses any query whose index is
     not declared. A passing run leaves .stack/integration-record.json with every query shape
     it ran; when that record is missing or older than the sources, the suite runs now.
  4. next build succeeds (--skip-build leaves this unverified).
`);
  process.exit(0);
}

await guardThisProcess();
const failures: string[] = [];
const say = (line: string) => process.stdout.write(`${line}\n`);

function run(command: string, args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', env: localProcessEnv({ ...process.env, NEXT_TELEMETRY_DISABLED: '1' }) });
    child.once('exit', (code) => resolve(code ?? 1));
    child.once('error', () => resolve(1));
  });
}

function step(title: string, problems: string[], detail?: string) {
  if (problems.length) {
    say(`✗ ${title}`);
    for (const p of problems) say(`    - ${p}`);
    failures.push(title);
  } else say(`✓ ${title}${detail ? `: ${detail}` : ''}`);
}

async function main() {
  const service = checkServiceDefinition(readFileSync(path.join(ROOT, 'deploy', 'cloud-run', 'service.yaml'), 'utf8'));
  const mounted = Object.entries(service.secrets).map(([v, s]) => `${v} from secret ${s}`);
  step('Runtime configuration (deploy/cloud-run/service.yaml)', service.problems, `${service.env.length} variables; ${mounted.join(', ')}`);

  const firebase = JSON.parse(readFileSync(path.join(ROOT, 'firebase.json'), 'utf8')) as { firestore?: { rules?: string; indexes?: string } };
  step(
    'firebase.json deploys the rules and indexes',
    firebase.firestore?.rules === 'firestore.rules' && firebase.firestore?.indexes === 'firestore.indexes.json'
      ? []
      : ['firebase.json must name "firestore": { "rules": "firestore.rules", "indexes": "firestore.indexes.json" }'],
  );

  let why = staleness(readRecord());
  if (why) {
    say(`… Running the integration suite (${why}): rules tests and the index guard.`);
    const code = await run(process.execPath, [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'run', '--project', 'integration']);
    why = code === 0 ? staleness(readRecord()) : `the integration suite failed (exit ${code})`;
  }
  const record = readRecord();
  if (why || !record) step('Firestore rules and indexes (integration suite)', [why ?? 'no record']);
  else {
    const indexes = JSON.parse(readFileSync(path.join(ROOT, 'firestore.indexes.json'), 'utf8')) as IndexesFile;
    step(
      'Firestore rules and indexes (integration suite)',
      checkIndexesCoverShapes(record.shapes, indexes),
      `${record.files.length} test files passed at ${record.finishedAt}; ${record.shapes.length} distinct queries, each with its index declared (${path.relative(ROOT, RECORD_FILE)})`,
    );
  }

  if (values['skip-build']) say('- Production build: skipped (--skip-build), not verified');
  else {
    say('… next build');
    const code = await run(process.execPath, [path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next'), 'build']);
    step('Production build (next build)', code === 0 ? [] : [`next build exited with ${code}`]);
  }

  say(failures.length ? `\ndeploy:check failed: ${failures.join('; ')}.` : '\ndeploy:check passed.');
  process.exit(failures.length ? 1 : 0);
}

void main();
