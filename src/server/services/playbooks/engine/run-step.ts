import type { FlowNode } from '@/domain/playbooks/flow';
import { isJournalled } from '@/domain/playbooks/journal';
import { stepType } from '@/domain/playbooks/steps';
import type { RunLease } from './run-lease';
import { beginStep, failedOnceOutcome, interruptedOutcome, recordOutcome } from './step-journal';
import type { StepHandler, StepOutcome, StepRunContext } from './step-handler';

export type StepRun =
  /** The step's outcome, to commit. */
  | { kind: 'outcome'; outcome: StepOutcome; journalled: boolean }
  /** The handler threw and may be retried (flow steps, and handlers idempotent by key). */
  | { kind: 'threw'; err: Error }
  /** Another executor has the run now: write nothing more. */
  | { kind: 'lost' };

/**
 * Executes one step under the engine's guarantees, whatever its handler does:
 *
 * - A side-effect step (anything but pure flow) is journalled as started, create-if-absent,
 *   before its handler is called; a step found started and unrecorded is never called blind. A
 *   handler idempotent by key is called again with the same key (exactly once); any other is not
 *   called again and the step is logged as interrupted (at most once). An outcome journalled by
 *   an executor that lost the run is taken as the step's result.
 * - A heartbeat keeps the lease while the handler runs, so a slow step is not started a second
 *   time by a tick; if the heartbeat finds the run taken over, nothing is committed.
 */
export async function runStep(
  stepCtx: StepRunContext,
  lease: RunLease,
  node: FlowNode,
  handler: StepHandler,
  /** The step's journal entry was created with the run, in the commit that started it (plan-run-starts.ts): this executor began it. */
  begun = false,
): Promise<StepRun> {
  const journalled = isJournalled(stepType(node.step.action));
  const idempotent = handler.idempotentByKey === true;
  let freshStart = journalled && begun;
  if (journalled && !begun) {
    const start = await beginStep(stepCtx, stepCtx.run.id, node.step, lease.owner);
    freshStart = start.kind === 'fresh';
    if (start.kind === 'recorded') return { kind: 'outcome', outcome: start.outcome, journalled };
    if (start.kind === 'unresolved') {
      stepCtx.log?.warn({ runId: stepCtx.run.id, stepId: node.step.id, idempotent }, 'resuming a step that was started and never recorded');
      if (!idempotent) return { kind: 'outcome', outcome: interruptedOutcome(start.owner), journalled };
    }
  }

  let outcome: StepOutcome;
  try {
    outcome = await lease.heartbeatWhile(() => handler.execute(freshStart ? { ...stepCtx, freshStart } : stepCtx));
  } catch (err) {
    if (lease.lost) return { kind: 'lost' };
    if (!journalled || idempotent) return { kind: 'threw', err: err as Error };
    outcome = failedOnceOutcome(err as Error);
  }
  if (lease.lost) {
    if (journalled) await recordOutcome(stepCtx, stepCtx.run.id, node.step.id, outcome);
    return { kind: 'lost' };
  }
  return { kind: 'outcome', outcome, journalled };
}
