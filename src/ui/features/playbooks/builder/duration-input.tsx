'use client';
import { cn } from '@/ui/primitives/cn';
import { ControlFrame, useControl } from './controls';

const UNITS = [
  ['m', 'minutes'],
  ['h', 'hours'],
  ['d', 'days'],
  ['w', 'weeks'],
] as const;

/** A duration as people think of it (3 days) stored the way playbooks write it ("3d"). */
export function DurationInput({
  path,
  label,
  value,
  onChange,
  hint,
  className,
}: {
  path: string;
  label: string;
  value: string | undefined;
  onChange: (v: string) => void;
  hint?: string;
  className?: string;
}) {
  const c = useControl(path, hint);
  const m = /^(\d*)\s*([mhdw])?$/.exec((value ?? '').trim());
  const amount = m?.[1] ?? '';
  const unit = m?.[2] ?? 'd';
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <div className="mt-1 flex gap-2">
        <input
          id={c.id}
          type="number"
          min={1}
          inputMode="numeric"
          value={amount}
          onChange={(e) => onChange(`${e.target.value}${unit}`)}
          aria-invalid={c.invalid}
          aria-describedby={c.describedBy}
          className={cn(
            'block w-24 rounded-md border bg-white px-3 py-2 text-sm shadow-sm disabled:bg-slate-50',
            c.error ? 'border-red-400' : 'border-slate-300',
          )}
        />
        <select
          aria-label={`${label}: unit`}
          value={unit}
          onChange={(e) => onChange(`${amount}${e.target.value}`)}
          className="block rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm disabled:bg-slate-50"
        >
          {UNITS.map(([u, name]) => (
            <option key={u} value={u}>
              {name}
            </option>
          ))}
        </select>
      </div>
    </ControlFrame>
  );
}
