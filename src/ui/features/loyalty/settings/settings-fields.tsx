'use client';
import type { LoyaltySettingsBody } from '@/domain/loyalty/settings-validation';
import { Field } from '@/ui/primitives/field';

export type Body = LoyaltySettingsBody;
/** Applies a change to a copy of the draft. */
export type Update = (change: (draft: Body) => void) => void;
export interface TabProps {
  s: Body;
  update: Update;
  errors: Record<string, string>;
  readOnly: boolean;
}

const num = (v: string) => (v.trim() === '' ? Number.NaN : Number(v));

export function NumberField({
  label,
  value,
  onValue,
  error,
  hint,
  step = 1,
  min,
  max,
}: {
  label: string;
  value: number;
  onValue: (n: number) => void;
  error?: string;
  hint?: string;
  step?: number;
  min?: number;
  max?: number;
}) {
  return (
    <Field
      label={label}
      type="number"
      inputMode="decimal"
      step={step}
      min={min}
      max={max}
      value={Number.isFinite(value) ? value : ''}
      onChange={(e) => onValue(num(e.target.value))}
      error={error}
      hint={hint}
    />
  );
}

/** Dollars on screen, integer cents in the data. */
export function MoneyField({
  label,
  cents,
  onCents,
  error,
  hint,
}: {
  label: string;
  cents: number;
  onCents: (c: number) => void;
  error?: string;
  hint?: string;
}) {
  return (
    <Field
      label={label}
      type="number"
      inputMode="decimal"
      step={0.01}
      min={0}
      value={Number.isFinite(cents) ? cents / 100 : ''}
      onChange={(e) => onCents(Math.round(num(e.target.value) * 100))}
      error={error}
      hint={hint}
    />
  );
}

export function Check({ label, checked, onChange, hint }: { label: string; checked: boolean; onChange: (v: boolean) => void; hint?: string }) {
  return (
    <label className="flex items-start gap-2 text-sm pointer-coarse:min-h-11">
      <input type="checkbox" className="mt-1 size-4" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>
        {label}
        {hint ? <span className="block text-xs text-slate-500">{hint}</span> : null}
      </span>
    </label>
  );
}

/** Errors of a whole list or row that no single field shows (a tier out of order, a duplicate name). */
export function RowErrors({ errors, prefix }: { errors: Record<string, string>; prefix: string }) {
  const own = Object.entries(errors).filter(([p]) => p === prefix);
  if (!own.length) return null;
  return (
    <ul className="mt-2 text-sm text-red-700">
      {own.map(([p, m]) => (
        <li key={p}>{m}</li>
      ))}
    </ul>
  );
}
