// node --import tsx scripts/check-prerequisites.ts [--fetch-emulator]: what .ci/run checks before the
// tests: a Java and a Cloud Firestore emulator that runs on it, fetched through firebase-tools when
// asked and missing. The same decision npm run dev takes (scripts/lib/emulator-prerequisites.ts).
import { parseArgs } from 'node:util';
import { detectJava, fetchChoice, MissingPrerequisiteError } from './lib/emulator-prerequisites';
import { ensureFirestoreEmulator } from './lib/emulator-setup';
import { guardThisProcess } from './lib/local-env';

const { values } = parseArgs({ options: { 'fetch-emulator': { type: 'boolean', default: false } } });
await guardThisProcess();
try {
  const location = await ensureFirestoreEmulator({ fetch: fetchChoice(values['fetch-emulator'], process.env), say: (l) => process.stdout.write(`${l}\n`) });
  const java = detectJava();
  process.stdout.write(`Java: ${java === 'missing' ? 'missing' : java.version}\nFirestore emulator: ${location.jar} (${location.foundVia})\n`);
} catch (err) {
  process.stderr.write(`${err instanceof MissingPrerequisiteError ? err.message : String(err)}\n`);
  process.exit(1);
}
