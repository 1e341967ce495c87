import Link from 'next/link';
import { customerDisplayName, maskPhone } from '@/domain/customer';
import type { CustomerPage } from '@/server/services/customers/list-customers';
import { Badge } from '@/ui/primitives/badge';
import { buttonClass } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatMoney } from '@/ui/primitives/format';
import { ResultsSummary } from '@/ui/primitives/results-summary';
import { Time } from '@/ui/primitives/time';

const SORT_LABELS = { recent: 'Most recent order', value: 'Lifetime value', name: 'Name', newest: 'Newest customers' } as const;

export function CustomerTable({
  page,
  query,
  error,
  revenue,
  searched,
}: {
  page: CustomerPage;
  query: { q: string; sort: keyof typeof SORT_LABELS };
  error: string | null;
  /** The page was opened by a search (its query is in the URL): focus goes to the results. */
  searched: boolean;
  /** Whether the viewer's role sees revenue: the lifetime value column and sort. */
  revenue: boolean;
}) {
  const sorts = Object.entries(SORT_LABELS).filter(([value]) => revenue || value !== 'value');
  const nextHref = page.nextCursor
    ? `/dashboard/customers?${new URLSearchParams({ ...(query.q ? { q: query.q } : {}), sort: query.sort, cursor: page.nextCursor }).toString()}`
    : null;
  return (
    <div className="space-y-4">
      <form method="get" className="flex flex-wrap items-end gap-3" role="search" aria-label="Customers">
        <div className="min-w-64 flex-1">
          <label htmlFor="customer-q" className="block text-sm font-medium text-slate-700">
            Search
          </label>
          <input
            id="customer-q"
            name="q"
            defaultValue={query.q}
            placeholder="Name, phone or email"
            className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          />
        </div>
        <div>
          <label htmlFor="customer-sort" className="block text-sm font-medium text-slate-700">
            Sort by
          </label>
          <select
            id="customer-sort"
            name="sort"
            defaultValue={query.sort}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm"
          >
            {sorts.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className={buttonClass('primary')}>
          Search
        </button>
      </form>
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      ) : null}
      <ResultsSummary
        count={page.customers.length}
        more={Boolean(page.nextCursor)}
        noun={{ one: 'customer', many: 'customers' }}
        resultsKey={`${query.q}|${query.sort}`}
        searched={searched}
      />
      {page.customers.length === 0 ? (
        <EmptyState title={query.q ? `No customer matches “${query.q}”` : 'No customers yet'}>
          {query.q
            ? 'Try the start of a first or last name, 4 or more digits of the phone, the start of the email followed by @, or an id from your POS.'
            : 'Connect your POS or store in Integrations to start receiving customers.'}
        </EmptyState>
      ) : (
        <DataTable
          caption="Customers"
          rows={page.customers}
          rowKey={(c) => c.id}
          columns={[
            {
              key: 'name',
              header: 'Name',
              primary: true,
              cell: (c) => (
                <Link href={`/dashboard/customers/${c.id}`} className="font-medium text-brand-700 hover:underline">
                  {customerDisplayName(c)}
                </Link>
              ),
            },
            {
              key: 'contact',
              header: 'Contact',
              hideBelow: 'md',
              className: 'text-slate-600 wrap-anywhere',
              cell: (c) => c.email || maskPhone(c.phone) || '—',
            },
            { key: 'orders', header: 'Orders', align: 'right', cell: (c) => c.orderCount },
            revenue && {
              key: 'ltv',
              header: 'Lifetime value',
              align: 'right',
              nowrap: true,
              cell: (c) => (c.lifetimeValueCents === undefined ? '—' : formatMoney(c.lifetimeValueCents)),
            },
            { key: 'last', header: 'Last order', cell: (c) => <Time value={c.lastOrderAt} style="date" /> },
            {
              key: 'segment',
              header: 'Segment',
              cell: (c) => (c.segment ? <Badge tone="success">{c.segment}</Badge> : <span className="text-slate-500">—</span>),
            },
          ]}
        />
      )}
      <nav aria-label="Pages" className="flex justify-between">
        {query.q || page.nextCursor ? (
          <a href={`/dashboard/customers?sort=${query.sort}`} className={buttonClass('secondary')}>
            First page
          </a>
        ) : (
          <span />
        )}
        {nextHref ? (
          <a href={nextHref} className={buttonClass('secondary')}>
            Next page
          </a>
        ) : null}
      </nav>
    </div>
  );
}
