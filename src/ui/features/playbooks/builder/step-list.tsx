'use client';
import type { Step } from '@/domain/playbooks/step-registry';
import { moveItem, newStep } from '../draft';
import { describeStep } from '../describe-step';
import { useBuilder } from './builder-context';
import { PathProblem } from './controls';
import { StepCard } from './step-card';
import { StepPalette } from './step-palette';

/**
 * An ordered list of steps (the playbook's, or one branch's): each editable, movable and
 * removable, with "Add a step" at the end. Focus follows what the user did.
 */
export function StepList({
  steps,
  path,
  onChange,
  depth,
  where,
}: {
  steps: Step[];
  path: string;
  onChange: (steps: Step[]) => void;
  depth: number;
  where: string;
}) {
  const { readOnly, focusStep, announce, catalogue } = useBuilder();
  const labelOf = (s: Step) => s.label || catalogue?.steps.find((c) => c.action === s.action)?.label || s.action;

  const add = (action: string) => {
    const step = newStep(action);
    onChange([...steps, step]);
    announce(`Added “${labelOf(step)}” as step ${steps.length + 1} ${where}.`);
    focusStep(step.id);
  };

  const remove = (i: number) => {
    const step = steps[i]!;
    const inner = countInner(step);
    if (inner > 0 && !window.confirm(`Delete “${labelOf(step)}” and the ${inner} step${inner === 1 ? '' : 's'} inside it?`)) return;
    onChange(steps.filter((_, j) => j !== i));
    announce(`Deleted “${labelOf(step)}”.`);
    const next = steps[i + 1] ?? steps[i - 1];
    if (next) focusStep(next.id);
    else requestAnimationFrame(() => document.getElementById(`${path}-add`)?.querySelector('button')?.focus());
  };

  const move = (i: number, dir: -1 | 1) => {
    const step = steps[i]!;
    onChange(moveItem(steps, i, i + dir));
    announce(`Moved “${labelOf(step)}” to position ${i + dir + 1} of ${steps.length}.`);
    requestAnimationFrame(() => {
      const preferred = document.getElementById(`step-${step.id}-${dir < 0 ? 'up' : 'down'}`) as HTMLButtonElement | null;
      const other = document.getElementById(`step-${step.id}-${dir < 0 ? 'down' : 'up'}`) as HTMLButtonElement | null;
      (preferred && !preferred.disabled ? preferred : other)?.focus();
    });
  };

  return (
    <div>
      {steps.length ? (
        <ol className="space-y-3">
          {steps.map((step, i) => (
            <StepCard
              key={step.id}
              step={step}
              path={`${path}.${i}`}
              index={i}
              count={steps.length}
              depth={depth}
              summary={describeStep(step)}
              onChange={(s) => onChange(steps.map((x, j) => (j === i ? s : x)))}
              onRemove={() => remove(i)}
              onMove={(dir) => move(i, dir)}
            />
          ))}
        </ol>
      ) : (
        <p className="rounded-md border border-dashed border-slate-300 px-3 py-2 text-sm text-slate-500">
          {depth === 0 ? 'No steps yet.' : 'Nothing happens on this branch.'}
        </p>
      )}
      <PathProblem path={path} />
      {!readOnly ? (
        <div id={`${path}-add`}>
          <StepPalette where={where} onAdd={add} />
        </div>
      ) : null}
    </div>
  );
}

function countInner(step: Step): number {
  let n = 0;
  for (const [key, value] of Object.entries(step)) {
    if (Array.isArray(value) && value.every((v) => v && typeof v === 'object' && 'action' in v)) for (const s of value as Step[]) n += 1 + countInner(s);
    if (key === 'variants' && Array.isArray(value)) for (const v of value as Array<{ steps?: Step[] }>) for (const s of v.steps ?? []) n += 1 + countInner(s);
  }
  return n;
}
