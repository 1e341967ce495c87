'use client';
import { cn } from '@/ui/primitives/cn';
import { FieldFrame } from '@/ui/primitives/field';
import { controlId } from '../draft';
import { humanMessage, useBuilder } from './builder-context';

const CONTROL = 'mt-1 block w-full rounded-md border bg-white px-3 py-2 text-sm shadow-sm disabled:bg-slate-50 disabled:text-slate-700';

/** Ids and aria wiring for the control at a path: its error comes from the builder's problems. */
export function useControl(path: string, hint?: string) {
  const { problemAt } = useBuilder();
  const id = controlId(path);
  const problem = problemAt(path);
  const error = problem ? humanMessage(problem.message) : undefined;
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
  return { id, error, problem, describedBy, invalid: error ? true : undefined };
}

/** The builder's controls share the form primitives' frame: label above, hint and error below. */
export const ControlFrame = FieldFrame;

interface Common {
  path: string;
  label: string;
  hint?: string;
  className?: string;
}

export function TextInput({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  ...rest
}: Common & { value: string | undefined; onChange: (v: string) => void } & Omit<React.InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange'>) {
  const c = useControl(path, hint);
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <input
        {...rest}
        id={c.id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={c.invalid}
        aria-describedby={c.describedBy}
        className={cn(CONTROL, c.error ? 'border-red-400' : 'border-slate-300')}
      />
    </ControlFrame>
  );
}

export function NumberInput({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  min,
  max,
}: Common & { value: number | undefined; onChange: (v: number | undefined) => void; min?: number; max?: number }) {
  const c = useControl(path, hint);
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <input
        id={c.id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        value={value === undefined || Number.isNaN(value) ? '' : value}
        onChange={(e) => onChange(e.target.value === '' ? undefined : Number(e.target.value))}
        aria-invalid={c.invalid}
        aria-describedby={c.describedBy}
        className={cn(CONTROL, c.error ? 'border-red-400' : 'border-slate-300')}
      />
    </ControlFrame>
  );
}

export function SelectInput({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  children,
}: Common & { value: string | undefined; onChange: (v: string) => void; children: React.ReactNode }) {
  const c = useControl(path, hint);
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <select
        id={c.id}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={c.invalid}
        aria-describedby={c.describedBy}
        className={cn(CONTROL, c.error ? 'border-red-400' : 'border-slate-300')}
      >
        {children}
      </select>
    </ControlFrame>
  );
}

export function TextArea({
  path,
  label,
  hint,
  className,
  value,
  onChange,
  rows = 3,
}: Common & { value: string | undefined; onChange: (v: string) => void; rows?: number }) {
  const c = useControl(path, hint);
  return (
    <ControlFrame id={c.id} label={label} hint={hint} error={c.error} className={className}>
      <textarea
        id={c.id}
        rows={rows}
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={c.invalid}
        aria-describedby={c.describedBy}
        className={cn(CONTROL, c.error ? 'border-red-400' : 'border-slate-300')}
      />
    </ControlFrame>
  );
}

/** A problem with no control of its own (the whole step, a list), shown where it belongs. */
export function PathProblem({ path }: { path: string }) {
  const c = useControl(path);
  if (!c.error) return null;
  return (
    <p id={`${c.id}-problem`} tabIndex={-1} className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">
      {c.error}
    </p>
  );
}
