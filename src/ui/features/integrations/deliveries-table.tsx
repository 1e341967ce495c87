'use client';
import Link from 'next/link';
import { useState } from 'react';
import { buttonClass } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { ResultsSummary } from '@/ui/primitives/results-summary';
import { DataTable } from '@/ui/primitives/data-table';
import { STATUS_VOCABULARY } from '@/ui/primitives/status';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import type { LiveConfig } from '../notifications/browser-firestore';
import type { EndpointRow } from './types';
import { useLiveDeliveries, type DeliveryListRow } from './use-live-deliveries';

/** Recent deliveries, live: they appear and change state as the server records them (no polling). */
export function DeliveriesTable({
  initial,
  withoutCopy,
  endpoints,
  refreshKey,
  live,
  orgId,
}: {
  initial: DeliveryListRow[];
  withoutCopy: string[];
  endpoints: EndpointRow[];
  refreshKey: number;
  live: LiveConfig;
  orgId: string;
}) {
  const [endpointId, setEndpointId] = useState('');
  const [status, setStatus] = useState('');
  const { rows, mode, error } = useLiveDeliveries({ config: live, orgId, filters: { endpointId, status }, initial, withoutCopy, refreshKey });
  // The count is announced once the rows for the new filters are in (the listener has answered).
  const filterKey = `${endpointId}|${status}`;

  const nameOf = (id: string | null) => (id ? (endpoints.find((e) => e.id === id)?.name ?? 'Deleted endpoint') : 'Track API');
  return (
    <section aria-labelledby="deliveries-title" className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="deliveries-title" className="text-lg font-medium">
            Recent deliveries
          </h2>
          <p className="text-xs text-slate-600" data-testid="deliveries-live" data-mode={mode}>
            {mode === 'live' ? 'Live: new deliveries appear here as they arrive.' : mode === 'connecting' ? 'Connecting…' : 'Refreshing now and then.'}
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          <div>
            <label htmlFor="filter-endpoint" className="block text-xs font-medium text-slate-600">
              Endpoint
            </label>
            <select
              id="filter-endpoint"
              value={endpointId}
              onChange={(e) => setEndpointId(e.target.value)}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              <option value="">All</option>
              {endpoints.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="filter-status" className="block text-xs font-medium text-slate-600">
              Status
            </label>
            <select
              id="filter-status"
              value={status}
              onChange={(e) => setStatus(e.target.value)}
              className="mt-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            >
              <option value="">All</option>
              {Object.entries(STATUS_VOCABULARY.delivery).map(([s, { label }]) => (
                <option key={s} value={s}>
                  {label}
                </option>
              ))}
            </select>
          </div>
        </div>
      </div>
      <ResultsSummary
        count={rows.length}
        noun={{ one: 'delivery', many: 'deliveries' }}
        resultsKey={filterKey}
        searched={false}
        ready={mode !== 'connecting'}
        moveFocus={false}
        className="sr-only"
      />
      {error ? (
        <p role="alert" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {error}
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title="No deliveries yet">Press “Send test delivery” on an endpoint to watch one arrive.</EmptyState>
      ) : (
        <DataTable
          caption="Recent webhook deliveries"
          rows={rows}
          rowKey={(d) => d.id}
          rowProps={(d) => ({ 'data-testid': `delivery-${d.id}`, 'data-status': d.status })}
          columns={[
            { key: 'received', header: 'Received', nowrap: true, className: 'text-slate-600', cell: (d) => <Time value={d.receivedAt} style="short" /> },
            { key: 'endpoint', header: 'Endpoint', primary: true, cell: (d) => nameOf(d.endpointId) },
            { key: 'topic', header: 'Topic', className: 'font-mono text-xs', cell: (d) => d.topic ?? '—' },
            {
              key: 'status',
              header: 'Status',
              cell: (d) => (
                <>
                  <StatusBadge kind="delivery" status={d.status} />
                  {d.lastError ? (
                    <p className="mt-1 max-w-xs truncate text-xs text-red-700" title={d.lastError}>
                      {d.lastError}
                    </p>
                  ) : null}
                </>
              ),
            },
            { key: 'attempts', header: 'Attempts', align: 'right', hideBelow: 'lg', cell: (d) => d.attempts },
            {
              key: 'customer',
              header: 'Customer',
              hideBelow: 'md',
              nowrap: true,
              cell: (d) =>
                d.customerIds[0] ? (
                  <Link href={`/dashboard/customers/${d.customerIds[0]}`} className="text-brand-700 underline">
                    View customer
                  </Link>
                ) : (
                  '—'
                ),
            },
            {
              key: 'open',
              header: 'Open',
              hideHeader: true,
              align: 'right',
              cell: (d) => (
                <Link href={`/dashboard/integrations/deliveries/${d.id}`} className={buttonClass('ghost')} aria-label={`Open delivery ${d.topic ?? d.id}`}>
                  Open
                </Link>
              ),
            },
          ]}
        />
      )}
    </section>
  );
}
