// Which index a Firestore query needs, and whether firestore.indexes.json declares it.
// The emulator answers every query; production refuses one whose composite index is missing.
// This module lets tests and development refuse it too.

export type Direction = 'ASCENDING' | 'DESCENDING';
export type QueryScope = 'COLLECTION' | 'COLLECTION_GROUP';

export interface QueryShape {
  collectionGroup: string;
  scope: QueryScope;
  filters: Array<{ field: string; op: string }>;
  orders: Array<{ field: string; direction: Direction }>;
}

export interface IndexField {
  fieldPath: string;
  order?: Direction;
  arrayConfig?: 'CONTAINS';
}

export interface DeclaredIndex {
  collectionGroup: string;
  queryScope: QueryScope;
  fields: IndexField[];
}

export interface FieldOverride {
  collectionGroup: string;
  fieldPath: string;
  indexes: Array<{ queryScope: QueryScope; order?: Direction; arrayConfig?: 'CONTAINS' }>;
}

export interface IndexesFile {
  indexes: DeclaredIndex[];
  fieldOverrides?: FieldOverride[];
}

export type Requirement =
  { kind: 'none' } | { kind: 'single-field'; scope: QueryScope; collectionGroup: string; field: IndexField } | { kind: 'composite'; index: DeclaredIndex };

const EQUALITY = new Set(['EQUAL', 'IN', 'ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);
const ARRAY_OPS = new Set(['ARRAY_CONTAINS', 'ARRAY_CONTAINS_ANY']);

export function requiredIndex(q: QueryShape): Requirement {
  const eq = new Map<string, IndexField>();
  for (const f of q.filters) {
    if (EQUALITY.has(f.op)) eq.set(f.field, ARRAY_OPS.has(f.op) ? { fieldPath: f.field, arrayConfig: 'CONTAINS' } : { fieldPath: f.field, order: 'ASCENDING' });
  }
  const inequality = [...new Set(q.filters.filter((f) => !EQUALITY.has(f.op)).map((f) => f.field))];
  const sort: IndexField[] = q.orders.filter((o) => o.field !== '__name__' && !eq.has(o.field)).map((o) => ({ fieldPath: o.field, order: o.direction }));
  // Inequality fields that were not ordered explicitly are ordered implicitly, ascending.
  for (const f of inequality.sort()) if (!sort.some((s) => s.fieldPath === f)) sort.push({ fieldPath: f, order: 'ASCENDING' });

  if (sort.length === 0) {
    // Equality-only queries are served by merging single-field indexes.
    if (eq.size === 0 || q.scope === 'COLLECTION') return { kind: 'none' };
    if (eq.size === 1) return { kind: 'single-field', scope: q.scope, collectionGroup: q.collectionGroup, field: [...eq.values()][0]! };
    return { kind: 'composite', index: { collectionGroup: q.collectionGroup, queryScope: q.scope, fields: [...eq.values()] } };
  }
  if (eq.size === 0 && sort.length === 1) {
    return q.scope === 'COLLECTION' ? { kind: 'none' } : { kind: 'single-field', scope: q.scope, collectionGroup: q.collectionGroup, field: sort[0]! };
  }
  return { kind: 'composite', index: { collectionGroup: q.collectionGroup, queryScope: q.scope, fields: [...eq.values(), ...sort] } };
}

function sameField(a: IndexField, b: IndexField, flip: boolean): boolean {
  if (a.fieldPath !== b.fieldPath) return false;
  if (a.arrayConfig || b.arrayConfig) return a.arrayConfig === b.arrayConfig;
  if (!flip) return a.order === b.order;
  return a.order !== b.order;
}

/** Whether `declared` serves `needed`: equality fields first in any order, then the sort fields in order (or all reversed). */
export function indexServes(declared: DeclaredIndex, needed: DeclaredIndex, equalityCount: number): boolean {
  if (declared.collectionGroup !== needed.collectionGroup || declared.queryScope !== needed.queryScope) return false;
  const fields = declared.fields.filter((f) => f.fieldPath !== '__name__');
  if (fields.length !== needed.fields.length) return false;
  const eqNeeded = needed.fields.slice(0, equalityCount);
  const eqDeclared = fields.slice(0, equalityCount);
  for (const n of eqNeeded) {
    const d = eqDeclared.find((f) => f.fieldPath === n.fieldPath);
    if (!d || Boolean(d.arrayConfig) !== Boolean(n.arrayConfig)) return false;
  }
  const sortNeeded = needed.fields.slice(equalityCount);
  const sortDeclared = fields.slice(equalityCount);
  return [false, true].some((flip) => sortNeeded.every((n, i) => sortDeclared[i] && sameField(sortDeclared[i]!, n, flip)));
}

export function missingIndex(q: QueryShape, file: IndexesFile): Requirement | null {
  const req = requiredIndex(q);
  if (req.kind === 'none') return null;
  if (req.kind === 'single-field') {
    const ok = (file.fieldOverrides ?? []).some(
      (o) =>
        o.collectionGroup === req.collectionGroup &&
        o.fieldPath === req.field.fieldPath &&
        o.indexes.some((i) => i.queryScope === req.scope && (req.field.arrayConfig ? i.arrayConfig === 'CONTAINS' : !!i.order)),
    );
    return ok ? null : req;
  }
  const equalityCount = q.filters
    .filter((f) => EQUALITY.has(f.op))
    .map((f) => f.field)
    .filter((v, i, a) => a.indexOf(v) === i).length;
  if (file.indexes.some((d) => indexServes(d, req.index, equalityCount))) return null;
  return mergeServes(q, req.index, equalityCount, file.indexes) ? null : req;
}

/**
 * Firestore's index merging: a query with several equality filters (array-contains included) and
 * an order, but no range, is served by joining composite indexes that each hold some of those
 * equality fields followed by the same order fields. Only equality-and-order queries are merged
 * here, since that is what Firestore documents; a query with a range needs its exact index.
 */
function mergeServes(q: QueryShape, needed: DeclaredIndex, equalityCount: number, declared: DeclaredIndex[]): boolean {
  if (equalityCount < 2 || q.filters.some((f) => !EQUALITY.has(f.op))) return false;
  const eqNeeded = needed.fields.slice(0, equalityCount);
  const sortNeeded = needed.fields.slice(equalityCount);
  if (sortNeeded.length === 0) return false;
  const covered = new Set<string>();
  for (const d of declared) {
    if (d.collectionGroup !== needed.collectionGroup || d.queryScope !== needed.queryScope) continue;
    const fields = d.fields.filter((f) => f.fieldPath !== '__name__');
    const eqCount = fields.length - sortNeeded.length;
    if (eqCount < 1) continue;
    const eqPart = fields.slice(0, eqCount);
    const sortPart = fields.slice(eqCount);
    const eqOk = eqPart.every((f) => eqNeeded.some((n) => n.fieldPath === f.fieldPath && Boolean(n.arrayConfig) === Boolean(f.arrayConfig)));
    const sortOk = [false, true].some((flip) => sortNeeded.every((n, i) => sameField(sortPart[i]!, n, flip)));
    if (eqOk && sortOk) for (const f of eqPart) covered.add(f.fieldPath);
  }
  return eqNeeded.every((n) => covered.has(n.fieldPath));
}

export function describeRequirement(req: Exclude<Requirement, { kind: 'none' }>): string {
  if (req.kind === 'single-field') {
    return JSON.stringify({
      fieldOverrides: [
        {
          collectionGroup: req.collectionGroup,
          fieldPath: req.field.fieldPath,
          indexes: [{ queryScope: req.scope, ...(req.field.arrayConfig ? { arrayConfig: 'CONTAINS' } : { order: req.field.order }) }],
        },
      ],
    });
  }
  return JSON.stringify(req.index);
}
