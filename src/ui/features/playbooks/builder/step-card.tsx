'use client';
import { useState } from 'react';
import type { Step } from '@/domain/playbooks/step-registry';
import { Button } from '@/ui/primitives/button';
import { cn } from '@/ui/primitives/cn';
import { branchLabel, KNOWN_BRANCHES } from '../describe-step';
import { controlId } from '../draft';
import { useBuilder } from './builder-context';
import { PathProblem, TextInput } from './controls';
import { StepFields } from './step-fields';
import { StepList } from './step-list';

interface Props {
  step: Step;
  path: string;
  index: number;
  count: number;
  depth: number;
  summary: string;
  onChange: (step: Step) => void;
  onRemove: () => void;
  onMove: (dir: -1 | 1) => void;
}

export function StepCard({ step, path, index, count, depth, summary, onChange, onRemove, onMove }: Props) {
  const { readOnly, catalogue, registerStep, problemAt } = useBuilder();
  const [open, setOpen] = useState(true);
  const type = catalogue?.steps.find((s) => s.action === step.action);
  const typeLabel = type?.label ?? step.action;
  const branches = type?.branches ?? KNOWN_BRANCHES[step.action] ?? [];
  const headingId = `step-${step.id}-heading`;
  const bodyId = `step-${step.id}-body`;
  const level = Math.min(6, 3 + depth);
  const name = step.label || typeLabel;
  const hasProblem = !!problemAt(path);
  const set = (patch: Record<string, unknown>) => onChange({ ...step, ...patch });

  return (
    <li>
      <article
        id={`${controlId(path)}-card`}
        aria-labelledby={headingId}
        data-testid={`step-${step.id}`}
        className={cn('rounded-lg border bg-white shadow-sm', hasProblem ? 'border-red-300' : 'border-slate-200')}
      >
        <div className="flex flex-wrap items-start justify-between gap-2 border-b border-slate-100 px-4 py-2.5">
          <div className="min-w-0">
            <p
              role="heading"
              aria-level={level}
              id={headingId}
              tabIndex={-1}
              ref={(el) => registerStep(step.id, el)}
              className="text-sm font-semibold text-slate-900"
            >
              <span className="mr-2 inline-flex h-5 min-w-5 items-center justify-center rounded-full bg-slate-100 px-1.5 text-xs tabular-nums text-slate-600">
                {index + 1}
              </span>
              {name}
              {step.label ? <span className="ml-2 text-xs font-normal text-slate-500">{typeLabel}</span> : null}
            </p>
            <p className="mt-0.5 truncate text-xs text-slate-600">{summary}</p>
          </div>
          <div className="flex shrink-0 items-center gap-1">
            <Button variant="ghost" className="px-2 py-1 text-xs" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen((v) => !v)}>
              {open ? 'Collapse' : 'Expand'}
              <span className="sr-only"> {name}</span>
            </Button>
            {!readOnly ? (
              <>
                <Button
                  id={`step-${step.id}-up`}
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  disabled={index === 0}
                  onClick={() => onMove(-1)}
                  aria-label={`Move “${name}” up`}
                >
                  ↑ Up
                </Button>
                <Button
                  id={`step-${step.id}-down`}
                  variant="ghost"
                  className="px-2 py-1 text-xs"
                  disabled={index === count - 1}
                  onClick={() => onMove(1)}
                  aria-label={`Move “${name}” down`}
                >
                  ↓ Down
                </Button>
                <Button variant="ghost" className="px-2 py-1 text-xs text-red-700" onClick={onRemove} aria-label={`Delete “${name}”`}>
                  Delete
                </Button>
              </>
            ) : null}
          </div>
        </div>
        <div id={bodyId} hidden={!open} className="space-y-4 px-4 py-3">
          <PathProblem path={path} />
          <StepFields step={step} path={path} depth={depth} set={set} />
          {branches.map((branch) => (
            <section
              key={branch}
              aria-label={`${name}: ${branchLabel(step.action, branch)}`}
              className="rounded-md border-l-4 border-brand-200 bg-slate-50/60 py-2 pl-3 pr-2"
            >
              <p role="heading" aria-level={Math.min(6, level + 1)} className="mb-2 text-xs font-semibold uppercase tracking-wide text-brand-800">
                {branchLabel(step.action, branch)}
              </p>
              <StepList
                steps={(step[branch] as Step[] | undefined) ?? []}
                path={`${path}.${branch}`}
                depth={depth + 1}
                where={`under “${branchLabel(step.action, branch)}”`}
                onChange={(steps) => set({ [branch]: steps })}
              />
            </section>
          ))}
          <TextInput
            path={`${path}.label`}
            label="Name in the flow and log (optional)"
            value={step.label}
            onChange={(v) => set({ label: v || undefined })}
            placeholder={typeLabel}
          />
        </div>
      </article>
    </li>
  );
}
