import Link from 'next/link';
import { sourceLabel } from '@/domain/messaging/gate';
import type { TimelineItem } from '@/domain/messaging/timeline';
import type { CustomerView } from '@/domain/views/customer-view';
import { Badge, Card, EmptyState } from '@/ui/primitives/card';
import { ConsentControls } from './consent-controls';
import { SendMessageForm, type TemplateOption } from './send-message-form';
import { formatWhen } from '@/ui/primitives/format-when';
import { REASON_LABEL, SendStatusBadge, WITHHELD_TEXT } from './send-status';

const CONSENT_TONE = { opted_in: 'green', opted_out: 'red', unknown: 'slate' } as const;
const CONSENT_LABEL = { opted_in: 'Opted in', opted_out: 'Opted out', unknown: 'Not asked' } as const;

/** The opt-out centre, the message timeline, and "Send message" for those allowed to send. */
export function CustomerMessaging({
  customer: c,
  timeline,
  templates,
  timeZone,
  canWrite,
  canSend,
}: {
  customer: CustomerView;
  timeline: TimelineItem[];
  templates: TemplateOption[];
  timeZone: string;
  canWrite: boolean;
  canSend: boolean;
}) {
  return (
    <div className="mt-6 grid gap-6 lg:grid-cols-3">
      <Card className="space-y-4 lg:col-span-1" aria-labelledby="optout-centre">
        <h2 id="optout-centre" className="font-medium">
          Opt-out centre
        </h2>
        {(['email', 'sms'] as const).map((ch) => {
          const consent = c.consent[ch];
          const label = ch === 'email' ? 'Email' : 'SMS';
          return (
            <div key={ch} className="space-y-2 border-t border-slate-100 pt-3" data-testid={`consent-${ch}`}>
              <p className="flex items-center gap-2 text-sm">
                <span className="w-12 font-medium">{label}</span>
                <Badge tone={CONSENT_TONE[consent.status]}>{CONSENT_LABEL[consent.status]}</Badge>
              </p>
              <p className="text-xs text-slate-600">
                {consent.status === 'unknown'
                  ? 'No decision recorded.'
                  : `${sourceLabel(consent.source)}${consent.at ? `, ${formatWhen(consent.at, timeZone)}` : ''}`}
              </p>
              {ch === 'email' && c.emailUndeliverable ? <p className="text-xs text-red-800">Undeliverable: {c.emailUndeliverable.reason}</p> : null}
              {canWrite ? <ConsentControls customerId={c.id} channel={ch} status={consent.status} label={label} /> : null}
            </div>
          );
        })}
        <dl className="grid grid-cols-2 gap-y-1 border-t border-slate-100 pt-3 text-xs">
          <dt className="text-slate-500">Last email open</dt>
          <dd>{formatWhen(c.lastEmailOpenAt, timeZone)}</dd>
          <dt className="text-slate-500">Last email click</dt>
          <dd>{formatWhen(c.lastEmailClickAt, timeZone)}</dd>
          <dt className="text-slate-500">Last SMS click</dt>
          <dd>{formatWhen(c.lastSmsClickAt, timeZone)}</dd>
        </dl>
      </Card>
      <div className="space-y-6 lg:col-span-2">
        {canSend ? (
          <Card aria-labelledby="send-message">
            <h2 id="send-message" className="mb-3 font-medium">
              Send message
            </h2>
            <SendMessageForm customerId={c.id} templates={templates} />
          </Card>
        ) : null}
        <section aria-labelledby="timeline">
          <h2 id="timeline" className="mb-3 font-medium">
            Messages
          </h2>
          {timeline.length === 0 ? (
            <EmptyState title="No messages yet" />
          ) : (
            <ol className="space-y-2" data-testid="message-timeline">
              {timeline.map((item) => (
                <li
                  key={`${item.kind}-${item.kind === 'send' ? item.send.id : item.kind === 'inbound' ? item.inbound.id : item.consent.id}`}
                  className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm"
                >
                  <TimelineRow item={item} timeZone={timeZone} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

function TimelineRow({ item, timeZone }: { item: TimelineItem; timeZone: string }) {
  const when = <span className="w-32 shrink-0 tabular-nums text-slate-500">{formatWhen(item.at, timeZone)}</span>;
  if (item.kind === 'send') {
    const s = item.send;
    return (
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        {when}
        <span className="rounded bg-slate-100 px-1 text-xs text-slate-600">{s.channel === 'email' ? 'Email' : 'SMS'}</span>
        <Link href={`/dashboard/outbox?id=${s.id}`} className="min-w-0 flex-1 truncate text-brand-700 hover:underline">
          {s.message ? s.channel === 'email' ? s.message.subject : s.message.text : <span className="italic text-slate-500">{WITHHELD_TEXT}</span>}
        </Link>
        <SendStatusBadge status={s.status} />
        {s.status === 'skipped' || s.status === 'deferred' ? (
          <p className="w-full pl-[8.75rem] text-xs text-slate-600" data-testid="timeline-reason">
            {REASON_LABEL[s.decision.reason]}: {s.decision.detail}
          </p>
        ) : s.status === 'cancelled' ? (
          <p className="w-full pl-[8.75rem] text-xs text-slate-600" data-testid="timeline-reason">
            Cancelled: {s.cancelReason ?? 'withdrawn before it went'}
          </p>
        ) : null}
      </div>
    );
  }
  if (item.kind === 'inbound') {
    return (
      <div className="flex flex-wrap items-start gap-3">
        {when}
        <span className="rounded bg-sky-100 px-1 text-xs text-sky-900">Reply</span>
        <span className="flex-1 italic">“{item.inbound.body}”</span>
        <Badge tone={item.inbound.intent === 'stop' ? 'red' : item.inbound.intent === 'other' ? 'slate' : 'blue'}>
          {item.inbound.handledAs.replace(/_/g, ' ')}
        </Badge>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap items-start gap-3 text-slate-700">
      {when}
      <span>
        {item.consent.channel === 'email' ? 'Email' : 'SMS'} consent: {item.consent.previousStatus.replace('_', ' ')} →{' '}
        <strong>{item.consent.status.replace('_', ' ')}</strong> ({sourceLabel(item.consent.source)}){item.consent.note ? ` — ${item.consent.note}` : ''}
      </span>
    </div>
  );
}
