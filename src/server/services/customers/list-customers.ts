import type { Customer } from '@/domain/customer';
import {
  asksForRevenue,
  CustomerListQuerySchema,
  parseCustomerListQuery,
  rangesOf,
  type CustomerListInput,
  type CustomerListQuery,
  type CustomerSort,
  type RangeKind,
} from '@/domain/crm/customer-list-filter';
import type { SearchKind } from '@/domain/crm/search-keys';
import { errors } from '@/domain/errors';
import { customerViewFor, type CustomerView } from '@/domain/views/customer-view';
import { seesRevenue, viewerOf, type Viewer } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { buildCustomerListQuery, countCustomers, readCustomerPage } from './customer-list-query';

/** The list's query string (search, filters, sort, paging); kept under its old name for callers. */
export const ListCustomersQuerySchema = CustomerListQuerySchema;
export type ListCustomersQuery = CustomerListInput;

export interface CustomerPage {
  customers: CustomerView[];
  nextCursor: string | null;
  /** The page before this one, when there is one (paging back through the same filter). */
  prevCursor: string | null;
  /** How many customers the whole filter matches (a count aggregation, not this page). */
  /** The filter's total; null when the caller asked for none (`total=0`). */
  totalCount: number | null;
  /** The order used: the one asked for, or the range's own field when a range is set. */
  sort: CustomerSort;
  /** The range that decided the order, if any. */
  orderedByRange: RangeKind | null;
  /**
   * How the query was understood (parseSearch): an email, a phone part (or a numeric external id),
   * a name prefix, an external id, or a listing.
   */
  matchedBy: SearchKind | 'all';
}

/** Spend is revenue: its order or filter would rank customers by it, so only revenue roles get them. */
export function assertMayQuery(viewer: Viewer, query: Pick<CustomerListQuery, 'sort' | 'spendMin' | 'spendMax'>) {
  const revenue = asksForRevenue(query);
  if (!revenue || seesRevenue(viewer)) return;
  throw errors.forbidden(revenue === 'filter' ? 'Filtering by spend is for owners and admins.' : 'Sorting by lifetime value is for owners and admins.');
}

/**
 * Lists a tenant's customers, newest activity first by default, filtered and with cursor paging
 * both ways, plus the filter's total. Every page is one indexed query whatever the dispensary's
 * size (docs/crm.md, Search and List filters).
 */
export async function listCustomers(ctx: ServiceContext, input: ListCustomersQuery): Promise<CustomerPage> {
  const query = parseCustomerListQuery(input);
  const viewer = viewerOf(ctx.actor);
  assertMayQuery(viewer, query);
  const page = await listCustomerRecords(ctx, query);
  return { ...page, customers: page.customers.map((c) => customerViewFor(viewer, c)) };
}

async function listCustomerRecords(ctx: ServiceContext, query: CustomerListQuery): Promise<Omit<CustomerPage, 'customers'> & { customers: Customer[] }> {
  const built = await buildCustomerListQuery(ctx, query);
  const orderedByRange = rangesOf(query)[0] ?? null;
  const base = { sort: built.plan.sort, orderedByRange, matchedBy: built.matchedBy };
  if (!built.query) return { ...base, customers: [], nextCursor: null, prevCursor: null, totalCount: 0 };
  // The total is a second query (a count aggregation) run beside the page; callers that need no
  // total (the pickers) leave it out and pay for the page alone.
  const [page, totalCount] = await Promise.all([
    readCustomerPage(built.query, built.plan, { cursor: query.cursor, before: query.before, limit: query.limit }),
    query.total === '1' ? countCustomers(built.query, built.plan) : Promise.resolve(null),
  ]);
  return { ...base, ...page, totalCount };
}
