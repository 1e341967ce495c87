'use client';
import Link from 'next/link';
import { useCallback, useEffect, useId, useState } from 'react';
import { Button } from '@/ui/primitives/button';
import { EmptyState } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { ApiError, api } from '@/ui/primitives/api-client';
import { STATUS_VOCABULARY } from '@/ui/primitives/status';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { useBackoffRefresh } from '@/ui/primitives/use-backoff-refresh';
import { CustomerSearch, type PickedCustomer } from '@/ui/features/customers/customer-search';
import { branchLabel, stepDetailWords, stepTypeName } from './describe-step';
import { eventPhrase } from './describe-trigger';
import { ShowExpression } from './show-expression';
import type { RunJson } from './types';

type Scope = { playbookId: string } | { customerId: string };
const STATUSES = ['running', 'waiting', 'completed', 'exited', 'failed'] as const;

function customerName(run: RunJson): string {
  const c = run.context.customer as { firstName?: string; lastName?: string } | null;
  const name = c ? `${c.firstName ?? ''} ${c.lastName ?? ''}`.trim() : '';
  return name || run.customerId || '—';
}

function endedBy(eventName: string | undefined): string {
  if (!eventName) return 'Ended by an exit rule';
  if (eventName === 'playbook.deleted') return 'Ended: the playbook was deleted';
  return `Ended early: ${eventPhrase(eventName).replace(/^When /, '')}`;
}

function whereItIs(run: RunJson): React.ReactNode {
  if (run.status === 'waiting')
    return run.waitingFor ? (
      <>
        Waiting for: {eventPhrase(run.waitingFor.eventName).replace(/^When /, '')}, until <Time value={run.waitingFor.timeoutAt} style="short" />
      </>
    ) : (
      <>
        Resumes <Time value={run.resumeAt} style="short" />
      </>
    );
  if (run.status === 'exited') return endedBy(run.exitedBy?.eventName);
  if (run.status === 'failed') return run.error ?? 'Failed';
  const last = run.stepResults[run.stepResults.length - 1];
  return last ? stepDetailWords(last.action, last.detail).words || stepTypeName(last.action) : 'Starting';
}

/**
 * The execution log for one playbook or one customer, newest first: status filter (and customer,
 * for a playbook), each run expandable to its steps with timings and skip reasons. The first page
 * refreshes itself while visible (backing off while nothing changes), so a new run shows up.
 */
export function RunLog({ scope }: { scope: Scope }) {
  const id = useId();
  const [status, setStatus] = useState('');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [runs, setRuns] = useState<RunJson[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<Set<string>>(new Set());
  const byPlaybook = 'playbookId' in scope;

  const url = useCallback(
    (cursor?: string) => {
      const q = new URLSearchParams();
      if (status) q.set('status', status);
      if (byPlaybook && customer) q.set('customerId', customer.id);
      if (cursor) q.set('cursor', cursor);
      q.set('limit', '25');
      return byPlaybook ? `/api/playbooks/${scope.playbookId}/runs?${q}` : `/api/customers/${(scope as { customerId: string }).customerId}/runs?${q}`;
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the scope's id stands for the scope object, which is new on every render
    [status, customer, byPlaybook, byPlaybook ? scope.playbookId : (scope as { customerId: string }).customerId],
  );

  /** Fetches the first page; a quiet refresh keeps the pages loaded below it. `live` drops answers that arrive too late. */
  const fetchFirst = useCallback(
    (quiet: boolean, live: () => boolean = () => true) =>
      api<{ runs: RunJson[]; nextCursor: string | null }>(url())
        .then((res) => {
          if (!live()) return;
          setRuns((prev) => (quiet && prev.length > res.runs.length ? [...res.runs, ...prev.slice(res.runs.length)] : res.runs));
          if (!quiet) setNext(res.nextCursor);
          setError(null);
        })
        .catch((err: unknown) => live() && setError(err instanceof ApiError ? err.message : 'Could not load the runs.'))
        .finally(() => live() && setLoading(false)),
    [url],
  );
  const loadFirst = () => {
    setLoading(true);
    void fetchFirst(false);
  };

  useEffect(() => {
    let live = true;
    void fetchFirst(false, () => live);
    return () => {
      live = false;
    };
  }, [fetchFirst]);
  // Not every 5 s forever: the gap grows while nothing happens, and nothing runs in a hidden tab.
  useBackoffRefresh(() => fetchFirst(true), { minMs: 5_000, maxMs: 60_000 });

  const more = async () => {
    if (!next) return;
    setLoading(true);
    try {
      const res = await api<{ runs: RunJson[]; nextCursor: string | null }>(url(next));
      setRuns((prev) => [...prev, ...res.runs.filter((r) => !prev.some((p) => p.id === r.id))]);
      setNext(res.nextCursor);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Could not load more runs.');
    } finally {
      setLoading(false);
    }
  };

  const toggle = (runId: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(runId)) n.delete(runId);
      else n.add(runId);
      return n;
    });

  return (
    <section aria-label={byPlaybook ? 'Execution log' : 'Playbook runs'} className="space-y-3" data-testid="run-log">
      <div className="flex flex-wrap items-end gap-4">
        <div>
          <label htmlFor={`${id}-status`} className="block text-sm font-medium text-slate-700">
            Status
          </label>
          <select
            id={`${id}-status`}
            value={status}
            onChange={(e) => setStatus(e.target.value)}
            className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
          >
            <option value="">Any status</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_VOCABULARY.run[s].label}
              </option>
            ))}
          </select>
        </div>
        {byPlaybook ? <CustomerSearch label="Customer" value={customer} onChange={setCustomer} noneLabel="Any customer" /> : null}
        <Button variant="secondary" onClick={loadFirst} disabled={loading}>
          Refresh
        </Button>
      </div>
      {error ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {error}
        </p>
      ) : null}
      {!loading && !runs.length && !error ? (
        <EmptyState title="No runs yet">
          {byPlaybook ? 'Runs appear here as soon as a trigger starts one.' : 'This customer has not been through a playbook yet.'}
        </EmptyState>
      ) : null}
      {runs.length ? (
        <DataTable
          caption={byPlaybook ? 'Runs of this playbook, newest first' : 'Playbook runs for this customer, newest first'}
          rows={runs}
          rowKey={(run) => run.id}
          rowProps={() => ({ 'data-testid': 'run-row' })}
          expanded={(run) => (open.has(run.id) ? { id: `${id}-${run.id}`, content: <RunSteps run={run} /> } : null)}
          columns={[
            { key: 'started', header: 'Started', cell: (run) => <Time value={run.startedAt} style="short" /> },
            {
              key: 'who',
              header: byPlaybook ? 'Customer' : 'Playbook',
              primary: true,
              cell: (run) =>
                byPlaybook ? (
                  run.customerId ? (
                    <Link href={`/dashboard/customers/${run.customerId}`} className="text-brand-700 hover:underline">
                      {customerName(run)}
                    </Link>
                  ) : (
                    <span className="text-slate-600">{run.runKey}</span>
                  )
                ) : (
                  <Link href={`/dashboard/playbooks/${run.playbookId}?tab=runs`} className="text-brand-700 hover:underline">
                    {run.playbookName}
                  </Link>
                ),
            },
            { key: 'version', header: 'Version', align: 'right', hideBelow: 'md', cell: (run) => run.version },
            {
              key: 'status',
              header: 'Status',
              nowrap: true,
              cell: (run) => (
                <>
                  <StatusBadge kind="run" status={run.status} />
                  {run.dryRun ? <span className="ml-1 text-xs text-slate-600">dry run</span> : null}
                </>
              ),
            },
            {
              key: 'where',
              header: 'Where it is',
              className: 'min-w-40 text-slate-700',
              cell: (run) => <span className="line-clamp-2">{whereItIs(run)}</span>,
            },
            {
              key: 'steps',
              header: 'Steps',
              hideHeader: true,
              nowrap: true,
              cell: (run) => (
                <Button
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  aria-expanded={open.has(run.id)}
                  aria-controls={`${id}-${run.id}`}
                  onClick={() => toggle(run.id)}
                >
                  {open.has(run.id) ? 'Hide steps' : `Steps (${run.stepResults.length})`}
                </Button>
              ),
            },
          ]}
        />
      ) : null}
      {next ? (
        <Button variant="secondary" onClick={more} disabled={loading}>
          {loading ? 'Loading…' : 'Load more'}
        </Button>
      ) : null}
    </section>
  );
}

function RunSteps({ run }: { run: RunJson }) {
  if (!run.stepResults.length) return <p className="text-sm text-slate-600">No step has run yet.</p>;
  return (
    <ol className="space-y-1.5 text-sm">
      {run.stepResults.map((r, i) => (
        <li key={`${r.stepId}-${i}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-0.5" data-testid="run-step">
          <Time value={r.startedAt} style="short" className="w-32 shrink-0 text-xs tabular-nums text-slate-600" />
          <StatusBadge kind="step" status={r.status} />
          <span className="font-medium">{stepTypeName(r.action)}</span>
          {r.branch ? <span className="text-xs text-slate-600">→ {branchLabel(r.action, r.branch)}</span> : null}
          <StepDetail action={r.action} detail={r.detail} />
          {r.skipReason ? <span className="text-xs text-amber-800">({r.skipReason})</span> : null}
          <span className="text-xs tabular-nums text-slate-600">{r.ms} ms</span>
        </li>
      ))}
    </ol>
  );
}

/** A step's log line in words; a condition's expression stays one click away. */
export function StepDetail({ action, detail }: { action: string; detail: string }) {
  const { words, expression } = stepDetailWords(action, detail);
  return (
    <span className="text-slate-700">
      {words}
      {expression ? <ShowExpression expressions={[expression]} className="inline-block pl-2 align-baseline" /> : null}
    </span>
  );
}
