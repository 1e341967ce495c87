'use client';
import { useEffect, useId, useState } from 'react';
import { api } from '@/ui/primitives/api-client';

export interface PickedCustomer {
  id: string;
  label: string;
}

interface Option {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
}

const nameOf = (o: Option) => `${o.firstName} ${o.lastName}`.trim() || o.email || o.id;

/** Find a customer by name, phone or email, then pick from the matches. */
export function CustomerSearch({
  label,
  value,
  onChange,
  noneLabel,
  autoPickFirst = false,
  testId,
}: {
  label: string;
  value: PickedCustomer | null;
  onChange: (c: PickedCustomer | null) => void;
  noneLabel?: string;
  autoPickFirst?: boolean;
  testId?: string;
}) {
  const id = useId();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  const [status, setStatus] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => {
      api<{ customers: Option[] }>(`/api/customers?limit=10&total=0${q.trim() ? `&q=${encodeURIComponent(q.trim())}` : ''}`)
        .then((res) => {
          setOptions(res.customers);
          setStatus(q.trim() ? `${res.customers.length} match${res.customers.length === 1 ? '' : 'es'}` : '');
          const first = res.customers[0];
          const pick = q.trim() ? !value || !res.customers.some((c) => c.id === value.id) : autoPickFirst && !value;
          if (first && pick) onChange({ id: first.id, label: nameOf(first) });
        })
        .catch(() => {
          setOptions([]);
          setStatus('Could not search customers.');
        });
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new query searches again; value and onChange change with every pick
  }, [q]);
  const shown =
    value && !options.some((o) => o.id === value.id) ? [{ id: value.id, firstName: value.label, lastName: '', email: null, phone: null }, ...options] : options;
  return (
    <div className="flex flex-wrap items-end gap-2" data-testid={testId}>
      <div>
        <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="Name, phone or email"
          aria-describedby={`${id}-status`}
          className="mt-1 block w-52 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        />
      </div>
      <div>
        <label htmlFor={`${id}-c`} className="sr-only">
          {`${label}: choose from the matches`}
        </label>
        <select
          id={`${id}-c`}
          value={value?.id ?? ''}
          onChange={(e) => {
            const o = shown.find((x) => x.id === e.target.value);
            onChange(o ? { id: o.id, label: nameOf(o) } : null);
          }}
          className="block w-64 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {noneLabel || !value ? <option value="">{noneLabel ?? 'Choose a customer'}</option> : null}
          {shown.map((o) => (
            <option key={o.id} value={o.id}>
              {nameOf(o)}
            </option>
          ))}
        </select>
      </div>
      <span id={`${id}-status`} role="status" className="sr-only">
        {status}
      </span>
    </div>
  );
}
