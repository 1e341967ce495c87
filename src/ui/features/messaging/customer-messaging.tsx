import Link from 'next/link';
import { sourceLabel } from '@/domain/messaging/gate';
import type { TimelineItem } from '@/domain/messaging/timeline';
import type { CustomerView } from '@/domain/views/customer-view';
import { Badge } from '@/ui/primitives/badge';
import { Card, EmptyState } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { Time } from '@/ui/primitives/time';
import { ConsentControls } from './consent-controls';
import { SendMessageForm, type TemplateOption } from './send-message-form';
import { REASON_LABEL, WITHHELD_TEXT } from './send-status';

/** The opt-out centre, the message timeline, and "Send message" for those allowed to send. */
export function CustomerMessaging({
  customer: c,
  timeline,
  templates,
  canWrite,
  canSend,
  disclosures,
}: {
  customer: CustomerView;
  timeline: TimelineItem[];
  templates: TemplateOption[];
  /** May record consent at the counter (every staff role). */
  canWrite: boolean;
  canSend: boolean;
  disclosures: Record<'email' | 'sms', Record<'opted_in' | 'opted_out', string>>;
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
                <StatusBadge kind="consent" status={consent.status} />
              </p>
              <p className="text-xs text-slate-600">
                {consent.status === 'unknown' ? (
                  'No decision recorded.'
                ) : (
                  <>
                    {sourceLabel(consent.source)}
                    {consent.at ? (
                      <>
                        , <Time value={consent.at} />
                      </>
                    ) : null}
                  </>
                )}
              </p>
              {ch === 'email' && c.emailUndeliverable ? <p className="text-xs text-red-800">Undeliverable: {c.emailUndeliverable.reason}</p> : null}
              {canWrite ? <ConsentControls customerId={c.id} channel={ch} status={consent.status} label={label} disclosures={disclosures[ch]} /> : null}
            </div>
          );
        })}
        <dl className="grid grid-cols-2 gap-y-1 border-t border-slate-100 pt-3 text-xs">
          <dt className="text-slate-500">Last email open</dt>
          <dd>
            <Time value={c.lastEmailOpenAt} style="short" />
          </dd>
          <dt className="text-slate-500">Last email click</dt>
          <dd>
            <Time value={c.lastEmailClickAt} style="short" />
          </dd>
          <dt className="text-slate-500">Last SMS click</dt>
          <dd>
            <Time value={c.lastSmsClickAt} style="short" />
          </dd>
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
                  <TimelineRow item={item} />
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
    </div>
  );
}

function TimelineRow({ item }: { item: TimelineItem }) {
  const when = <Time value={item.at} style="short" className="w-32 shrink-0 tabular-nums text-slate-600" />;
  if (item.kind === 'send') {
    const s = item.send;
    return (
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        {when}
        <span className="rounded bg-slate-100 px-1 text-xs text-slate-600">{s.channel === 'email' ? 'Email' : 'SMS'}</span>
        <Link href={`/dashboard/outbox?id=${s.id}`} className="min-w-0 flex-1 truncate text-brand-700 hover:underline">
          {s.message ? s.channel === 'email' ? s.message.subject : s.message.text : <span className="italic text-slate-500">{WITHHELD_TEXT}</span>}
        </Link>
        <StatusBadge kind="send" status={s.status} />
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
        <Badge tone={item.inbound.intent === 'stop' ? 'danger' : item.inbound.intent === 'other' ? 'neutral' : 'info'}>
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
