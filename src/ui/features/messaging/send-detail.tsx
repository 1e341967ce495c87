import Link from 'next/link';
import type { SendView } from '@/domain/views/send-view';
import { Badge } from '@/ui/primitives/badge';
import { Card } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { EmailView, SmsView } from './message-view';
import type { OutboxNames } from '@/server/services/messaging/outbox-names';
import { SendSource, TemplateName, type OutboxLinks } from './send-source-link';
import { REASON_LABEL, WITHHELD_TEXT } from './send-status';

/** One send: the message as the customer sees it, and why it went (or did not). */
export function SendDetail({ send, names, links, from }: { send: SendView; names: OutboxNames; links: OutboxLinks; from?: string }) {
  const d = send.decision;
  return (
    <div className="space-y-4" data-testid="send-detail">
      <Card className="space-y-3">
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge kind="send" status={send.status} />
          <Badge>{send.channel === 'email' ? 'Email' : 'SMS'}</Badge>
          <Badge tone={send.kind === 'marketing' ? 'info' : 'neutral'}>{send.kind}</Badge>
          {send.sandbox ? <Badge tone="warning">sandbox</Badge> : null}
          {send.provider ? <span className="text-xs text-slate-500">via {send.provider}</span> : null}
        </div>
        <p className="text-sm">
          To{' '}
          <Link className="font-medium text-brand-700 hover:underline" href={`/dashboard/customers/${send.customerId}`}>
            {names.customers[send.customerId] ?? 'Unknown customer'}
          </Link>
          {send.templateId ? (
            <span className="text-slate-600">
              {' '}
              · template <TemplateName id={send.templateId} names={names} links={links} />
            </span>
          ) : null}
          <span className="text-slate-600" data-testid="send-detail-source">
            {' '}
            · <SendSource source={names.sources[send.id]} links={links} withRun />
          </span>
        </p>
        {send.status === 'cancelled' ? (
          <div role="status" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-900" data-testid="send-cancelled">
            <p className="font-medium">Cancelled before it went</p>
            <p>
              {send.cancelReason ?? 'Withdrawn.'}
              {send.cancelledAt ? (
                <>
                  {' '}
                  (<Time value={send.cancelledAt} />)
                </>
              ) : null}
            </p>
          </div>
        ) : null}
        <div
          role="status"
          className={
            d.outcome === 'skip'
              ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-900'
              : d.outcome === 'defer'
                ? 'rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900'
                : 'rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900'
          }
          data-testid="send-reason"
        >
          <p className="font-medium">
            {d.outcome === 'skip'
              ? `Not sent: ${REASON_LABEL[d.reason]}`
              : d.outcome === 'defer'
                ? `Deferred: ${REASON_LABEL[d.reason]}`
                : 'Cleared by the gate'}
          </p>
          <p>{d.detail}</p>
        </div>
        <details className="text-sm">
          <summary className="cursor-pointer text-slate-600">Every check, in order</summary>
          <ol className="mt-2 space-y-1">
            {d.checks.map((c) => (
              <li key={c.check} className="flex gap-2">
                <span aria-hidden>{c.ok ? '✓' : '✗'}</span>
                <span className="sr-only">{c.ok ? 'passed' : 'failed'}</span>
                <span className="font-medium capitalize">{c.check.replace('_', ' ')}</span>
                <span className="text-slate-600">{c.note}</span>
              </li>
            ))}
          </ol>
        </details>
        {send.lastError ? (
          <p className="text-sm text-red-800">
            Last error ({send.lastError.code}): {send.lastError.message}
          </p>
        ) : null}
      </Card>
      {!send.message ? (
        <Card>
          <p className="text-sm italic text-slate-600" data-testid="send-text-withheld">
            {WITHHELD_TEXT}
          </p>
        </Card>
      ) : send.channel === 'email' ? (
        <EmailView message={send.message} to={send.to ?? undefined} from={from} />
      ) : (
        <SmsView text={send.message.text} segments={send.message.segments} to={send.to} />
      )}
      <Card>
        <h3 className="text-sm font-medium">History</h3>
        <ol className="mt-2 space-y-1 text-sm">
          {[...send.events].reverse().map((e, i) => (
            <li key={`${e.type}-${i}`} className="flex gap-3">
              <Time value={e.at} style="short" className="w-36 shrink-0 tabular-nums text-slate-600" />
              <span className="font-medium">{e.type.replace(/_/g, ' ')}</span>
              {e.detail ? <span className="truncate text-slate-600">{e.detail}</span> : null}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
