import Link from 'next/link';
import { SEND_STATUS_LABEL, SendStatusSchema } from '@/domain/messaging/send';
import type { SendView } from '@/domain/views/send-view';
import { buttonClass } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import type { OutboxNames } from '@/server/services/messaging/outbox-names';
import { SendSource, type OutboxLinks } from './send-source-link';
import { REASON_LABEL, WITHHELD_TEXT } from './send-status';

export interface OutboxQuery {
  status?: string;
  channel?: string;
}

function href(q: OutboxQuery & { id?: string; cursor?: string }) {
  const p = new URLSearchParams(Object.entries(q).filter(([, v]) => v) as Array<[string, string]>);
  return `/dashboard/outbox${p.size ? `?${p.toString()}` : ''}`;
}

export function OutboxFilters({ query }: { query: OutboxQuery }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter messages">
      <div>
        <label htmlFor="outbox-channel" className="block text-sm font-medium text-slate-700">
          Channel
        </label>
        <select
          id="outbox-channel"
          name="channel"
          defaultValue={query.channel ?? ''}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">All</option>
          <option value="email">Email</option>
          <option value="sms">SMS</option>
        </select>
      </div>
      <div>
        <label htmlFor="outbox-status" className="block text-sm font-medium text-slate-700">
          Status
        </label>
        <select
          id="outbox-status"
          name="status"
          defaultValue={query.status ?? ''}
          className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value="">All</option>
          {SendStatusSchema.options.map((s) => (
            <option key={s} value={s}>
              {SEND_STATUS_LABEL[s]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className={buttonClass('secondary')}>
        Filter
      </button>
    </form>
  );
}

/** The list of sends; the selected one is shown beside it. */
export function OutboxTable({
  sends,
  names,
  links,
  selectedId,
  query,
  nextCursor,
}: {
  sends: SendView[];
  names: OutboxNames;
  links: OutboxLinks;
  selectedId: string | null;
  query: OutboxQuery;
  nextCursor: string | null;
}) {
  if (!sends.length)
    return (
      <EmptyState title="No messages yet">
        Messages sent from playbooks, customer profiles and campaigns appear here, exactly as the customer sees them.
      </EmptyState>
    );
  return (
    <div className="space-y-3">
      <DataTable
        caption="Messages"
        rows={sends}
        rowKey={(s) => s.id}
        rowProps={(s) => ({ 'data-testid': `outbox-row-${s.id}`, className: s.id === selectedId ? 'bg-brand-50' : undefined })}
        columns={[
          { key: 'when', header: 'When', nowrap: true, className: 'tabular-nums text-slate-600', cell: (s) => <Time value={s.createdAt} style="short" /> },
          {
            key: 'customer',
            header: 'Customer',
            cell: (s) =>
              names.customers[s.customerId] ? (
                <Link href={`/dashboard/customers/${s.customerId}`} className="text-brand-700 underline hover:no-underline">
                  {names.customers[s.customerId]}
                </Link>
              ) : (
                'Unknown customer'
              ),
          },
          {
            key: 'message',
            header: 'Message',
            primary: true,
            className: 'max-w-56',
            cell: (s) => (
              <Link
                href={href({ ...query, id: s.id })}
                className="block truncate text-brand-700 hover:underline"
                aria-current={s.id === selectedId ? 'true' : undefined}
              >
                <span className="mr-1 rounded bg-slate-100 px-1 text-xs text-slate-700">{s.channel === 'email' ? 'Email' : 'SMS'}</span>
                {s.message ? s.channel === 'email' ? s.message.subject : s.message.text : <span className="italic text-slate-600">{WITHHELD_TEXT}</span>}
              </Link>
            ),
          },
          { key: 'from', header: 'From', hideBelow: 'lg', className: 'text-slate-700', cell: (s) => <SendSource source={names.sources[s.id]} links={links} /> },
          {
            key: 'status',
            header: 'Status',
            cell: (s) => (
              <>
                <StatusBadge kind="send" status={s.status} />
                {s.status === 'skipped' || s.status === 'deferred' ? (
                  <span className="block text-xs text-slate-600">{REASON_LABEL[s.decision.reason]}</span>
                ) : s.status === 'cancelled' && s.cancelReason ? (
                  <span className="block max-w-64 text-xs text-slate-600" data-testid="outbox-cancel-reason">
                    {s.cancelReason}
                  </span>
                ) : null}
              </>
            ),
          },
        ]}
      />
      {nextCursor ? (
        <Link href={href({ ...query, cursor: nextCursor })} className={buttonClass('secondary')}>
          Older messages
        </Link>
      ) : null}
    </div>
  );
}
