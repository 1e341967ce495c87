import { FieldPath, type Query } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { planCustomerList, rangesOf, type CustomerListQuery, type ListPlan } from '@/domain/crm/customer-list-filter';
import { parseSearch, type SearchKind } from '@/domain/crm/search-keys';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';

export interface BuiltListQuery {
  plan: ListPlan;
  matchedBy: SearchKind | 'all';
  /** Filters and order, no limit or cursor; null when the search cannot match anything. */
  query: Query<Customer> | null;
}

/**
 * The one Firestore query behind the list, its total and the export: equality filters (one
 * array-contains at most), an optional range on the order's own field, then the order and the
 * document id. Each shape is served by a declared index (docs/crm.md, List filters).
 */
export async function buildCustomerListQuery(ctx: Pick<ServiceContext, 'orgId'>, v: CustomerListQuery): Promise<BuiltListQuery> {
  const search = v.q ? parseSearch(v.q) : null;
  // Dates are the dispensary's days; its zone is read only when a date range asks for it.
  const timeZone = rangesOf(v)[0] === 'lastOrder' ? (await tenantsCollection().getOrThrow(ctx.orgId)).timeZone : 'UTC';
  const plan = planCustomerList(v, timeZone, search?.token ?? null);
  const matchedBy = search?.kind ?? 'all';
  // Too little to search by (three digits, "a@"): nothing matches, and nothing is read.
  if (search && !search.token) return { plan, matchedBy, query: null };
  let q: Query<Customer> = tenantDb(ctx.orgId).customers.ref;
  for (const e of plan.equalities) q = q.where(e.field, e.op, e.value);
  if (plan.range) {
    const r = plan.range;
    if (r.min !== undefined) q = q.where(r.field, '>=', r.min);
    if (r.max !== undefined) q = q.where(r.field, '<=', r.max);
    if (r.maxExclusive !== undefined) q = q.where(r.field, '<', r.maxExclusive);
  }
  return { plan, matchedBy, query: q };
}

export interface RecordPage {
  customers: Customer[];
  nextCursor: string | null;
  prevCursor: string | null;
}

type Dir = 'asc' | 'desc';
const flip = (d: Dir): Dir => (d === 'asc' ? 'desc' : 'asc');

/**
 * One page after `cursor` (forwards) or before `before` (backwards, read in the reverse order and
 * turned round). The document id breaks ties, so a cursor names exactly one position.
 */
export async function readCustomerPage(
  query: Query<Customer>,
  plan: ListPlan,
  paging: { cursor?: string; before?: string; limit: number },
): Promise<RecordPage> {
  const { field, dir } = plan.order;
  const backwards = Boolean(paging.before);
  const d = backwards ? flip(dir) : dir;
  let q = query
    .orderBy(field, d)
    .orderBy(FieldPath.documentId(), d)
    .limit(paging.limit + 1);
  const at = decodeCursor(backwards ? paging.before : paging.cursor);
  if (at) q = q.startAfter(at.value, at.id);
  const rows = (await q.get()).docs.map((doc) => doc.data());
  const more = rows.length > paging.limit;
  const customers = rows.slice(0, paging.limit);
  if (backwards) customers.reverse();
  const first = customers.at(0);
  const last = customers.at(-1);
  const cursorOf = (c: Customer | undefined) => (c ? encodeCursor(c[field as keyof Customer], c.id) : null);
  return backwards
    ? { customers, prevCursor: more ? cursorOf(first) : null, nextCursor: cursorOf(last) }
    : { customers, nextCursor: more ? cursorOf(last) : null, prevCursor: at ? cursorOf(first) : null };
}

/** How many customers the filter matches: a count aggregation over the same query, no limit. */
export async function countCustomers(query: Query<Customer>, plan: ListPlan): Promise<number> {
  // The order is kept: it decides which profiles are in the list (one without the field is not).
  const snap = await query.orderBy(plan.order.field, plan.order.dir).count().get();
  return snap.data().count;
}

type CursorValue = string | number | Date | null;

function encodeCursor(value: unknown, id: string): string {
  const v = value instanceof Date ? { d: value.toISOString() } : { v: value ?? null };
  return Buffer.from(JSON.stringify({ ...v, id })).toString('base64url');
}

function decodeCursor(cursor: string | undefined): { value: CursorValue; id: string } | null {
  if (!cursor) return null;
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { d?: string; v?: string | number | null; id?: string };
    if (typeof raw.id !== 'string') throw new Error('no id');
    return { value: raw.d ? new Date(raw.d) : (raw.v ?? null), id: raw.id };
  } catch {
    throw errors.badRequest('The page cursor is not valid; start from the first page.');
  }
}
