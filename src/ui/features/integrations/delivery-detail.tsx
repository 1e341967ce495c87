import Link from 'next/link';
import { parse, stringify } from 'lossless-json';
import type { DeliveryDetail } from '@/server/services/integrations/get-delivery';
import { Card, PageHeader } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { formatCount } from '@/ui/primitives/format';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { ReplayButton } from './replay-button';

/** Pretty-prints JSON without rounding big numbers; anything else is shown as received. */
function pretty(text: string): string {
  try {
    return stringify(parse(text), null, 2) ?? text;
  } catch {
    return text;
  }
}

export function DeliveryDetailView({ detail }: { detail: DeliveryDetail }) {
  const d = detail.delivery;
  const pending = d.status === 'received' || d.status === 'processing';
  return (
    <>
      <PageHeader
        title={`${d.source} · ${d.topic ?? 'delivery'}`}
        description={
          <>
            Received <Time value={d.receivedAt} seconds /> · {formatCount(d.bodyBytes)} bytes · id {d.id}
          </>
        }
        actions={<ReplayButton deliveryId={d.id} pending={pending} />}
      />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card aria-labelledby="outcome-title">
          <h2 id="outcome-title" className="font-medium">
            Outcome
          </h2>
          <dl className="mt-3 grid grid-cols-[minmax(7rem,10rem)_minmax(0,1fr)] gap-x-2 gap-y-2 text-sm">
            <dt className="text-slate-600">Status</dt>
            <dd>
              <StatusBadge kind="delivery" status={d.status} testId="delivery-status" />
            </dd>
            <dt className="text-slate-600">Attempts</dt>
            <dd>{d.attempts}</dd>
            <dt className="text-slate-600">Sender’s delivery id</dt>
            <dd className="break-all font-mono text-xs">{d.senderDeliveryId ?? '—'}</dd>
            {d.nextAttemptAt ? (
              <>
                <dt className="text-slate-600">Next attempt</dt>
                <dd>
                  <Time value={d.nextAttemptAt} seconds />
                </dd>
              </>
            ) : null}
            {d.lastError || d.ignoredReason ? (
              <>
                <dt className="text-slate-600">{d.lastError ? 'Error' : 'Ignored because'}</dt>
                <dd className="text-red-800">{d.lastError ?? d.ignoredReason}</dd>
              </>
            ) : null}
          </dl>
          {d.attemptLog.length ? (
            <DataTable
              caption="Processing attempts"
              className="mt-4"
              rows={d.attemptLog}
              rowKey={(a) => `${a.at.toISOString()}-${a.by}`}
              columns={[
                { key: 'when', header: 'When', cell: (a) => <Time value={a.at} style="short" seconds /> },
                { key: 'by', header: 'By', cell: (a) => a.by },
                {
                  key: 'outcome',
                  header: 'Outcome',
                  primary: true,
                  cell: (a) => (
                    <>
                      {a.outcome}
                      {a.error ? <span className="block text-xs font-normal text-red-700">{a.error}</span> : null}
                    </>
                  ),
                },
                { key: 'ms', header: 'ms', align: 'right', cell: (a) => a.ms },
              ]}
            />
          ) : null}
        </Card>
        <Card aria-labelledby="events-title">
          <h2 id="events-title" className="font-medium">
            Events produced
          </h2>
          {detail.events.length ? (
            <ul className="mt-3 space-y-2 text-sm">
              {detail.events.map((e) => (
                <li key={e.id} className="flex flex-wrap items-center gap-2">
                  <code className="font-mono text-xs">{e.name}</code>
                  {e.customerId ? (
                    <Link href={`/dashboard/customers/${e.customerId}`} className="text-brand-700 underline" data-testid="delivery-event-customer">
                      {detail.customerNames[e.customerId] ?? 'A customer no longer on file'}
                    </Link>
                  ) : null}
                  <span className="text-xs text-slate-500">{e.dispatchedAt ? 'dispatched to playbooks' : 'not dispatched yet'}</span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="mt-3 text-sm text-slate-600">None.</p>
          )}
        </Card>
      </div>
      <Card className="mt-6" aria-labelledby="headers-title">
        <h2 id="headers-title" className="font-medium">
          Headers <span className="text-xs font-normal text-slate-500">(signatures and credentials are never stored)</span>
        </h2>
        <DataTable
          caption="Request headers"
          className="mt-3"
          rows={Object.entries(d.headers).sort(([a], [b]) => a.localeCompare(b))}
          rowKey={([k]) => k}
          columns={[
            { key: 'name', header: 'Header', className: 'font-mono text-xs', cell: ([k]) => k },
            { key: 'value', header: 'Value', className: 'break-all font-mono text-xs', cell: ([, v]) => v },
          ]}
        />
      </Card>
      <Card className="mt-6" aria-labelledby="payload-title">
        <h2 id="payload-title" className="font-medium">
          Payload
        </h2>
        <pre tabIndex={0} aria-label="Payload" className="mt-3 max-h-[32rem] overflow-auto rounded bg-slate-50 p-3 text-xs" data-testid="delivery-payload">
          {pretty(detail.bodyText)}
        </pre>
      </Card>
    </>
  );
}
