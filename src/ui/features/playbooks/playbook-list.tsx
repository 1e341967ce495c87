import Link from 'next/link';
import { AGENT_LABELS } from '@/domain/playbooks/agents';
import { Badge, EmptyState } from '@/ui/primitives/card';
import { Table, Td, Th } from '@/ui/primitives/table';
import { describeTrigger } from './describe-trigger';
import { formatWhen } from '@/ui/primitives/format-when';
import { STATUS_TONE } from './status';
import type { PlaybookRow } from './types';

/** Every playbook: status, what starts it, and what it did in the last 30 days. */
export function PlaybookList({ rows, timeZone, canWrite }: { rows: PlaybookRow[]; timeZone: string; canWrite: boolean }) {
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
    <Table caption="Playbooks, active first">
      <thead>
        <tr>
          <Th>Playbook</Th>
          <Th>Status</Th>
          <Th>Starts</Th>
          <Th align="right">Runs (30 days)</Th>
          <Th align="right">Messages (30 days)</Th>
          <Th>Updated</Th>
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map(({ playbook: p, runs30d, messages30d }) => (
          <tr key={p.id} data-testid="playbook-row">
            <Td>
              <Link href={`/dashboard/playbooks/${p.id}`} className="font-medium text-brand-800 hover:underline">
                {p.name}
              </Link>
              <span className="block text-xs text-slate-500">
                {AGENT_LABELS[p.ownerAgent].name} · v{p.version}
              </span>
            </Td>
            <Td>
              <Badge tone={STATUS_TONE[p.status]}>{p.status}</Badge>
            </Td>
            <Td className="max-w-xs text-slate-700">{p.triggers.map((t) => describeTrigger(t, timeZone)).join('; ')}</Td>
            <Td align="right">
              <Link href={`/dashboard/playbooks/${p.id}?tab=runs`} className="hover:underline">
                {runs30d.toLocaleString('en-US')}
              </Link>
            </Td>
            <Td align="right">{messages30d.toLocaleString('en-US')}</Td>
            <Td className="whitespace-nowrap text-slate-600">{formatWhen(p.updatedAt, timeZone)}</Td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
