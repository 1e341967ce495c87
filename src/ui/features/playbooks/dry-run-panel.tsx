'use client';
import { useId, useState } from 'react';
import { Button } from '@/ui/primitives/button';
import { Badge } from '@/ui/primitives/badge';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { ApiError, api } from '@/ui/primitives/api-client';
import { describeTrigger } from './describe-trigger';
import { StepDetail } from './run-log';
import { toDefinition } from './draft';
import { CustomerSearch, type PickedCustomer } from '@/ui/features/customers/customer-search';
import { useBuilder } from './builder/builder-context';
import { EmailView, SmsView } from '@/ui/features/messaging/message-view';
import type { PreviewedMessage } from '@/domain/messaging/preview';
import type { DryRunResult } from '@/server/services/playbooks/dry-run-playbook';
import type { Draft, Problem } from './types';
import { useSavedSegmentNames } from '@/ui/features/playbooks/use-saved-segment-names';

/**
 * What the unsaved draft would do for a customer, or for a sample event, step by step: which
 * branch, which A/B arm, what the messaging gate would decide at the simulated time after each
 * wait. Nothing is sent, tagged or stored, and no model is called unless an owner or admin ticks
 * "use AI" (it spends the dispensary's Claude credits).
 */
export function DryRunPanel({
  draft,
  playbookId,
  canUseAi,
  onProblems,
}: {
  draft: Draft;
  playbookId: string | null;
  /** Owners and admins may let AI steps call Claude in a dry run. */
  canUseAi: boolean;
  onProblems: (p: Problem[]) => void;
}) {
  const id = useId();
  const { timeZone } = useBuilder();
  const savedNames = useSavedSegmentNames();
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [triggerIndex, setTriggerIndex] = useState(0);
  const [eventJson, setEventJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const [useAi, setUseAi] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<DryRunResult | null>(null);
  const trigger = draft.triggers[triggerIndex] ?? draft.triggers[0];

  const run = async () => {
    let eventData: Record<string, unknown> | undefined;
    setJsonError(null);
    if (eventJson.trim()) {
      try {
        const parsed = JSON.parse(eventJson) as unknown;
        if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
        eventData = parsed as Record<string, unknown>;
      } catch {
        setJsonError('Write a JSON object, e.g. {"order": {"total": 120}}');
        return;
      }
    }
    setBusy(true);
    setError(null);
    try {
      const options = {
        triggerIndex,
        ...(customer ? { customerId: customer.id } : {}),
        ...(eventData ? { eventData } : {}),
        ...(canUseAi && useAi ? { useAi: true } : {}),
      };
      setResult(
        await api<DryRunResult>('/api/playbooks/dry-run', { body: { definition: toDefinition(draft), ...(playbookId ? { playbookId } : {}), options } }),
      );
    } catch (err) {
      setResult(null);
      if (err instanceof ApiError && err.status === 422) {
        const issues = (err.body.details?.issues ?? []) as Problem[];
        const aboutEvent = issues.filter((i) => i.path.startsWith('eventData') || i.path.startsWith('options.eventData'));
        if (aboutEvent.length) setJsonError(aboutEvent.map((i) => `${i.path.replace(/^(options\.)?eventData\.?/, '') || 'event'}: ${i.message}`).join('; '));
        else {
          onProblems(issues);
          setError(`${err.message} Fix it on the Design tab, then try again.`);
        }
      } else setError(err instanceof ApiError ? err.message : 'The dry run failed.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="space-y-4">
      <Card className="space-y-4" aria-labelledby={`${id}-h`}>
        <div>
          <h2 id={`${id}-h`} className="font-medium">
            Dry run
          </h2>
          <p className="text-sm text-slate-600">
            Walks the playbook as it is on screen (saved or not) and says what each step would do and why. Nothing is sent and nothing is stored. AI steps say
            what they would ask Claude and take their &ldquo;no answer&rdquo; path.
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-4">
          <CustomerSearch label="Customer" value={customer} onChange={setCustomer} noneLabel="No customer: a sample event" testId="dry-run-customer" />
          {draft.triggers.length > 1 ? (
            <div>
              <label htmlFor={`${id}-trigger`} className="block text-sm font-medium text-slate-700">
                As if started by
              </label>
              <select
                id={`${id}-trigger`}
                value={triggerIndex}
                onChange={(e) => setTriggerIndex(Number(e.target.value))}
                className="mt-1 block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
              >
                {draft.triggers.map((t, i) => (
                  <option key={i} value={i}>
                    {describeTrigger(t, timeZone, savedNames)}
                  </option>
                ))}
              </select>
            </div>
          ) : null}
          {canUseAi ? (
            <div className="flex items-center gap-2 pb-2">
              <input
                id={`${id}-ai`}
                type="checkbox"
                checked={useAi}
                onChange={(e) => setUseAi(e.target.checked)}
                aria-describedby={`${id}-ai-hint`}
                className="h-4 w-4 rounded border-slate-300"
                data-testid="dry-run-use-ai"
              />
              <label htmlFor={`${id}-ai`} className="text-sm text-slate-700">
                Use AI in this dry run
              </label>
              <span id={`${id}-ai-hint`} className="text-xs text-slate-500">
                (calls Claude on your account)
              </span>
            </div>
          ) : null}
          <Button onClick={run} disabled={busy}>
            {busy ? 'Running…' : 'Dry run'}
          </Button>
        </div>
        {trigger?.type === 'event' ? (
          <details>
            <summary className="cursor-pointer text-sm text-brand-700">Change the sample {trigger.eventName} event</summary>
            <label htmlFor={`${id}-event`} className="mt-2 block text-sm font-medium text-slate-700">
              Fields to override (JSON)
            </label>
            <textarea
              id={`${id}-event`}
              rows={4}
              value={eventJson}
              onChange={(e) => setEventJson(e.target.value)}
              aria-invalid={jsonError ? true : undefined}
              aria-describedby={`${id}-event-hint${jsonError ? ` ${id}-event-error` : ''}`}
              placeholder='{"order": {"total": 120, "categories": ["edibles"]}}'
              className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-xs"
            />
            <p id={`${id}-event-hint`} className="mt-1 text-xs text-slate-500">
              The sample starts from the customer&apos;s latest order (or the newest order in the store); fields you give replace those.
            </p>
          </details>
        ) : null}
        {jsonError ? (
          <p id={`${id}-event-error`} role="alert" className="text-sm text-red-700">
            {jsonError}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
            {error}
          </p>
        ) : null}
      </Card>
      <div aria-live="polite">{result ? <DryRunOutcome result={result} /> : null}</div>
    </div>
  );
}

function DryRunOutcome({ result }: { result: DryRunResult }) {
  return (
    <section aria-label="Dry run result" className="space-y-3" data-testid="dry-run-result">
      <p className="text-sm">
        <Badge tone={result.willStart ? 'success' : 'warning'}>{result.willStart ? 'Would start' : 'Would not start'}</Badge>
        <span className="ml-2">
          {result.trigger}
          {result.customer ? ` · for ${result.customer.name}` : ' · sample event, no customer'}
        </span>
      </p>
      {result.notes.length ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {result.notes.map((n, i) => (
            <li key={i}>{n}</li>
          ))}
        </ul>
      ) : null}
      {result.steps.length ? (
        <DataTable
          caption="What each step would do"
          rows={result.steps}
          rowKey={(s) => `${s.stepId}-${result.steps.indexOf(s)}`}
          rowProps={() => ({ 'data-testid': 'dry-run-step' })}
          expanded={(s) => (s.message ? { id: `${s.stepId}-${result.steps.indexOf(s)}-message`, content: <DryRunMessage message={s.message} /> } : null)}
          columns={[
            { key: 'when', header: 'When', className: 'text-slate-600', cell: (s) => <Time value={s.at} style="short" /> },
            {
              key: 'step',
              header: 'Step',
              primary: true,
              cell: (s) => (
                <span style={{ paddingLeft: `${s.depth * 1.25}rem` }} className="inline-block">
                  {s.depth ? <span aria-hidden="true">↳ </span> : null}
                  {s.label}
                </span>
              ),
            },
            {
              key: 'outcome',
              header: 'Outcome',
              nowrap: true,
              cell: (s) => (
                <>
                  <StatusBadge kind="step" status={s.status} />
                  {s.branch ? <span className="ml-1 text-xs text-slate-600">→ {s.branch}</span> : null}
                </>
              ),
            },
            {
              key: 'what',
              header: 'What and why',
              className: 'min-w-48 text-slate-700',
              cell: (s) => (
                <>
                  <StepDetail action={s.action} detail={s.detail} />
                  {s.skipReason ? <span className="block text-xs text-amber-800">Skipped: {s.skipReason}</span> : null}
                </>
              ),
            },
          ]}
        />
      ) : null}
      {result.event ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-brand-700">The {result.event.name} event used</summary>
          <pre className="mt-2 max-h-80 overflow-auto rounded-md bg-slate-900 p-3 text-xs text-slate-100">{JSON.stringify(result.event.data, null, 2)}</pre>
        </details>
      ) : null}
    </section>
  );
}

/** A send step's whole message, as the customer would get it; a label says which values are samples. */
function DryRunMessage({ message: m }: { message: PreviewedMessage }) {
  return (
    <div className="space-y-2 py-2" data-testid="dry-run-message">
      {m.example ? (
        <p className="rounded-md border border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950" data-testid="dry-run-example">
          {m.example}
        </p>
      ) : null}
      {m.channel === 'email' ? (
        <EmailView message={m.message} to={m.to} className="max-w-2xl" />
      ) : (
        <SmsView text={m.message.text} segments={m.message.segments} to={m.to} className="mx-0" />
      )}
    </div>
  );
}
