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

export function CustomerTable({
  page,
  listParams,
  filtered,
  error,
  revenue,
  searched,
}: {
  page: CustomerPage;
  /** The list's search, filters and sort as a query string: paging and the export keep them. */
  listParams: string;
  /** A search or a filter is set (the empty state then says nothing matched). */
  filtered: boolean;
  error: string | null;
  /** The page was opened by a search (its query is in the URL): focus goes to the results. */
  searched: boolean;
  /** Whether the viewer's role sees revenue: the lifetime value column and sort. */
  revenue: boolean;
}) {
  const href = (extra: Record<string, string>) => {
    const p = new URLSearchParams(listParams);
    for (const [k, v] of Object.entries(extra)) p.set(k, v);
    const qs = p.toString();
    return `/dashboard/customers${qs ? `?${qs}` : ''}`;
  };
  const nextHref = page.nextCursor ? href({ cursor: page.nextCursor }) : null;
  const prevHref = page.prevCursor ? href({ before: page.prevCursor }) : null;
  return (
    <div className="space-y-4">
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      ) : null}
      <ResultsSummary
        count={page.totalCount ?? page.customers.length}
        more={Boolean(page.nextCursor)}
        noun={{ one: 'customer', many: 'customers' }}
        resultsKey={listParams}
        searched={searched}
      />
      {page.customers.length === 0 ? (
        <EmptyState title={filtered ? 'No customer matches these filters' : 'No customers yet'}>
          {filtered
            ? 'Clear a filter, or search by the start of a first or last name, 4 or more digits of the phone, the start of the email followed by @, or an id from your POS.'
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
      <nav aria-label="Pages" className="flex flex-wrap justify-between gap-3">
        {prevHref ? (
          <a href={prevHref} className={buttonClass('secondary')}>
            Previous page
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
