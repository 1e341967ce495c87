'use client';
import type { Step } from '@/domain/playbooks/step-registry';
import { cn } from '@/ui/primitives/cn';
import { branchesForDrawing, describeStep } from '../describe-step';
import { describeTrigger } from '../describe-trigger';
import type { Draft } from '../types';
import { useBuilder } from './builder-context';
import { FlowText } from './flow-text';
import { useSavedSegmentNames } from '@/ui/features/playbooks/use-saved-segment-names';

const TONE: Record<string, string> = {
  message: 'border-brand-300 bg-brand-50',
  flow: 'border-sky-300 bg-sky-50',
  data: 'border-amber-300 bg-amber-50',
  ai: 'border-violet-300 bg-violet-50',
  integration: 'border-slate-300 bg-slate-50',
  loyalty: 'border-pink-300 bg-pink-50',
};

const Line = ({ className }: { className?: string }) => <div className={cn('mx-auto h-4 w-0.5 bg-slate-300', className)} />;

function Box({ step }: { step: Step }) {
  const { catalogue, focusStep } = useBuilder();
  const type = catalogue?.steps.find((s) => s.action === step.action);
  return (
    <div
      onClick={() => focusStep(step.id)}
      title="Go to this step"
      className={cn(
        'mx-auto w-52 cursor-pointer rounded-md border px-2.5 py-1.5 text-xs shadow-sm hover:ring-2 hover:ring-brand-200',
        TONE[type?.category ?? 'integration'],
      )}
    >
      <p className="font-semibold text-slate-900">{step.label || type?.label || step.action}</p>
      <p className="mt-0.5 line-clamp-2 text-slate-700">{describeStep(step)}</p>
    </div>
  );
}

function Sequence({ steps }: { steps: Step[] }) {
  const { catalogue } = useBuilder();
  if (!steps.length) return <p className="mx-auto w-fit rounded border border-dashed border-slate-300 px-2 py-1 text-[11px] text-slate-500">nothing</p>;
  return (
    <div className="flex flex-col items-stretch">
      {steps.map((step, i) => {
        const branches = branchesForDrawing(step, catalogue?.steps.find((s) => s.action === step.action)?.branches);
        return (
          <div key={step.id} className="flex flex-col items-stretch">
            {i > 0 ? <Line /> : null}
            <Box step={step} />
            {branches.length ? (
              <>
                <Line />
                <div className="flex justify-center">
                  {branches.map((b, j) => (
                    <div key={b.key} className="relative flex min-w-40 flex-1 flex-col px-1.5 pt-0">
                      {j > 0 ? <div className="absolute left-0 right-1/2 top-0 h-0.5 bg-slate-300" /> : null}
                      {j < branches.length - 1 ? <div className="absolute left-1/2 right-0 top-0 h-0.5 bg-slate-300" /> : null}
                      <Line />
                      <p className="mx-auto mb-1 rounded-full bg-white px-2 text-[11px] font-semibold text-slate-700 ring-1 ring-slate-300">{b.label}</p>
                      <Sequence steps={b.steps} />
                      <div className="flex-1">
                        <Line className="h-full min-h-4" />
                      </div>
                      {j > 0 ? <div className="absolute bottom-0 left-0 right-1/2 h-0.5 bg-slate-300" /> : null}
                      {j < branches.length - 1 ? <div className="absolute bottom-0 left-1/2 right-0 h-0.5 bg-slate-300" /> : null}
                    </div>
                  ))}
                </div>
              </>
            ) : null}
          </div>
        );
      })}
    </div>
  );
}

/** The whole flow, top to bottom with its branches, always drawn from the unsaved draft. */
export function FlowDiagram({ draft }: { draft: Draft }) {
  const { timeZone } = useBuilder();
  const savedNames = useSavedSegmentNames();
  return (
    <figure aria-labelledby="flow-caption" className="space-y-2">
      <figcaption id="flow-caption" className="font-medium">
        Flow
      </figcaption>
      <div aria-hidden="true" data-testid="flow-drawing" className="max-h-[70vh] overflow-auto rounded-md bg-slate-50 p-3">
        <div className="min-w-fit">
          {draft.triggers.map((t, i) => (
            <div key={i} className="mx-auto mb-1 w-60 rounded-full bg-slate-800 px-3 py-1.5 text-center text-xs font-medium text-white">
              {describeTrigger(t, timeZone, savedNames)}
            </div>
          ))}
          <Line />
          <Sequence steps={draft.steps} />
          <Line />
          <div className="mx-auto w-16 rounded-full border border-slate-400 bg-white py-1 text-center text-xs text-slate-600">End</div>
        </div>
      </div>
      <FlowText draft={draft} />
    </figure>
  );
}
