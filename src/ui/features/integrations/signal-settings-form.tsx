'use client';
import { useState } from 'react';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Field } from '@/ui/primitives/field';

export function SignalSettingsForm({ delayMinutes }: { delayMinutes: number }) {
  const [error, setError] = useState<string | undefined>();
  const [saved, setSaved] = useState<string | null>(null);
  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(undefined);
    setSaved(null);
    try {
      const res = await api<{ settings: { abandonedCheckoutDelayMinutes: number } }>('/api/integrations/settings', {
        method: 'PATCH',
        body: { abandonedCheckoutDelayMinutes: Number(new FormData(e.currentTarget).get('delay')) },
      });
      setSaved(`Saved: checkouts count as abandoned after ${res.settings.abandonedCheckoutDelayMinutes} minutes.`);
    } catch (err) {
      setError(err instanceof ApiError ? (err.fieldErrors().abandonedCheckoutDelayMinutes ?? err.message) : 'Could not save.');
    }
  }
  return (
    <Card aria-labelledby="signal-settings-title">
      <h2 id="signal-settings-title" className="font-medium">
        Abandoned checkouts
      </h2>
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3" noValidate>
        <Field
          label="Minutes without an order before a checkout is abandoned"
          name="delay"
          type="number"
          min={5}
          max={10080}
          defaultValue={delayMinutes}
          error={error}
          className="w-full"
        />
        <Button type="submit">Save</Button>
      </form>
      {saved ? (
        <p role="status" className="mt-2 text-sm text-brand-900">
          {saved}
        </p>
      ) : null}
    </Card>
  );
}
