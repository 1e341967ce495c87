import { FieldPath, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import type { Customer } from '@/domain/customer';
import { parseSearch, type SearchKind } from '@/domain/crm/search-keys';
import { errors } from '@/domain/errors';
import { customerViewFor, type CustomerView } from '@/domain/views/customer-view';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

export const ListCustomersQuerySchema = z.object({
  q: z.string().trim().max(100).optional(),
  sort: z.enum(['recent', 'value', 'name', 'newest']).default('recent'),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListCustomersQuery = z.input<typeof ListCustomersQuerySchema>;

const SORTS = {
  recent: { field: 'lastOrderAt', dir: 'desc' },
  value: { field: 'lifetimeValueCents', dir: 'desc' },
  name: { field: 'searchName', dir: 'asc' },
  newest: { field: 'createdAt', dir: 'desc' },
} as const;

export interface CustomerPage {
  customers: CustomerView[];
  nextCursor: string | null;
  /**
   * How the query was understood (parseSearch): an email, a phone part (or a numeric external id),
   * a name prefix, an external id, or a listing.
   */
  matchedBy: SearchKind | 'all';
}

/**
 * Lists a tenant's customers, newest activity first by default, with cursor pagination. A search
 * is one `array-contains` on the profile's search keys in the list's own order, so every page is
 * one indexed query whatever the dispensary's size (docs/crm.md, Search).
 */
export async function listCustomers(ctx: ServiceContext, query: ListCustomersQuery): Promise<CustomerPage> {
  const viewer = viewerOf(ctx.actor);
  // The order alone (and the cursor, which carries the value) would rank customers by revenue.
  if (query.sort === 'value' && !seesRevenue(viewer)) throw errors.forbidden('Sorting by lifetime value is for owners and admins.');
  const page = await listCustomerRecords(ctx, query);
  return { ...page, customers: page.customers.map((c) => customerViewFor(viewer, c)) };
}

async function listCustomerRecords(ctx: ServiceContext, query: ListCustomersQuery): Promise<Omit<CustomerPage, 'customers'> & { customers: Customer[] }> {
  const { q, sort, cursor, limit } = ListCustomersQuerySchema.parse(query);
  const search = q ? parseSearch(q) : null;
  // Too little to search by (three digits, "a@"): nothing matches, and nothing is read.
  if (search && !search.token) return { customers: [], nextCursor: null, matchedBy: search.kind };
  const { field, dir } = SORTS[sort];
  let listQuery: Query<Customer> = tenantDb(ctx.orgId).customers.ref;
  if (search?.token) listQuery = listQuery.where('searchKeys', 'array-contains', search.token);
  // The document id breaks ties, so a cursor names exactly one position.
  listQuery = listQuery
    .orderBy(field, dir)
    .orderBy(FieldPath.documentId(), dir)
    .limit(limit + 1);
  const after = decodeCursor(cursor);
  if (after) listQuery = listQuery.startAfter(after.value, after.id);
  const snap = await listQuery.get();
  return page(
    snap.docs.map((d) => d.data()),
    limit,
    field,
    search?.kind ?? 'all',
  );
}

function page(rows: Customer[], limit: number, field: keyof Customer, matchedBy: CustomerPage['matchedBy']) {
  const hasMore = rows.length > limit;
  const customers = rows.slice(0, limit);
  const last = customers.at(-1);
  return { customers, nextCursor: hasMore && last ? encodeCursor(last[field], last.id) : null, matchedBy };
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
