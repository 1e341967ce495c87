'use client';
import type { Step } from '@/domain/playbooks/step-registry';
import { Button } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import { formatPercent, splitShares } from '../describe-step';
import { useBuilder } from './builder-context';
import { NumberInput, PathProblem, TextInput } from './controls';
import type { FieldsProps } from './step-fields';
import { StepList } from './step-list';

interface Variant {
  name: string;
  weight?: number;
  steps: Step[];
}

const COLOURS = ['bg-brand-500', 'bg-sky-500', 'bg-violet-500', 'bg-amber-500', 'bg-pink-500'];

/** Variants with weights and their own steps, an optional holdout, and the resulting shares. */
export function AbSplitFields({ step, path, depth, set }: FieldsProps) {
  const { readOnly } = useBuilder();
  const variants = (step.variants as Variant[] | undefined) ?? [];
  const holdout = Number(step.holdoutPercent ?? 0);
  const shares = splitShares(variants, holdout);
  const setVariant = (i: number, patch: Partial<Variant>) => set({ variants: variants.map((v, j) => (j === i ? { ...v, ...patch } : v)) });
  const nextName = () => String.fromCharCode(65 + variants.length);

  return (
    <div className="space-y-3">
      <div>
        <div className="flex h-3 overflow-hidden rounded-full bg-slate-100" aria-hidden="true">
          {shares.map((s, i) => (
            <div key={s.name} className={cn(s.holdout ? 'bg-slate-400' : COLOURS[i % COLOURS.length])} style={{ width: `${s.percent}%` }} />
          ))}
        </div>
        <p className="mt-1 text-sm text-slate-700" aria-live="polite" data-testid="split-shares">
          {shares.map((s) => `${s.name}: ${formatPercent(s.percent)}`).join(' · ')}
        </p>
        <p className="text-xs text-slate-500">Each customer always lands in the same arm. The holdout receives nothing, so you can measure the lift.</p>
      </div>
      <NumberInput
        path={`${path}.holdoutPercent`}
        label="Holdout (% of customers who get nothing)"
        min={0}
        max={50}
        value={step.holdoutPercent as number | undefined}
        onChange={(v) => set({ holdoutPercent: v })}
        className="max-w-xs"
      />
      <PathProblem path={`${path}.variants`} />
      {variants.map((v, i) => (
        <section key={i} aria-label={`Variant ${v.name || i + 1}`} className="rounded-md border-l-4 border-sky-200 bg-slate-50/60 py-2 pl-3 pr-2">
          <div className="flex flex-wrap items-end gap-3">
            <TextInput
              path={`${path}.variants.${i}.name`}
              label="Variant name"
              value={v.name}
              onChange={(name) => setVariant(i, { name })}
              maxLength={40}
              className="w-40"
            />
            <NumberInput
              path={`${path}.variants.${i}.weight`}
              label="Weight"
              min={1}
              max={100}
              value={v.weight}
              onChange={(weight) => setVariant(i, { weight })}
              className="w-28"
            />
            <p className="pb-2 text-sm tabular-nums text-slate-700">{formatPercent(shares[i]?.percent ?? 0)} of customers</p>
            {!readOnly && variants.length > 1 ? (
              <Button variant="ghost" className="mb-1 px-2 py-1 text-xs text-red-700" onClick={() => set({ variants: variants.filter((_, j) => j !== i) })}>
                Remove variant {v.name}
              </Button>
            ) : null}
          </div>
          <div className="mt-3">
            <StepList
              steps={v.steps ?? []}
              path={`${path}.variants.${i}.steps`}
              depth={depth + 1}
              where={`to variant ${v.name}`}
              onChange={(steps) => setVariant(i, { steps })}
            />
          </div>
        </section>
      ))}
      {!readOnly && variants.length < 5 ? (
        <Button variant="secondary" onClick={() => set({ variants: [...variants, { name: nextName(), weight: 50, steps: [] }] })}>
          + Add variant
        </Button>
      ) : null}
    </div>
  );
}
