'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { ALL_ROLES } from '@/domain/roles';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { cn } from '@/ui/primitives/cn';
import { Field, SelectField } from '@/ui/primitives/field';
import { localInputToIso, ROLE_PLURAL, type TaskRow } from './task-data';

interface CustomerOption {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

const nameOf = (c: CustomerOption) => `${c.firstName} ${c.lastName}`.trim() || c.email || c.id;

/** For owners and admins: write a task by hand, optionally about a customer found by search. */
export function NewTaskForm({ timeZone, zoneLabel, defaultDue }: { timeZone: string; zoneLabel: string; defaultDue: string }) {
  const router = useRouter();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<CustomerOption[]>([]);
  const [customerId, setCustomerId] = useState('');
  const [open, setOpen] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const toggleRef = useRef<HTMLDivElement>(null);
  const wasOpen = useRef(false);

  // Opening moves focus to the first field; closing returns it to the button that opened the form.
  useEffect(() => {
    if (open) (formRef.current?.elements.namedItem('title') as HTMLInputElement | null)?.focus();
    else if (wasOpen.current) toggleRef.current?.querySelector('button')?.focus();
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    // Under two characters nothing is searched; the options shown are then none (see `shown`).
    if (q.trim().length < 2) return;
    // A slower answer to an earlier search must not replace the answer to the latest one.
    let current = true;
    const timer = setTimeout(() => {
      api<{ customers: CustomerOption[] }>(`/api/customers?limit=10&total=0&q=${encodeURIComponent(q.trim())}`)
        .then((res) => {
          if (!current) return;
          setOptions(res.customers);
          setCustomerId(res.customers[0]?.id ?? '');
        })
        .catch(() => current && setOptions([]));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  const shownOptions = q.trim().length < 2 ? [] : options;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const formEl = e.currentTarget;
    const form = new FormData(formEl);
    const dueLocal = String(form.get('dueAt') ?? '');
    const dueAt = localInputToIso(dueLocal, timeZone);
    setNotice(null);
    if (!dueAt) {
      setErrors({ dueAt: 'Choose a due date and time' });
      return;
    }
    setBusy(true);
    setErrors({});
    try {
      const res = await api<{ task: TaskRow }>('/api/tasks', {
        body: {
          title: form.get('title'),
          description: form.get('description'),
          assignRole: form.get('assignRole'),
          customerId: customerId || null,
          dueAt,
        },
      });
      setNotice({ tone: 'ok', text: `Task “${res.task.title}” created for ${ROLE_PLURAL[res.task.assignRole].toLowerCase()}.` });
      formEl.reset();
      setQ('');
      setCustomerId('');
      router.refresh();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not create the task. Try again.' });
    } finally {
      setBusy(false);
    }
  }

  if (!open) {
    return (
      <div ref={toggleRef}>
        <Button onClick={() => setOpen(true)} aria-expanded={false}>
          New task
        </Button>
        {notice?.tone === 'ok' ? (
          <p role="status" data-testid="new-task-notice" className="mt-2 text-sm text-brand-900">
            {notice.text}
          </p>
        ) : null}
      </div>
    );
  }

  return (
    <Card aria-labelledby={`${id}-heading`}>
      <div className="flex items-center justify-between gap-4">
        <h2 id={`${id}-heading`} className="font-medium">
          New task
        </h2>
        <Button
          variant="ghost"
          aria-expanded
          aria-label="Close the new task form"
          onClick={() => {
            setOpen(false);
            setErrors({});
            setNotice(null);
          }}
        >
          Close
        </Button>
      </div>
      <form ref={formRef} onSubmit={submit} noValidate className="mt-4 grid gap-4 md:grid-cols-2 xl:grid-cols-3">
        <Field label="Title" name="title" required maxLength={200} error={errors.title} autoComplete="off" placeholder="Call about the special order" />
        <SelectField label="Assign to" name="assignRole" defaultValue="budtender" error={errors.assignRole}>
          {ALL_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_PLURAL[r]}
            </option>
          ))}
        </SelectField>
        <Field label="Due" name="dueAt" type="datetime-local" required defaultValue={defaultDue} error={errors.dueAt} hint={`Store time (${zoneLabel})`} />
        <div className="md:col-span-2 xl:col-span-1">
          <label htmlFor={`${id}-description`} className="block text-sm font-medium text-slate-700">
            Details <span className="font-normal text-slate-500">(optional)</span>
          </label>
          <textarea
            id={`${id}-description`}
            name="description"
            rows={2}
            maxLength={2000}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={errors.description ? `${id}-description-error` : undefined}
            className={cn(
              'mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm',
              errors.description ? 'border-red-400' : 'border-slate-300',
            )}
          />
          {errors.description ? (
            <p id={`${id}-description-error`} className="mt-1 text-xs text-red-700">
              {errors.description}
            </p>
          ) : null}
        </div>
        <Field label="Find customer" value={q} onChange={(e) => setQ(e.target.value)} hint="Name, phone or email (optional)" autoComplete="off" />
        <SelectField label="Customer" value={customerId} onChange={(e) => setCustomerId(e.target.value)} error={errors.customerId}>
          <option value="">No customer</option>
          {shownOptions.map((o) => (
            <option key={o.id} value={o.id}>
              {nameOf(o)}
              {o.email ? ` (${o.email})` : ''}
            </option>
          ))}
        </SelectField>
        <div className="flex flex-wrap items-center gap-3 md:col-span-2 xl:col-span-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Creating…' : 'Create task'}
          </Button>
          <div aria-live="polite">
            {notice ? (
              <p
                role={notice.tone === 'error' ? 'alert' : 'status'}
                data-testid="new-task-notice"
                className={notice.tone === 'error' ? 'text-sm text-red-800' : 'text-sm text-brand-900'}
              >
                {notice.text}
              </p>
            ) : null}
          </div>
        </div>
      </form>
    </Card>
  );
}
