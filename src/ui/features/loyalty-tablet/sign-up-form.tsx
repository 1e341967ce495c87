'use client';

import { useState } from 'react';
import { CONSENT_DISCLOSURES } from '@/domain/loyalty/tablet';
import { api, ApiError } from '@/ui/primitives/api-client';
import { TOUCH, type MemberJson } from './types';

const INPUT = `${TOUCH} w-full rounded-lg border-2 border-slate-300 px-3 focus:border-brand-600`;

/** A new member at the counter: name, mobile, date of birth (21+), and two separate, unticked consent boxes. */
export function SignUpForm({ dispensary, onDone, onBack }: { dispensary: string; onDone: (m: MemberJson) => void; onBack: () => void }) {
  const [v, setV] = useState({ firstName: '', lastName: '', phone: '', email: '', dateOfBirth: '', referralCode: '', smsConsent: false, emailConsent: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof v) => (e: React.ChangeEvent<HTMLInputElement>) =>
    setV((p) => ({ ...p, [k]: e.target.type === 'checkbox' ? e.target.checked : e.target.value }));

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const res = await api<{ member: MemberJson }>('/api/loyalty/tablet/members', { body: v });
      onDone(res.member);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setErrors(err.fieldErrors());
      setMessage(err.message);
    } finally {
      setBusy(false);
    }
  }

  const field = (
    k: 'firstName' | 'lastName' | 'phone' | 'email' | 'dateOfBirth' | 'referralCode',
    label: string,
    input: React.InputHTMLAttributes<HTMLInputElement>,
  ) => (
    <label className="flex flex-col gap-1 text-lg">
      <span className="font-medium">{label}</span>
      <input {...input} value={v[k]} onChange={set(k)} aria-invalid={!!errors[k]} aria-describedby={errors[k] ? `${k}-error` : undefined} className={INPUT} />
      {errors[k] && (
        <span id={`${k}-error`} className="text-base text-red-700">
          {errors[k]}
        </span>
      )}
    </label>
  );

  return (
    <form onSubmit={submit} className="flex flex-col gap-4" aria-labelledby="signup-title" noValidate>
      <h2 id="signup-title" className="text-2xl font-semibold">
        New member
      </h2>
      <div className="grid gap-4 sm:grid-cols-2">
        {field('firstName', 'First name', { autoComplete: 'off', required: true })}
        {field('lastName', 'Last name', { autoComplete: 'off' })}
        {field('phone', 'Mobile number', { type: 'tel', inputMode: 'tel', autoComplete: 'off', required: true })}
        {field('email', 'Email (optional)', { type: 'email', inputMode: 'email', autoComplete: 'off' })}
        {field('dateOfBirth', 'Date of birth', { type: 'date', required: true })}
        {field('referralCode', 'Referred by (code, optional)', { autoComplete: 'off', autoCapitalize: 'characters' })}
      </div>
      <p className="text-base text-slate-600">Members must be 21 or older. Check their ID.</p>
      {(['smsConsent', 'emailConsent'] as const).map((k) => (
        <label key={k} className="flex items-start gap-3 rounded-lg border-2 border-slate-200 p-3">
          <input type="checkbox" checked={v[k]} onChange={set(k)} className="size-12 shrink-0" />
          <span className="text-base">
            <span className="block font-semibold">{k === 'smsConsent' ? 'Text messages' : 'Email'}</span>
            {(k === 'smsConsent' ? CONSENT_DISCLOSURES.sms : CONSENT_DISCLOSURES.email).replace('this dispensary', dispensary)}
            {errors[k] && <span className="block text-red-700">{errors[k]}</span>}
          </span>
        </label>
      ))}
      {message && (
        <p role="alert" className="rounded-lg bg-red-50 p-3 text-lg text-red-800">
          {message}
        </p>
      )}
      <div className="flex gap-3">
        <button type="button" onClick={onBack} className={`${TOUCH} rounded-lg border-2 border-slate-300 bg-white px-6`}>
          Back
        </button>
        <button type="submit" disabled={busy} className={`${TOUCH} flex-1 rounded-lg bg-brand-600 px-6 font-semibold text-white disabled:opacity-50`}>
          {busy ? 'Signing up…' : 'Sign up'}
        </button>
      </div>
    </form>
  );
}
