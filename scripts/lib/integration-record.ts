// What a passing run of the whole integration suite proves, written down for `npm run deploy:check`:
// the firestore.rules and firestore.indexes.json it ran against (by hash) and every distinct query
// shape it sent through the index guard. The suite's tests load the rules into the emulator and
// test them; the guard fails any query whose index is not declared. A record older than the
// sources, or for other rules or indexes, proves nothing and is run again.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { QueryShape } from '../../src/server/db/index-requirements';

export const ROOT = path.resolve(import.meta.dirname, '../..');
export const RECORD_FILE = path.join(ROOT, '.stack', 'integration-record.json');
/** Where the suite's workers append the query shapes they ran, one directory per run. */
export const USAGE_ROOT = path.join(ROOT, '.stack', 'index-usage');
export const INTEGRATION_DIR = path.join(ROOT, 'tests', 'integration');

export interface IntegrationRecord {
  finishedAt: string;
  files: string[];
  rulesSha256: string;
  indexesSha256: string;
  shapes: QueryShape[];
}

export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

export function usageDirFor(pid: number): string {
  return path.join(USAGE_ROOT, `run-${pid}`);
}

/** Removes what runs that were killed before their end left behind. */
export function pruneUsageDirs(): void {
  if (!existsSync(USAGE_ROOT)) return;
  for (const name of readdirSync(USAGE_ROOT)) {
    const pid = Number(name.replace(/^run-/, ''));
    let alive = false;
    try {
      process.kill(pid, 0);
      alive = true;
    } catch {
      /* gone */
    }
    if (!alive) rmSync(path.join(USAGE_ROOT, name), { recursive: true, force: true });
  }
}

/** The distinct shapes every worker of a run appended. */
export function readUsage(dir: string): QueryShape[] {
  if (!existsSync(dir)) return [];
  const lines = new Set<string>();
  for (const f of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, f), 'utf8').split('\n')) if (line.trim()) lines.add(line);
  }
  return [...lines].sort().map((l) => JSON.parse(l) as QueryShape);
}

export function integrationTestFiles(dir = INTEGRATION_DIR): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => path.join('tests', 'integration', f))
    .sort();
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(full));
    else if (entry.isFile()) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

/** Why a record cannot stand for the code as it is now; undefined when it can. */
export function staleness(record: IntegrationRecord | undefined, root = ROOT): string | undefined {
  if (!record) return 'the integration suite has not passed in full here yet';
  if (record.rulesSha256 !== sha256File(path.join(root, 'firestore.rules'))) return 'firestore.rules changed since';
  if (record.indexesSha256 !== sha256File(path.join(root, 'firestore.indexes.json'))) return 'firestore.indexes.json changed since';
  const missing = integrationTestFiles(path.join(root, 'tests', 'integration')).filter((f) => !record.files.includes(f));
  if (missing.length) return `it did not run ${missing.join(', ')}`;
  const finished = Date.parse(record.finishedAt);
  for (const dir of ['src', 'tests']) if (newestMtime(path.join(root, dir)) > finished) return `files under ${dir}/ changed since`;
  return undefined;
}

export function readRecord(file = RECORD_FILE): IntegrationRecord | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as IntegrationRecord;
  } catch {
    return undefined;
  }
}
