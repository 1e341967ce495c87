'use client';
import { useState } from 'react';
import type { AnalyticsSettings } from '@/domain/analytics/analytics-settings';
import { api, ApiError } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';
import { NoticeLine } from '@/ui/primitives/notice';

type Form = Record<'click' | 'viewEmail' | 'viewSms' | 'email' | 'sms' | 'ai', string>;

const formOf = (s: Pick<AnalyticsSettings, 'attribution' | 'costs'>): Form => ({
  click: String(s.attribution.clickWindowDays),
  viewEmail: String(s.attribution.viewWindowDays.email),
  viewSms: String(s.attribution.viewWindowDays.sms),
  email: String(s.costs.emailPer1000Cents),
  sms: String(s.costs.smsPer1000Cents),
  ai: String(s.costs.aiCallPer1000Cents),
});

/** Attribution windows and unit costs (owners and admins). Costs are cents per 1,000, as providers price them. */
export function AnalyticsSettingsForm({ initial }: { initial: Pick<AnalyticsSettings, 'attribution' | 'costs'> }) {
  const [form, setForm] = useState(formOf(initial));
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: string; text: string } | null>(null);
  const bind = (k: keyof Form) => ({ value: form[k], onChange: (e: React.ChangeEvent<HTMLInputElement>) => setForm((f) => ({ ...f, [k]: e.target.value })) });
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setNotice(null);
    setErrors({});
    try {
      const { settings } = await api<{ settings: AnalyticsSettings }>('/api/settings/analytics', {
        method: 'PUT',
        body: {
          attribution: { clickWindowDays: Number(form.click), viewWindowDays: { email: Number(form.viewEmail), sms: Number(form.viewSms) } },
          costs: { emailPer1000Cents: Number(form.email), smsPer1000Cents: Number(form.sms), aiCallPer1000Cents: Number(form.ai) },
        },
      });
      setForm(formOf(settings));
      setNotice({ tone: 'success', text: 'Saved. Cost and ROI use the new figures at once; the windows apply to orders from now on.' });
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fieldErrors());
      setNotice({ tone: 'error', text: err instanceof Error ? err.message : 'Could not save.' });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card className="mt-8 p-4">
      <form onSubmit={save} aria-labelledby="analytics-settings-title">
        <h2 id="analytics-settings-title" className="text-lg font-semibold">
          Attribution windows and costs
        </h2>
        <p className="mt-1 text-sm text-slate-600">How long a message keeps credit for an order, and what each message and AI call costs you.</p>
        <div className="mt-3 grid grid-cols-1 gap-3 md:grid-cols-3">
          <Field label="Click window (days)" type="number" min={1} max={30} error={errors['attribution.clickWindowDays']} {...bind('click')} />
          <Field label="Email view window (days)" type="number" min={1} max={30} error={errors['attribution.viewWindowDays.email']} {...bind('viewEmail')} />
          <Field label="Text view window (days)" type="number" min={1} max={30} error={errors['attribution.viewWindowDays.sms']} {...bind('viewSms')} />
          <Field label="Email cost (cents per 1,000)" type="number" min={0} error={errors['costs.emailPer1000Cents']} {...bind('email')} />
          <Field label="Text message cost (cents per 1,000)" type="number" min={0} error={errors['costs.smsPer1000Cents']} {...bind('sms')} />
          <Field label="AI call cost (cents per 1,000)" type="number" min={0} error={errors['costs.aiCallPer1000Cents']} {...bind('ai')} />
        </div>
        <div className="mt-3 flex items-center gap-3">
          <Button type="submit" disabled={busy}>
            {busy ? 'Saving…' : 'Save'}
          </Button>
          <NoticeLine notice={notice} />
        </div>
      </form>
    </Card>
  );
}
