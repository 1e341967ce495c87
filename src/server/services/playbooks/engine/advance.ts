import type { FlowNode } from '@/domain/playbooks/flow';
import type { PlaybookRun, StepResult } from '@/domain/playbooks/run';
import type { StepOutcome } from './step-handler';

export function stepResult(step: { id: string; action: string }, outcome: StepOutcome, startedAt: Date, finishedAt: Date): StepResult {
  return {
    stepId: step.id,
    action: step.action,
    status: outcome.kind === 'next' ? outcome.status : outcome.kind === 'end' ? 'skipped' : 'done',
    startedAt,
    finishedAt,
    ms: Math.max(0, finishedAt.getTime() - startedAt.getTime()),
    detail: outcome.detail.slice(0, 500),
    skipReason: outcome.kind === 'next' || outcome.kind === 'end' ? (outcome.skipReason ?? null) : null,
    branch: outcome.kind === 'next' ? (outcome.branch ?? null) : null,
    refs: outcome.kind === 'next' ? (outcome.refs ?? {}) : {},
  };
}

/**
 * The run after one step's outcome, and the fields of the run document that record it: the next
 * cursor (a branch's, or the following step), the step's result, vars, and the run's completion
 * or its wait. The step succeeded, so its retry budget starts afresh.
 */
export function advance(
  run: PlaybookRun,
  node: FlowNode,
  outcome: StepOutcome,
  startedAt: Date,
  finished: Date,
): { next: PlaybookRun; patch: Record<string, unknown>; result: StepResult } {
  const result = stepResult(node.step, outcome, startedAt, finished);
  const patch: Record<string, unknown> = { updatedAt: finished, error: null, failures: 0 };
  let next: PlaybookRun;
  if (outcome.kind === 'next') {
    const cursor = outcome.branch !== undefined ? (node.branches[outcome.branch] ?? node.next) : node.next;
    const vars = outcome.vars ? { ...run.context.vars, ...outcome.vars } : run.context.vars;
    next = { ...run, cursor, waitingFor: null, stepResults: [...run.stepResults, result], context: { ...run.context, vars } };
    Object.assign(patch, { cursor, waitingFor: null, stepResults: next.stepResults, 'context.vars': vars });
    if (cursor === null) {
      // The last step: record it and the completion in one write.
      Object.assign(patch, { status: 'completed', lease: null, resumeAt: null, finishedAt: finished });
      next.status = 'completed';
    }
  } else if (outcome.kind === 'end') {
    next = { ...run, cursor: null, status: 'completed', stepResults: [...run.stepResults, result] };
    Object.assign(patch, {
      cursor: null,
      stepResults: next.stepResults,
      status: 'completed',
      lease: null,
      resumeAt: null,
      waitingFor: null,
      finishedAt: finished,
    });
  } else if (outcome.kind === 'wait') {
    next = { ...run, cursor: node.next, status: 'waiting', resumeAt: outcome.until, lease: null, stepResults: [...run.stepResults, result] };
    Object.assign(patch, { cursor: node.next, status: 'waiting', resumeAt: outcome.until, lease: null, stepResults: next.stepResults });
  } else {
    next = { ...run, status: 'waiting', resumeAt: outcome.waitingFor.timeoutAt, waitingFor: outcome.waitingFor, lease: null };
    Object.assign(patch, { status: 'waiting', resumeAt: outcome.waitingFor.timeoutAt, waitingFor: outcome.waitingFor, lease: null });
  }
  return { next: { ...next, failures: 0 }, patch, result };
}
