import type { Metadata } from 'next';
import { CustomerListQuerySchema, customerListParams, FILTER_KEYS, type CustomerListQuery } from '@/domain/crm/customer-list-filter';
import { AppError } from '@/domain/errors';
import Link from 'next/link';
import { can, rolesFor } from '@/domain/roles';
import { seesRevenue, viewerOf } from '@/domain/views/viewer';
import { requirePageSession } from '@/server/http/page-session';
import { customerFilterOptions } from '@/server/services/customers/customer-filter-options';
import { listCustomers, type CustomerPage } from '@/server/services/customers/list-customers';
import { CustomerFilters } from '@/ui/features/customers/customer-filters';
import { CustomerTable } from '@/ui/features/customers/customer-table';
import { buttonClass } from '@/ui/primitives/button';
import { PageHeader } from '@/ui/primitives/card';

export const metadata: Metadata = { title: 'Customers' };

export default async function CustomersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const ctx = await requirePageSession({ roles: rolesFor('customers:read') });
  const raw = await searchParams;
  const revenue = seesRevenue(viewerOf(ctx.actor));
  const parsed = CustomerListQuerySchema.safeParse(raw);
  let error = parsed.success ? null : parsed.error.issues.map((i) => i.message).join(' ');
  const given: CustomerListQuery = parsed.success ? parsed.data : CustomerListQuerySchema.parse({});
  // A budtender's link to a revenue order or filter (shared by an owner) falls back to the plain list.
  const query: CustomerListQuery = revenue
    ? given
    : { ...given, sort: given.sort === 'value' ? 'recent' : given.sort, spendMin: undefined, spendMax: undefined };
  const options = await customerFilterOptions(ctx);
  let page: CustomerPage;
  try {
    page = await listCustomers(ctx, query);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    error = err.message;
    // A bad cursor: the first page of the same list; a filter that cannot be combined (a tag and a search): the plain list.
    page = await listCustomers(ctx, { ...query, cursor: undefined, before: undefined }).catch((again: unknown) => {
      if (!(again instanceof AppError)) throw again;
      return listCustomers(ctx, CustomerListQuerySchema.parse({}));
    });
  }
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, query[k]]));
  const listParams = customerListParams({ ...filters, sort: query.sort === 'recent' ? undefined : query.sort }).toString();
  const active = FILTER_KEYS.some((k) => query[k] !== undefined);
  return (
    <>
      <PageHeader
        title="Customers"
        description="Search by name, phone or email, or filter the list. Profiles update as orders arrive from your POS and online store."
        actions={
          <>
            <Link className={buttonClass('secondary')} href="/dashboard/customers/segments">
              Saved segments
            </Link>
            {can(ctx.actor.role, 'customers:write') ? (
              <Link className={buttonClass('secondary')} href="/dashboard/customers/import">
                Import customers
              </Link>
            ) : null}
          </>
        }
      />
      <div className="space-y-4">
        <CustomerFilters
          query={{ ...query, sort: page.sort }}
          revenue={revenue}
          options={options}
          orderedByRange={page.orderedByRange}
          active={active}
          exportHref={(page.totalCount ?? 0) > 0 ? `/api/customers/export${listParams ? `?${listParams}` : ''}` : null}
        />
        <CustomerTable
          page={page}
          listParams={listParams}
          filtered={active}
          error={error}
          revenue={revenue}
          searched={['q', 'sort', 'cursor', 'before', ...FILTER_KEYS].some((k) => k in raw)}
        />
      </div>
    </>
  );
}
