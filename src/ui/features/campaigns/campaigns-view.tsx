'use client';

import Link from 'next/link';
import { useState } from 'react';
import { audienceWords, campaignPercent, skipReasonWords, type AudienceCheck, type Campaign } from '@/domain/crm/campaign';
import { savedSegmentIdOfTrigger, savedTriggerSegment } from '@/domain/crm/saved-segment';
import { SEGMENTS } from '@/domain/crm/segments';
import { CampaignCraig } from './campaign-craig';
import { localInputToIso } from '@/ui/features/tasks/task-data';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Badge, type Tone } from '@/ui/primitives/badge';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field, SelectField } from '@/ui/primitives/field';
import { formatCount } from '@/ui/primitives/format';
import { NoticeLine } from '@/ui/primitives/notice';
import { Time, useTimeZone } from '@/ui/primitives/time';
import { useBackoffRefresh } from '@/ui/primitives/use-backoff-refresh';

/** A campaign as the browser receives it (dates as ISO strings). */
export type CampaignRow = Omit<Campaign, 'startAt' | 'nextRunAt' | 'createdAt' | 'updatedAt' | 'finishedAt' | 'stoppedBy'> & {
  startAt: string;
  createdAt: string;
  finishedAt: string | null;
};
export interface TemplateChoice {
  id: string;
  name: string;
  channel: 'email' | 'sms';
}

const STATUS: Record<Campaign['status'], { label: string; tone: Tone }> = {
  scheduled: { label: 'Scheduled', tone: 'info' },
  sending: { label: 'Sending', tone: 'info' },
  paused: { label: 'Paused', tone: 'warning' },
  cancelled: { label: 'Cancelled', tone: 'neutral' },
  done: { label: 'Done', tone: 'success' },
};
const CHANNEL = { email: 'Email', sms: 'SMS' } as const;

export interface SavedSegmentChoice {
  id: string;
  name: string;
}

export function CampaignsView({
  initial,
  templates,
  savedSegments = [],
}: {
  initial: CampaignRow[];
  templates: TemplateChoice[];
  savedSegments?: SavedSegmentChoice[];
}) {
  const [campaigns, setCampaigns] = useState(initial);
  const live = campaigns.some((c) => c.status === 'sending' || c.status === 'scheduled');
  useBackoffRefresh(
    async () => {
      const { campaigns: next } = await api<{ campaigns: CampaignRow[] }>('/api/campaigns');
      const changed = JSON.stringify(next) !== JSON.stringify(campaigns);
      setCampaigns(next);
      return changed;
    },
    { minMs: 2_000, maxMs: 30_000, enabled: live },
  );
  const replace = (c: CampaignRow) => setCampaigns((all) => [c, ...all.filter((x) => x.id !== c.id)].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
  return (
    <div className="space-y-6">
      <NewCampaign templates={templates} savedSegments={savedSegments} onCreated={replace} />
      <section aria-labelledby="campaigns-heading">
        <h2 id="campaigns-heading" className="mb-3 text-lg font-semibold">
          Campaigns
        </h2>
        {campaigns.length === 0 ? (
          <p className="text-sm text-slate-600">No campaigns yet. The first one you send shows here with its progress.</p>
        ) : (
          <ul className="space-y-4">
            {campaigns.map((c) => (
              <CampaignCard key={c.id} campaign={c} templates={templates} onChanged={replace} />
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

function NewCampaign({
  templates,
  savedSegments,
  onCreated,
}: {
  templates: TemplateChoice[];
  savedSegments: SavedSegmentChoice[];
  onCreated: (c: CampaignRow) => void;
}) {
  const timeZone = useTimeZone();
  const [channel, setChannel] = useState<'email' | 'sms'>('email');
  const [segment, setSegment] = useState<string>('VIP');
  // The picker holds a saved segment as `saved:<id>`, as a playbook trigger does; the API takes savedSegmentId.
  const savedId = savedSegmentIdOfTrigger(segment);
  const audienceBody = savedId ? { savedSegmentId: savedId } : { segment };
  // Templates Craig wrote on this page, chosen as soon as they are saved.
  const [written, setWritten] = useState<TemplateChoice[]>([]);
  const choices = [...templates, ...written].filter((t) => t.channel === channel);
  const [templateId, setTemplateId] = useState(choices[0]?.id ?? '');
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [audience, setAudience] = useState<AudienceCheck | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const pickChannel = (c: 'email' | 'sms') => {
    setChannel(c);
    setTemplateId(templates.find((t) => t.channel === c)?.id ?? '');
    setAudience(null);
  };
  async function check() {
    setBusy(true);
    setNotice(null);
    try {
      setAudience(await api<AudienceCheck>('/api/campaigns/audience', { body: { ...audienceBody, channel, templateId } }));
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'The audience could not be checked. Try again.' });
    } finally {
      setBusy(false);
    }
  }
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const startAt = when === 'later' ? localInputToIso(String(form.get('startAt') ?? ''), timeZone) : null;
    if (when === 'later' && !startAt) {
      setErrors({ startAt: 'Choose the day and time to send' });
      return;
    }
    setBusy(true);
    setErrors({});
    setNotice(null);
    try {
      const { campaign } = await api<{ campaign: CampaignRow }>('/api/campaigns', {
        body: {
          name: form.get('name'),
          ...audienceBody,
          channel,
          templateId,
          ratePerMinute: form.get('ratePerMinute'),
          startAt,
          discountCode: String(form.get('discountCode') ?? '').trim() || undefined,
        },
      });
      onCreated(campaign);
      setAudience(null);
      setNotice({
        tone: 'ok',
        text: campaign.status === 'scheduled' ? `“${campaign.name}” is scheduled.` : `“${campaign.name}” is sending. Its progress is below.`,
      });
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        setNotice({ tone: 'error', text: err.message });
      } else setNotice({ tone: 'error', text: 'The campaign could not be created. Try again.' });
    } finally {
      setBusy(false);
    }
  }
  const reach = audience ? audience.send + audience.deferred : null;
  return (
    <Card>
      <h2 className="text-lg font-semibold">New campaign</h2>
      <p className="mt-1 text-sm text-slate-600">
        One message to everyone in a segment or a saved segment. Every message passes the same checks as any other: consent, age, quiet hours and frequency
        caps.
      </p>
      <form className="mt-4 grid gap-4 md:grid-cols-2" onSubmit={submit} noValidate>
        <Field label="Name" name="name" required maxLength={80} error={errors.name} hint="For you: customers do not see it." />
        <SelectField label="Segment" value={segment} onChange={(e) => (setSegment(e.target.value), setAudience(null))} error={errors.segment}>
          <optgroup label="Segments">
            {SEGMENTS.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </optgroup>
          {savedSegments.length ? (
            <optgroup label="Saved segments">
              {savedSegments.map((s) => (
                <option key={s.id} value={savedTriggerSegment(s.id)}>
                  {s.name}
                </option>
              ))}
            </optgroup>
          ) : null}
        </SelectField>
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">Channel</legend>
          <div className="mt-2 flex gap-4">
            {(['email', 'sms'] as const).map((c) => (
              <label key={c} className="flex min-h-11 items-center gap-2 text-sm">
                <input type="radio" name="channel" value={c} checked={channel === c} onChange={() => pickChannel(c)} />
                {CHANNEL[c]}
              </label>
            ))}
          </div>
        </fieldset>
        <SelectField
          label="Message"
          value={templateId}
          onChange={(e) => (setTemplateId(e.target.value), setAudience(null))}
          error={errors.templateId}
          hint="A marketing template (edit it under Messages), or one Craig writes below."
        >
          {choices.length === 0 ? <option value="">No {CHANNEL[channel]} marketing template yet</option> : null}
          {choices.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name}
            </option>
          ))}
        </SelectField>
        <Field
          label="Discount code (optional)"
          name="discountCode"
          maxLength={40}
          autoComplete="off"
          error={errors.discountCode}
          hint="Use {{ offer.code }} in the message to show it. Orders that carry it count for this campaign."
        />
        <Field
          label="Customers per minute"
          name="ratePerMinute"
          type="number"
          inputMode="numeric"
          min={1}
          max={1000}
          defaultValue={120}
          error={errors.ratePerMinute}
          hint="Messages go out at this pace; pause or cancel at any time."
        />
        <fieldset>
          <legend className="text-sm font-medium text-slate-700">When</legend>
          <div className="mt-2 flex flex-wrap gap-4">
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" name="when" value="now" checked={when === 'now'} onChange={() => setWhen('now')} />
              Send now
            </label>
            <label className="flex min-h-11 items-center gap-2 text-sm">
              <input type="radio" name="when" value="later" checked={when === 'later'} onChange={() => setWhen('later')} />
              Schedule
            </label>
          </div>
          {when === 'later' ? (
            <Field label="Start" name="startAt" type="datetime-local" required error={errors.startAt} hint={`Store time (${timeZone})`} />
          ) : null}
        </fieldset>
        <div className="md:col-span-2">
          <Button type="button" variant="secondary" onClick={check} disabled={busy || !templateId}>
            Check the audience
          </Button>
          <div aria-live="polite" className="mt-3 text-sm">
            {audience ? <AudienceSummary a={audience} /> : null}
          </div>
        </div>
        <div className="flex flex-wrap items-center gap-3 md:col-span-2">
          <Button type="submit" disabled={busy || !templateId}>
            {when === 'later' ? 'Schedule campaign' : reach !== null ? `Send now to ${formatCount(reach)} customers` : 'Send now'}
          </Button>
          <NoticeLine notice={notice} />
        </div>
      </form>
      <CampaignCraig
        channel={channel}
        onSaved={(t) => {
          setWritten((w) => [...w, t]);
          setTemplateId(t.id);
          setAudience(null);
        }}
      />
    </Card>
  );
}

function AudienceSummary({ a }: { a: AudienceCheck }) {
  return (
    <div className="rounded-md border border-slate-200 p-3">
      <p className="font-medium">
        {formatCount(a.inSegment)} customers in {a.segment}
        {a.estimated ? ` (estimated from the first ${formatCount(a.checked)})` : ''}.
      </p>
      <dl className="mt-2 grid grid-cols-[auto_auto] justify-start gap-x-6 gap-y-1">
        <dt>Get it now</dt>
        <dd className="text-right tabular-nums">{formatCount(a.send)}</dd>
        <dt>Get it when quiet hours end</dt>
        <dd className="text-right tabular-nums">{formatCount(a.deferred)}</dd>
        {a.skipped.map((s) => (
          <div key={s.reason} className="contents">
            <dt>Held back: {s.label}</dt>
            <dd className="text-right tabular-nums">{formatCount(s.count)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function tallySentence(c: CampaignRow): string {
  const held = Object.entries(c.tally.skipped)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${formatCount(n)} ${skipReasonWords(reason).toLowerCase()}`);
  const parts = [`${formatCount(c.tally.queued)} sent`, `${formatCount(c.tally.deferred)} waiting for quiet hours to end`];
  if (held.length) parts.push(`held back: ${held.join(', ')}`);
  if (c.tally.failed) parts.push(`${formatCount(c.tally.failed)} could not be prepared`);
  return `${parts.join('; ')}.`;
}

function CampaignCard({ campaign: c, templates, onChanged }: { campaign: CampaignRow; templates: TemplateChoice[]; onChanged: (c: CampaignRow) => void }) {
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const percent = campaignPercent(c);
  const template = templates.find((t) => t.id === c.templateId)?.name ?? c.templateId;
  async function act(action: 'pause' | 'resume' | 'cancel') {
    setBusy(true);
    setNotice(null);
    try {
      const { campaign } = await api<{ campaign: CampaignRow }>(`/api/campaigns/${encodeURIComponent(c.id)}/${action}`, { method: 'POST' });
      onChanged(campaign);
      setConfirming(false);
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'That did not work. Try again.' });
    } finally {
      setBusy(false);
    }
  }
  return (
    <li>
      <Card>
        <div className="flex flex-wrap items-start justify-between gap-3">
          <div className="min-w-0">
            <h3 className="font-semibold wrap-anywhere">{c.name}</h3>
            <p className="mt-0.5 text-sm text-slate-600">
              {audienceWords(c)} · {CHANNEL[c.channel]} · {template} · {c.status === 'scheduled' ? 'starts ' : 'started '}
              <Time value={c.startAt} />
            </p>
          </div>
          <Badge tone={STATUS[c.status].tone}>{STATUS[c.status].label}</Badge>
        </div>
        <div
          role="progressbar"
          aria-label={`Progress of ${c.name}`}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          aria-valuetext={c.total === null ? 'Not started' : `${formatCount(c.processed)} of ${formatCount(c.total)} customers`}
          className="mt-3 h-3 w-full overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
        </div>
        <p className="mt-1 text-sm">
          {c.total === null ? 'Not started yet.' : `${formatCount(c.processed)} of ${formatCount(c.total)} customers reached: ${tallySentence(c)}`}
        </p>
        <div className="mt-3 flex flex-wrap items-center gap-2">
          {c.status === 'sending' || c.status === 'scheduled' ? (
            <Button variant="secondary" onClick={() => act('pause')} disabled={busy}>
              Pause
            </Button>
          ) : null}
          {c.status === 'paused' ? (
            <Button variant="secondary" onClick={() => act('resume')} disabled={busy}>
              Resume
            </Button>
          ) : null}
          {c.status !== 'done' && c.status !== 'cancelled' ? (
            confirming ? (
              <>
                <Button variant="danger" onClick={() => act('cancel')} disabled={busy}>
                  Yes, cancel the rest
                </Button>
                <Button variant="ghost" onClick={() => setConfirming(false)} disabled={busy}>
                  Keep it
                </Button>
              </>
            ) : (
              <Button variant="ghost" onClick={() => setConfirming(true)} disabled={busy}>
                Cancel campaign
              </Button>
            )
          ) : null}
          <Link className="text-sm underline pointer-coarse:inline-flex pointer-coarse:min-h-11 pointer-coarse:items-center" href="/dashboard/outbox">
            See the messages in the outbox
          </Link>
        </div>
        <NoticeLine notice={notice} />
      </Card>
    </li>
  );
}
