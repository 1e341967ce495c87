'use client';
import { useId, useState } from 'react';
import { Button } from '@/ui/primitives/button';
import { controlId } from '../draft';
import { useBuilder } from './builder-context';

type Values = Record<string, string | number | Record<string, string | number>>;
interface Row {
  name: string;
  value: string;
}

const COMMON = [
  ['offer.code', 'Discount code'],
  ['offer.description', 'What the offer is'],
  ['offer.expires', 'When the offer ends'],
  ['review.url', 'Where to leave a review'],
  ['shop.url', 'The online menu'],
  ['product.url', 'Link to the product'],
] as const;

function flatten(values: Values | undefined): Row[] {
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(values ?? {})) {
    if (v && typeof v === 'object') for (const [k2, v2] of Object.entries(v)) rows.push({ name: `${k}.${k2}`, value: String(v2) });
    else rows.push({ name: k, value: String(v) });
  }
  return rows;
}

function build(rows: Row[]): Values {
  const out: Values = {};
  for (const { name, value } of rows) {
    if (!name.trim()) continue;
    const [head, ...rest] = name.trim().split('.');
    if (rest.length === 0) out[head!] = value;
    else {
      const group = (out[head!] && typeof out[head!] === 'object' ? out[head!] : {}) as Record<string, string | number>;
      group[rest.join('.')] = value;
      out[head!] = group;
    }
  }
  return out;
}

/** Extra template values the step supplies: the offer, the review link… ("offer.code" = "SPRING10"). */
export function VariablesEditor({ path, values, onChange }: { path: string; values: Values | undefined; onChange: (v: Values) => void }) {
  const { readOnly, problemAt } = useBuilder();
  const listId = useId();
  const [rows, setRows] = useState<Row[]>(() => flatten(values));
  const update = (next: Row[]) => {
    setRows(next);
    onChange(build(next));
  };
  const problem = Object.keys(values ?? {})
    .map((k) => problemAt(`${path}.${k}`))
    .find(Boolean);
  return (
    <fieldset id={controlId(path)} className="space-y-2">
      <legend className="text-sm font-medium text-slate-700">Values for this message</legend>
      <p className="text-xs text-slate-500">For variables the trigger does not supply, such as the offer or the review link.</p>
      <datalist id={listId}>
        {COMMON.map(([name, d]) => (
          <option key={name} value={name}>
            {d}
          </option>
        ))}
      </datalist>
      {rows.map((row, i) => (
        <div key={i} className="flex flex-wrap items-end gap-2">
          <label className="text-xs text-slate-600">
            Name
            <input
              list={listId}
              value={row.name}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, name: e.target.value } : r)))}
              className="mt-0.5 block w-44 rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs"
              placeholder="offer.code"
            />
          </label>
          <label className="text-xs text-slate-600">
            Value
            <input
              value={row.value}
              onChange={(e) => update(rows.map((r, j) => (j === i ? { ...r, value: e.target.value } : r)))}
              className="mt-0.5 block w-64 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            />
          </label>
          {!readOnly ? (
            <Button
              variant="ghost"
              className="px-2 py-1 text-xs text-red-700"
              onClick={() => update(rows.filter((_, j) => j !== i))}
              aria-label={`Remove the value ${row.name || i + 1}`}
            >
              Remove
            </Button>
          ) : null}
        </div>
      ))}
      {problem ? (
        <p role="alert" className="text-xs text-red-700">
          {problem.message}
        </p>
      ) : null}
      {!readOnly ? (
        <Button variant="ghost" className="px-2 py-1 text-xs" onClick={() => update([...rows, { name: '', value: '' }])}>
          + Add a value
        </Button>
      ) : rows.length === 0 ? (
        <p className="text-xs text-slate-500">None.</p>
      ) : null}
    </fieldset>
  );
}
