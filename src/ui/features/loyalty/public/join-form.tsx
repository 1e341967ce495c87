'use client';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';

interface Props {
  slug: string;
  formToken: string;
  smsDisclosure: string;
  emailDisclosure: string;
  /** From the referral link's ?ref=; the customer may change or clear it. */
  referralCode?: string;
}

export function JoinForm({ slug, formToken, smsDisclosure, emailDisclosure, referralCode = '' }: Props) {
  const [f, setF] = useState({
    firstName: '',
    lastName: '',
    phone: '',
    email: '',
    dateOfBirth: '',
    referralCode,
    smsConsent: false,
    emailConsent: false,
    website: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<{ status: string; message: string } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setF((v) => ({ ...v, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setProblem(null);
    try {
      setDone(await api<{ status: string; message: string }>(`/api/join/${slug}`, { body: { ...f, formToken } }));
    } catch (err) {
      if (err instanceof ApiError) {
        setErrors(err.fieldErrors());
        setProblem(err.message);
      } else setProblem('Could not send. Check your connection and try again.');
    } finally {
      setBusy(false);
    }
  }

  if (done)
    return (
      <div role="status" className="mt-6 rounded-lg bg-brand-50 p-4 text-brand-900" data-testid="join-result">
        <p className="font-medium">{done.message}</p>
        <p className="mt-2 text-sm">
          <a className="underline" href={`/my/${slug}`}>
            See your points
          </a>
        </p>
      </div>
    );

  return (
    <form onSubmit={submit} noValidate className="mt-6 space-y-4">
      {problem ? (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
          {problem}
        </p>
      ) : null}
      <Field label="First name" autoComplete="given-name" required value={f.firstName} onChange={set('firstName')} error={errors.firstName} />
      <Field label="Last name" autoComplete="family-name" value={f.lastName} onChange={set('lastName')} error={errors.lastName} />
      <Field label="Mobile number" type="tel" autoComplete="tel" inputMode="tel" required value={f.phone} onChange={set('phone')} error={errors.phone} />
      <Field
        label="Date of birth"
        type="date"
        autoComplete="bday"
        required
        value={f.dateOfBirth}
        onChange={set('dateOfBirth')}
        error={errors.dateOfBirth}
        hint="You must be 21 or older."
      />
      <Field label="Email (optional)" type="email" autoComplete="email" value={f.email} onChange={set('email')} error={errors.email} />
      <Field
        label="Referral code (optional)"
        autoComplete="off"
        autoCapitalize="characters"
        value={f.referralCode}
        onChange={set('referralCode')}
        error={errors.referralCode}
        hint="From a friend who is a member: you both get bonus points after your first purchase."
      />
      {/* The honeypot: hidden from people and from screen readers; bots fill every field. */}
      <div aria-hidden="true" className="absolute -left-[10000px] h-px w-px overflow-hidden">
        <label>
          Website
          <input type="text" name="website" tabIndex={-1} autoComplete="off" value={f.website} onChange={set('website')} />
        </label>
      </div>
      <fieldset className="space-y-3">
        <legend className="text-sm font-medium text-slate-700">Messages (optional)</legend>
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" className="mt-1 size-5 shrink-0" checked={f.smsConsent} onChange={set('smsConsent')} />
          <span>
            <span className="font-medium">Text me offers and loyalty updates.</span> <span className="text-slate-600">{smsDisclosure}</span>
          </span>
        </label>
        <label className="flex items-start gap-3 text-sm">
          <input type="checkbox" className="mt-1 size-5 shrink-0" checked={f.emailConsent} onChange={set('emailConsent')} />
          <span>
            <span className="font-medium">Email me offers and loyalty updates.</span> <span className="text-slate-600">{emailDisclosure}</span>
          </span>
        </label>
      </fieldset>
      <Button type="submit" disabled={busy} className="w-full min-h-12">
        {busy ? 'Joining…' : 'Join'}
      </Button>
    </form>
  );
}
