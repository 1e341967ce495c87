import { stepType, walkSteps, type Step } from '../playbooks/steps';
import type { StoredSendSource } from './send';

/** Who sent a message, in names a person reads, with the ids the dashboard links to. */
export type SendSourceName =
  | {
      type: 'playbook';
      playbookId: string;
      /** The playbook's current name (or the run's copy of it once the playbook is deleted). */
      playbookName: string;
      /** False once the playbook was deleted: nothing to link to. */
      playbookExists: boolean;
      runId: string;
      stepId: string;
      /** 1-based, in the order the builder lists steps (branches under their step); null when the step is no longer known. */
      stepNumber: number | null;
      stepLabel: string | null;
    }
  /** name: the campaign's name; null when it is no longer stored. */
  | { type: 'campaign'; id: string; name: string | null }
  | { type: 'manual' }
  | { type: 'system'; purpose: string };

/** Where a step sits in a playbook version and what it is called: "step 2: Send email". */
export function stepPosition(steps: Step[], stepId: string): { number: number; label: string } | null {
  let n = 0;
  for (const { step } of walkSteps(steps)) {
    n++;
    if (step.id === stepId) return { number: n, label: step.label ?? stepType(step.action)?.label ?? step.action };
  }
  return null;
}

/** "Abandoned cart reminder, step 2: Send email". */
export function describeSendSource(s: SendSourceName): string {
  switch (s.type) {
    case 'playbook':
      return s.stepNumber ? `${s.playbookName}, step ${s.stepNumber}: ${s.stepLabel}` : s.playbookName;
    case 'campaign':
      return s.name ? `Campaign “${s.name}”` : 'A campaign';
    case 'manual':
      return 'Sent by staff';
    case 'system':
      return `Automatic ${s.purpose.replace(/_/g, ' ')}`;
  }
}

/** The name when nothing more is known than the send records (a run no longer stored). */
export function bareSourceName(source: StoredSendSource): SendSourceName {
  if (source.type === 'playbook')
    return {
      type: 'playbook',
      playbookId: source.playbookId ?? '',
      playbookName: 'A playbook that was deleted',
      playbookExists: false,
      runId: source.runId,
      stepId: source.stepId,
      stepNumber: null,
      stepLabel: null,
    };
  if (source.type === 'campaign') return { type: 'campaign', id: source.id, name: null };
  if (source.type === 'manual') return { type: 'manual' };
  return { type: 'system', purpose: source.purpose };
}
