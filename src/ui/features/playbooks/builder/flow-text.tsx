'use client';
import type { Step } from '@/domain/playbooks/step-registry';
import { branchesForDrawing, describeStep } from '../describe-step';
import { describeTrigger } from '../describe-trigger';
import type { Draft } from '../types';
import { useBuilder } from './builder-context';
import { useSavedSegmentNames } from '@/ui/features/playbooks/use-saved-segment-names';

function TextSequence({ steps }: { steps: Step[] }) {
  const { catalogue } = useBuilder();
  if (!steps.length) return <p>Nothing happens.</p>;
  return (
    <ol>
      {steps.map((s) => {
        const branches = branchesForDrawing(s, catalogue?.steps.find((c) => c.action === s.action)?.branches);
        return (
          <li key={s.id}>
            {s.label ? `${s.label}: ` : ''}
            {describeStep(s)}.
            {branches.length ? (
              <ul>
                {branches.map((b) => (
                  <li key={b.key}>
                    {b.label}: <TextSequence steps={b.steps} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}

/** The drawing in words, for screen readers: the same tree as nested lists. */
export function FlowText({ draft }: { draft: Draft }) {
  const { timeZone } = useBuilder();
  const savedNames = useSavedSegmentNames();
  return (
    <div className="sr-only" data-testid="flow-text">
      <p>Starts: {draft.triggers.map((t) => describeTrigger(t, timeZone, savedNames)).join('; or ')}.</p>
      <TextSequence steps={draft.steps} />
      <p>Then the run ends.</p>
    </div>
  );
}
