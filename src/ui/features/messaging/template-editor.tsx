'use client';
import { useRouter } from 'next/navigation';
import { useId, useRef, useState } from 'react';
import type { Template } from '@/domain/messaging/template';
import { TEMPLATE_VARIABLES } from '@/domain/messaging/template-variables';
import { smsSegments } from '@/domain/messaging/sms';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field, SelectField } from '@/ui/primitives/field';
import { CustomerSearch, type PickedCustomer } from '@/ui/features/customers/customer-search';
import { CraigPanel } from './craig-panel';
import { SegmentNote } from './message-view';
import { PreviewPanel } from './preview-panel';
import { usePreview } from './use-preview';
import { NoticeLine } from '@/ui/primitives/notice';

type Draft = Pick<Template, 'name' | 'description' | 'channel' | 'kind' | 'subject' | 'body'> & { key: string };

export function TemplateEditor({ initial, isNew }: { initial: Draft & { builtIn?: boolean }; isNew: boolean }) {
  const router = useRouter();
  const bodyId = useId();
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const [t, setT] = useState<Draft>(initial);
  const [previewFor, setPreviewFor] = useState<PickedCustomer | null>(null);
  const customerId = previewFor?.id ?? null;
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (patch: Partial<Draft>) => setT((x) => ({ ...x, ...patch }));
  const { preview, error, loading } = usePreview(
    customerId && t.body.trim()
      ? { customerId, channel: t.channel, kind: t.kind, content: { subject: t.channel === 'email' ? t.subject || ' ' : undefined, body: t.body } }
      : null,
  );

  function insert(path: string) {
    const el = bodyRef.current;
    const token = `{{ ${path} }}`;
    const at = el?.selectionStart ?? t.body.length;
    set({ body: `${t.body.slice(0, at)}${token}${t.body.slice(el?.selectionEnd ?? at)}` });
    requestAnimationFrame(() => el?.focus());
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setNotice(null);
    const body = {
      name: t.name,
      description: t.description,
      channel: t.channel,
      kind: t.kind,
      subject: t.channel === 'email' ? t.subject : null,
      body: t.body,
    };
    try {
      const res = isNew
        ? await api<{ template: Template }>('/api/messages/templates', { body: { ...body, key: t.key } })
        : await api<{ template: Template }>(`/api/messages/templates/${t.key}`, { method: 'PUT', body });
      setNotice({ tone: 'ok', text: `Saved “${res.template.name}”.` });
      if (isNew) router.push(`/dashboard/messages/templates/${res.template.id}`);
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not save. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  async function remove() {
    if (!confirm(`Delete the template “${t.name}”?`)) return;
    try {
      await api(`/api/messages/templates/${t.key}`, { method: 'DELETE' });
      router.push('/dashboard/messages');
    } catch (err) {
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not delete.' });
    }
  }

  const rawSegments = t.channel === 'sms' ? smsSegments(t.body) : null;
  const finalSegments = t.channel === 'sms' ? (preview?.message.segments ?? null) : null;
  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <div className="space-y-4">
        <form onSubmit={save} className="space-y-4" noValidate aria-label="Template">
          <NoticeLine notice={notice} />
          <Card className="grid gap-4 sm:grid-cols-2">
            <Field label="Name" value={t.name} onChange={(e) => set({ name: e.target.value })} error={errors.name} required />
            <Field
              label="Key"
              value={t.key}
              onChange={(e) => set({ key: e.target.value })}
              error={errors.key}
              disabled={!isNew}
              hint={isNew ? 'Playbooks refer to this; it cannot change later.' : 'Playbooks refer to this key.'}
            />
            <SelectField label="Channel" value={t.channel} onChange={(e) => set({ channel: e.target.value as Draft['channel'] })} disabled={!isNew}>
              <option value="email">Email</option>
              <option value="sms">SMS</option>
            </SelectField>
            <SelectField
              label="Kind"
              value={t.kind}
              onChange={(e) => set({ kind: e.target.value as Draft['kind'] })}
              hint="Marketing is held to consent, age, quiet hours and caps."
            >
              <option value="marketing">Marketing</option>
              <option value="transactional">Transactional</option>
            </SelectField>
            <Field label="Description" value={t.description} onChange={(e) => set({ description: e.target.value })} className="sm:col-span-2" />
            {t.channel === 'email' ? (
              <Field
                label="Subject"
                value={t.subject ?? ''}
                onChange={(e) => set({ subject: e.target.value })}
                error={errors.subject}
                className="sm:col-span-2"
              />
            ) : null}
            <div className="sm:col-span-2">
              <label htmlFor={bodyId} className="block text-sm font-medium text-slate-700">
                {t.channel === 'email' ? 'Body (HTML)' : 'Text'}
              </label>
              <textarea
                id={bodyId}
                ref={bodyRef}
                value={t.body}
                onChange={(e) => set({ body: e.target.value })}
                rows={t.channel === 'email' ? 12 : 5}
                aria-invalid={errors.body ? true : undefined}
                aria-describedby={`${bodyId}-help${errors.body ? ` ${bodyId}-error` : ''}`}
                className={`mt-1 block w-full rounded-md border bg-white px-3 py-2 font-mono text-sm ${errors.body ? 'border-red-400' : 'border-slate-300'}`}
              />
              <p id={`${bodyId}-help`} className="mt-1 text-xs text-slate-500">
                Liquid: {'{{ customer.first_name | default: "there" }}'}, {'{{ order.total | money }}'}.{' '}
                {t.channel === 'sms'
                  ? 'Marketing texts get your brand name and “Reply STOP to opt out” added.'
                  : 'The footer with your address (and, for marketing, the unsubscribe link) is added.'}
              </p>
              {errors.body ? (
                <p id={`${bodyId}-error`} className="mt-1 text-xs text-red-700">
                  {errors.body}
                </p>
              ) : null}
              {t.channel === 'sms' && rawSegments ? (
                <div className="mt-2 text-sm" aria-live="polite" data-testid="editor-segments">
                  {finalSegments ? <SegmentNote segments={finalSegments} /> : <SegmentNote segments={rawSegments} />}
                  {finalSegments && finalSegments.count > 1 ? (
                    <p className="text-xs text-amber-800">As sent (with sample values, brand and opt-out line) this text is {finalSegments.count} segments.</p>
                  ) : null}
                </div>
              ) : null}
            </div>
          </Card>
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {busy ? 'Saving…' : isNew ? 'Create template' : 'Save template'}
            </Button>
            {!isNew && !initial.builtIn ? (
              <Button variant="danger" onClick={remove}>
                Delete
              </Button>
            ) : null}
          </div>
        </form>
        <CraigPanel channel={t.channel} onUse={(d) => set({ ...(d.subject !== undefined ? { subject: d.subject } : {}), body: d.body })} />
        <Card>
          <h2 className="text-sm font-medium">Variables</h2>
          <ul className="mt-2 grid gap-1 text-sm sm:grid-cols-2">
            {TEMPLATE_VARIABLES.map((v) => (
              <li key={v.path} className="flex items-start gap-2">
                <button
                  type="button"
                  onClick={() => insert(v.path)}
                  className="shrink-0 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs hover:bg-slate-200"
                  aria-label={`Insert ${v.path}`}
                >
                  {v.path}
                </button>
                <span className="text-xs text-slate-600">
                  {v.description}
                  {v.always ? '' : ' (given by the playbook or sender)'}
                </span>
              </li>
            ))}
          </ul>
        </Card>
      </div>
      <div className="space-y-3">
        <CustomerSearch label="Preview for" value={previewFor} onChange={(c) => c && setPreviewFor(c)} autoPickFirst />
        <PreviewPanel preview={preview} error={error} loading={loading} channel={t.channel} />
      </div>
    </div>
  );
}
