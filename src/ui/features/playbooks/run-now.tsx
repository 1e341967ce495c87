'use client';
import { useId, useState } from 'react';
import { Button } from '@/ui/primitives/button';
import { ApiError, api } from '@/ui/primitives/api-client';
import { CustomerSearch, type PickedCustomer } from '@/ui/features/customers/customer-search';

interface Result {
  requested: number;
  started: number;
  notStarted: Array<{ customerId: string; reason: string }>;
}

/** Starts the playbook by hand for one customer or everyone with a tag; entry rules still apply. */
export function RunNow({ playbookId, onClose }: { playbookId: string; onClose: () => void }) {
  const id = useId();
  const [who, setWho] = useState<'customer' | 'tag'>('customer');
  const [customer, setCustomer] = useState<PickedCustomer | null>(null);
  const [tag, setTag] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<string | null>(null);

  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const body = who === 'customer' ? { customerId: customer?.id } : { tag: tag.trim() };
      setResult(await api<Result>(`/api/playbooks/${playbookId}/run`, { body }));
    } catch (err) {
      setError(err instanceof ApiError ? (Object.values(err.fieldErrors())[0] ?? err.message) : 'Could not start the run.');
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-h`} className="w-full rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-md">
      <h2 id={`${id}-h`} className="font-medium">
        Run now
      </h2>
      <fieldset className="mt-2 flex gap-4">
        <legend className="sr-only">Run for</legend>
        {(['customer', 'tag'] as const).map((w) => (
          <label key={w} className="flex items-center gap-1.5">
            <input type="radio" name={`${id}-who`} checked={who === w} onChange={() => setWho(w)} />
            {w === 'customer' ? 'One customer' : 'Everyone with a tag'}
          </label>
        ))}
      </fieldset>
      <div className="mt-3">
        {who === 'customer' ? (
          <CustomerSearch label="Customer" value={customer} onChange={setCustomer} />
        ) : (
          <div>
            <label htmlFor={`${id}-tag`} className="block text-sm font-medium text-slate-700">
              Tag
            </label>
            <input
              id={`${id}-tag`}
              value={tag}
              onChange={(e) => setTag(e.target.value)}
              maxLength={40}
              className="mt-1 block w-56 rounded-md border border-slate-300 px-3 py-2"
            />
          </div>
        )}
      </div>
      <div className="mt-3 flex gap-2">
        <Button disabled={busy || (who === 'customer' ? !customer : !tag.trim())} onClick={run}>
          {busy ? 'Starting…' : 'Start'}
        </Button>
        <Button variant="ghost" onClick={onClose}>
          Close
        </Button>
      </div>
      <div role="status" aria-live="polite" className="mt-2">
        {result ? (
          <p>
            {`Started ${result.started} of ${result.requested} run${result.requested === 1 ? '' : 's'}.`}
            {result.notStarted.length
              ? ` Not started: ${result.notStarted
                  .slice(0, 3)
                  .map((n) => n.reason)
                  .join('; ')}${result.notStarted.length > 3 ? '…' : ''}`
              : ''}
          </p>
        ) : null}
      </div>
      {error ? (
        <p role="alert" className="mt-2 text-red-700">
          {error}
        </p>
      ) : null}
    </section>
  );
}
