import { ACTIVE_RUN_STATUSES, PLAYBOOK_DELETED, runEndedReason, type PendingExit, type PlaybookRun } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';
import { cancelRunSends } from '../../messaging/cancel-sends';
import { exitPatch } from './run-lease';

export type RunExit = { exitedBy: NonNullable<PlaybookRun['exitedBy']>; error?: string };

/** How a run of a deleted playbook ends: the log names the deletion (and the playbook) as its cause. */
export function playbookDeletedExit(playbookId: string): RunExit {
  return { exitedBy: { eventName: PLAYBOOK_DELETED, eventId: playbookId }, error: 'The playbook was deleted.' };
}

export function pendingExitOf(why: RunExit, now: Date): PendingExit {
  return { exitedBy: why.exitedBy, error: why.error ?? null, requestedAt: now };
}

/** Attempts to end an unheld run at once before leaving the exit to its next pickup. */
const APPLY_ATTEMPTS = 3;

/**
 * Ends a running or waiting run as `exited`, and withdraws the messages it still had waiting.
 *
 * The request is first recorded on the run as `pendingExit` with an unconditional update, which
 * cannot lose a race, and the run is made due. Then, if no executor holds the run, the exit is
 * applied here; if one does, that executor applies it at its next commit instead of advancing (a
 * step it is executing finishes, and is logged, first). A run that is free but keeps changing is
 * left to the tick, which applies the exit at its next pickup. So an exit is never dropped.
 * Returns false if the run had already finished.
 */
export async function exitRun(ctx: ServiceContext, runId: string, why: RunExit): Promise<boolean> {
  const runs = tenantDb(ctx.orgId).runs;
  const before = await runs.get(runId);
  if (!before || !ACTIVE_RUN_STATUSES.includes(before.status)) return false;
  const requested = pendingExitOf(why, ctx.clock.now());
  await runs.update(runId, { pendingExit: requested, resumeAt: requested.requestedAt });

  for (let attempt = 0; attempt < APPLY_ATTEMPTS; attempt++) {
    const snap = await runs.doc(runId).get();
    const run = snap.data();
    if (!run || !snap.updateTime) return false;
    // Finished meanwhile: by this exit (or another) if exited; a run that completed first keeps its outcome.
    if (!ACTIVE_RUN_STATUSES.includes(run.status)) return run.status === 'exited';
    const now = ctx.clock.now();
    if (run.status === 'running' && run.lease && run.lease.until > now) return true;
    const pending = run.pendingExit ?? requested;
    if (await runs.updateIfUnchanged(runId, exitPatch(pending, now), snap.updateTime)) {
      await afterRunEnded(ctx, { ...run, status: 'exited', exitedBy: pending.exitedBy, pendingExit: null });
      return true;
    }
  }
  return true;
}

/**
 * What a run that ended by exit or failure leaves behind: its queued and deferred messages are
 * cancelled, with the reason. Dispatch checks the run again before sending, so a crash here
 * delays nothing that should not go.
 */
export async function afterRunEnded(ctx: ServiceContext, run: Pick<PlaybookRun, 'id' | 'status' | 'exitedBy' | 'pendingExit' | 'error'>): Promise<void> {
  const reason = runEndedReason(run);
  if (!reason) return;
  try {
    await cancelRunSends(ctx, run.id, reason);
  } catch (err) {
    ctx.log?.warn({ err, runId: run.id }, 'cancelling the messages of an ended run failed; dispatch will cancel them');
  }
}
