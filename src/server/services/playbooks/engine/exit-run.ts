import { ACTIVE_RUN_STATUSES, type PlaybookRun } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../../context';
import { tenantDb } from '../../../db/tenant-db';

export type RunExit = { exitedBy: NonNullable<PlaybookRun['exitedBy']>; error?: string };

/** How a run of a deleted playbook ends: the log names the deletion (and the playbook) as its cause. */
export function playbookDeletedExit(playbookId: string): RunExit {
  return { exitedBy: { eventName: 'playbook.deleted', eventId: playbookId }, error: 'The playbook was deleted.' };
}

/**
 * Ends a running or waiting run as `exited`. It wins over an executor holding the run: the
 * executor's next commit finds the run changed and stops. Returns false if the run had already
 * finished (or kept changing under us).
 */
export async function exitRun(ctx: ServiceContext, runId: string, why: RunExit): Promise<boolean> {
  const runs = tenantDb(ctx.orgId).runs;
  for (let attempt = 0; attempt < 10; attempt++) {
    const snap = await runs.doc(runId).get();
    const run = snap.data();
    if (!run || !snap.updateTime || !ACTIVE_RUN_STATUSES.includes(run.status)) return false;
    const now = ctx.clock.now();
    const patch = {
      status: 'exited',
      exitedBy: why.exitedBy,
      ...(why.error ? { error: why.error } : {}),
      lease: null,
      resumeAt: null,
      waitingFor: null,
      finishedAt: now,
      updatedAt: now,
    };
    if (await runs.updateIfUnchanged(runId, patch, snap.updateTime)) return true;
    await new Promise((r) => setTimeout(r, 20 * (attempt + 1)));
  }
  return false;
}
