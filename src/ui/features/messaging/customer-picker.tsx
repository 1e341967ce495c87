'use client';
import { useEffect, useId, useState } from 'react';
import { api } from '@/ui/primitives/api-client';

interface Option {
  id: string;
  firstName: string;
  lastName: string;
  email: string | null;
}

/** Choose whose data a preview uses: search by name, phone or email. */
export function CustomerPicker({ value, onChange }: { value: string | null; onChange: (id: string, label: string) => void }) {
  const id = useId();
  const [q, setQ] = useState('');
  const [options, setOptions] = useState<Option[]>([]);
  useEffect(() => {
    const timer = setTimeout(() => {
      api<{ customers: Option[] }>(`/api/customers?limit=10${q ? `&q=${encodeURIComponent(q)}` : ''}`)
        .then((res) => {
          setOptions(res.customers);
          if (!value && res.customers[0]) {
            const c = res.customers[0];
            onChange(c.id, `${c.firstName} ${c.lastName}`.trim());
          }
        })
        .catch(() => setOptions([]));
    }, 250);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [q]);
  return (
    <div className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={`${id}-q`} className="block text-sm font-medium text-slate-700">
          Preview for
        </label>
        <input id={`${id}-q`} value={q} onChange={(e) => setQ(e.target.value)} placeholder="Search customers" className="mt-1 block w-48 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm" />
      </div>
      <div>
        <label htmlFor={`${id}-c`} className="sr-only">
          Customer for the preview
        </label>
        <select
          id={`${id}-c`}
          value={value ?? ''}
          onChange={(e) => {
            const c = options.find((o) => o.id === e.target.value);
            if (c) onChange(c.id, `${c.firstName} ${c.lastName}`.trim());
          }}
          className="block w-56 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          {options.map((o) => (
            <option key={o.id} value={o.id}>
              {`${o.firstName} ${o.lastName}`.trim() || o.email || o.id}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
