import { appendFileSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { Query } from 'firebase-admin/firestore';
import { describeRequirement, missingIndex, type Direction, type IndexesFile, type QueryShape } from './index-requirements';

export class MissingIndexError extends Error {}

interface InternalFilter {
  field?: { formattedName: string };
  op?: string;
  filters?: InternalFilter[];
}

interface InternalOptions {
  collectionId: string;
  allDescendants: boolean;
  filters: InternalFilter[];
  fieldOrders: Array<{ field: { formattedName: string }; direction: Direction }>;
}

function flatten(filters: InternalFilter[]): Array<{ field: string; op: string }> {
  return filters.flatMap((f) => (f.filters ? flatten(f.filters) : f.field && f.op ? [{ field: f.field.formattedName, op: f.op }] : []));
}

export function shapeOf(query: Query): QueryShape {
  const o = (query as unknown as { _queryOptions: InternalOptions })._queryOptions;
  return {
    collectionGroup: o.collectionId,
    scope: o.allDescendants ? 'COLLECTION_GROUP' : 'COLLECTION',
    filters: flatten(o.filters),
    orders: o.fieldOrders.map((f) => ({ field: f.field.formattedName, direction: f.direction })),
  };
}

let installed = false;
let deliberate = 0;

/**
 * Runs queries the caller expects the guard to refuse (the guard's own tests), so they are not
 * recorded as queries the app makes. They are refused all the same.
 */
export async function expectMissingIndex<T>(run: () => Promise<T>): Promise<T> {
  deliberate++;
  try {
    return await run();
  } finally {
    deliberate--;
  }
}

/**
 * Makes every query fail, as production would, when firestore.indexes.json lacks the index it
 * needs. Installed by the integration tests and by the local stack; never in production. With
 * `usageFile`, each distinct query shape is also appended there (one JSON line), so
 * `npm run deploy:check` can confirm every query the integration suite ran has its index.
 */
export function installIndexGuard(indexesFile = path.join(process.cwd(), 'firestore.indexes.json'), opts: { usageFile?: string } = {}) {
  if (installed) return;
  installed = true;
  const seen = new Set<string>();
  const proto = Query.prototype as unknown as { toProto: (...args: unknown[]) => unknown };
  const original = proto.toProto;
  let cache: { mtimeMs: number; file: IndexesFile } | undefined;
  const load = () => {
    const { mtimeMs } = statSync(indexesFile);
    if (!cache || cache.mtimeMs !== mtimeMs) cache = { mtimeMs, file: JSON.parse(readFileSync(indexesFile, 'utf8')) as IndexesFile };
    return cache.file;
  };
  proto.toProto = function guarded(this: Query, ...args: unknown[]) {
    const file = load();
    const shape = shapeOf(this);
    const missing = missingIndex(shape, file);
    // A refused query is recorded too (deploy:check then names it), unless a test asked for the refusal:
    // one the app's code caught and swallowed would otherwise pass the suite unseen.
    if (opts.usageFile && !(missing && deliberate > 0)) {
      const line = JSON.stringify(shape);
      if (!seen.has(line)) {
        seen.add(line);
        appendFileSync(opts.usageFile, `${line}\n`);
      }
    }
    if (missing && missing.kind !== 'none') {
      throw new MissingIndexError(
        `FAILED_PRECONDITION (emulated): this query on "${shape.collectionGroup}" needs an index that firestore.indexes.json does not declare. Add: ${describeRequirement(missing)}`,
      );
    }
    return original.apply(this, args);
  };
}
