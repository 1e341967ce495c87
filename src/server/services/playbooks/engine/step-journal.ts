import type { JournalOutcome } from '@/domain/playbooks/journal';
import type { ServiceContext } from '../../../context';
import { firestore } from '../../../db/firestore';
import { tenantDb } from '../../../db/tenant-db';
import type { StepOutcome } from './step-handler';

/**
 * What the journal says about a side-effect step about to run:
 * - fresh: nobody started it before; this executor now has, and calls the handler;
 * - recorded: it acted and its outcome was journalled; that outcome is the step's result;
 * - unresolved: it was started and never recorded (a crash, a lost lease). It may have acted.
 */
export type JournalStart = { kind: 'fresh' } | { kind: 'recorded'; outcome: StepOutcome } | { kind: 'unresolved'; owner: string };

/**
 * Marks a side-effect step as started, create-if-absent, so exactly one executor ever starts it
 * afresh, whatever leases and clocks do. One write per side-effect step (one more read only when
 * the step had been started before).
 */
export async function beginStep(ctx: ServiceContext, runId: string, step: { id: string; action: string }, owner: string): Promise<JournalStart> {
  const journal = tenantDb(ctx.orgId).runJournal(runId);
  const created = await journal.createReturningTime({ id: step.id, action: step.action, owner, startedAt: ctx.clock.now(), outcome: null, finishedAt: null });
  if (created) return { kind: 'fresh' };
  const entry = await journal.get(step.id);
  if (entry?.outcome) return { kind: 'recorded', outcome: entry.outcome as StepOutcome };
  return { kind: 'unresolved', owner: entry?.owner ?? 'unknown' };
}

/**
 * Keeps the outcome of a step whose run this executor could not commit (it lost the run after the
 * step acted), so whoever carries the run on takes this outcome instead of acting again. The first
 * outcome recorded stands.
 */
export async function recordOutcome(ctx: ServiceContext, runId: string, stepId: string, outcome: StepOutcome): Promise<void> {
  const journal = tenantDb(ctx.orgId).runJournal(runId);
  try {
    await firestore().runTransaction(async (tx) => {
      const entry = (await tx.get(journal.doc(stepId))).data();
      if (!entry || entry.outcome) return;
      journal.updateIn(tx, stepId, { outcome: outcome as JournalOutcome, finishedAt: ctx.clock.now() });
    });
  } catch (err) {
    // Without it the next executor treats the step as unresolved: still never twice, only a vaguer log.
    ctx.log?.warn({ err, runId, stepId }, 'could not journal a step outcome');
  }
}

/** The result of a step that was started before and never recorded, for a handler that is not idempotent by key. */
export function interruptedOutcome(owner: string): StepOutcome {
  return {
    kind: 'next',
    status: 'skipped',
    detail: `Started before (by ${owner.split(':')[0]}) and never recorded, so it may have acted. Not repeated: this step acts at most once.`,
    skipReason: 'Interrupted; not repeated (acts at most once)',
  };
}

/** The result of a handler that is not idempotent by key and threw: it may have acted, so it is not retried. */
export function failedOnceOutcome(err: Error): StepOutcome {
  return {
    kind: 'next',
    status: 'skipped',
    detail: `Failed: ${err.message}. Not retried: this step acts at most once, and it may have acted before failing.`.slice(0, 500),
    skipReason: 'Failed; not retried (acts at most once)',
  };
}
