'use client';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';

export function MemberSignIn({ slug }: { slug: string }) {
  const router = useRouter();
  const [channel, setChannel] = useState<'sms' | 'email'>('sms');
  const [identifier, setIdentifier] = useState('');
  const [code, setCode] = useState('');
  const [step, setStep] = useState<'ask' | 'code'>('ask');
  const [message, setMessage] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(fn: () => Promise<void>) {
    setBusy(true);
    setMessage(null);
    try {
      await fn();
    } catch (err) {
      setMessage({ tone: 'error', text: err instanceof ApiError ? err.message : 'Could not reach us. Check your connection.' });
    } finally {
      setBusy(false);
    }
  }

  const ask = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      const res = await api<{ message: string }>(`/api/my/${slug}/code`, { body: { channel, identifier } });
      setStep('code');
      setMessage({ tone: 'ok', text: res.message });
    });
  };
  const check = (e: React.FormEvent) => {
    e.preventDefault();
    void run(async () => {
      await api(`/api/my/${slug}/session`, { body: { channel, identifier, code } });
      router.refresh();
    });
  };

  return (
    <div className="mt-2">
      <h1 className="text-2xl font-semibold">See your points</h1>
      <p className="mt-1 text-sm text-slate-600">We send you a one-time code. No password needed.</p>
      <div aria-live="polite" className="mt-4">
        {message ? (
          <p
            role={message.tone === 'error' ? 'alert' : 'status'}
            className={
              message.tone === 'error' ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800' : 'rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900'
            }
          >
            {message.text}
          </p>
        ) : null}
      </div>
      {step === 'ask' ? (
        <form onSubmit={ask} noValidate className="mt-4 space-y-4">
          <fieldset>
            <legend className="text-sm font-medium text-slate-700">Send my code by</legend>
            <div className="mt-2 flex gap-4">
              {(['sms', 'email'] as const).map((c) => (
                <label key={c} className="flex items-center gap-2 text-sm pointer-coarse:min-h-11">
                  <input type="radio" name="channel" className="size-5" checked={channel === c} onChange={() => setChannel(c)} />
                  {c === 'sms' ? 'Text message' : 'Email'}
                </label>
              ))}
            </div>
          </fieldset>
          <Field
            label={channel === 'sms' ? 'Mobile number' : 'Email'}
            type={channel === 'sms' ? 'tel' : 'email'}
            autoComplete={channel === 'sms' ? 'tel' : 'email'}
            value={identifier}
            onChange={(e) => setIdentifier(e.target.value)}
          />
          <Button type="submit" disabled={busy} className="w-full min-h-12">
            Send me a code
          </Button>
        </form>
      ) : (
        <form onSubmit={check} noValidate className="mt-4 space-y-4">
          <Field
            label="6-digit code"
            inputMode="numeric"
            autoComplete="one-time-code"
            pattern="\d{6}"
            maxLength={6}
            value={code}
            onChange={(e) => setCode(e.target.value.replace(/\D/g, ''))}
          />
          <Button type="submit" disabled={busy || code.length !== 6} className="w-full min-h-12">
            Sign in
          </Button>
          <Button variant="ghost" className="w-full" onClick={() => setStep('ask')}>
            Send a new code
          </Button>
        </form>
      )}
    </div>
  );
}
