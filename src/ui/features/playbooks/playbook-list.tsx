import Link from 'next/link';
import { agentName } from '@/domain/playbooks/agents';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount, formatMoney } from '@/ui/primitives/format';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { describeTrigger } from './describe-trigger';
import { ShowExpression, triggerFilters } from './show-expression';
import type { PlaybookRow } from './types';

/** Every playbook: status, what starts it, and what it did in the last 30 days. */
export function PlaybookList({
  rows,
  timeZone,
  canWrite,
  savedNames,
}: {
  rows: PlaybookRow[];
  timeZone: string;
  canWrite: boolean;
  /** Saved segments by id, so a trigger on one reads by its name. */
  savedNames?: Record<string, string>;
}) {
  if (!rows.length) {
    return (
      <EmptyState title="No playbooks yet">
        {canWrite ? (
          <>
            Start from the{' '}
            <Link href="/dashboard/playbooks/gallery" className="text-brand-700 underline">
              gallery of ready playbooks
            </Link>{' '}
            or{' '}
            <Link href="/dashboard/playbooks/new" className="text-brand-700 underline">
              build one
            </Link>
            .
          </>
        ) : (
          'Owners and admins create playbooks.'
        )}
      </EmptyState>
    );
  }
  return (
    <DataTable
      caption="Playbooks, active first"
      rows={rows}
      rowKey={(r) => r.playbook.id}
      rowProps={() => ({ 'data-testid': 'playbook-row' })}
      columns={[
        {
          key: 'playbook',
          header: 'Playbook',
          primary: true,
          className: 'min-w-48',
          cell: ({ playbook: p, placeholders }) => (
            <>
              <Link href={`/dashboard/playbooks/${p.id}`} className="font-medium text-brand-800 hover:underline">
                {p.name}
              </Link>
              <span className="block text-xs font-normal text-slate-600">
                {agentName(p.ownerAgent)} · version {p.version}
              </span>
              {placeholders.length && p.status !== 'active' ? (
                <span className="mt-1 block rounded-md bg-amber-50 px-2 py-1 text-xs text-amber-900" data-testid="playbook-placeholder">
                  Cannot be activated yet: {placeholders[0]!.message}
                </span>
              ) : null}
            </>
          ),
        },
        { key: 'status', header: 'Status', cell: ({ playbook: p }) => <StatusBadge kind="playbook" status={p.status} /> },
        {
          key: 'starts',
          header: 'Starts',
          className: 'max-w-xs text-slate-700',
          cell: ({ playbook: p }) => (
            <>
              {p.triggers.map((t) => describeTrigger(t, timeZone, savedNames)).join('; ')}
              <ShowExpression expressions={triggerFilters(p.triggers)} className="mt-1" />
            </>
          ),
        },
        {
          key: 'runs',
          header: 'Runs (30 days)',
          align: 'right',
          cell: ({ playbook: p, runs30d }) => (
            <Link href={`/dashboard/playbooks/${p.id}?tab=runs`} className="hover:underline">
              {formatCount(runs30d)}
            </Link>
          ),
        },
        { key: 'messages', header: 'Messages (30 days)', align: 'right', hideBelow: 'lg', cell: ({ messages30d }) => formatCount(messages30d) },
        rows.some((r) => r.revenue30dCents !== null) && {
          key: 'revenue',
          header: 'Attributed revenue (30 days)',
          align: 'right',
          hideBelow: 'lg',
          nowrap: true,
          cell: ({ revenue30dCents }) => (revenue30dCents === null ? '' : formatMoney(revenue30dCents)),
        },
        {
          key: 'updated',
          header: 'Updated',
          hideBelow: 'md',
          className: 'text-slate-600',
          cell: ({ playbook: p }) => <Time value={p.updatedAt} style="short" />,
        },
      ]}
    />
  );
}
