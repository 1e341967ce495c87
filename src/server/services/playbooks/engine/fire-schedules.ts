import { randomUUID } from 'node:crypto';
import { systemActor } from '@/domain/roles';
import { firestore } from '../../../db/firestore';
import { tenantDb } from '../../../db/tenant-db';
import type { CronDeps, CronTask } from '../../cron/cron-task';
import { nextFireAt } from '../registry-writes';
import { executeRun, loadVersion } from './execute-run';
import { startRun } from './start-run';

/**
 * Fires schedule triggers that are due. Each firing is claimed by moving nextFireAt forward
 * against the schedule's last write, so concurrent ticks fire a slot once; the run for a slot has
 * a deterministic id as well. A schedule missed while the system was down fires once, not once
 * per missed slot.
 */
export async function fireDueSchedules({ clock, log, deadline }: CronDeps, scope: { orgId?: string } = {}) {
  const owner = `tick:${randomUUID()}`;
  const now = clock.now();
  const source = scope.orgId ? tenantDb(scope.orgId).schedules.ref : firestore().collectionGroup('playbook_schedules');
  const due = await source.where('active', '==', true).where('nextFireAt', '<=', now).limit(100).get();
  let fired = 0;
  let skipped = 0;
  for (const doc of due.docs) {
    if (Date.now() > deadline) break;
    const orgId = doc.ref.path.split('/')[1]!;
    const schedules = tenantDb(orgId).schedules;
    const schedule = doc.data();
    // Typed reads give a Date, raw collection-group reads a Timestamp.
    const slot = schedule.nextFireAt as unknown as Date | { toDate(): Date };
    const slotAt = slot instanceof Date ? slot : slot.toDate();
    const following = nextFireAt(schedule.cron as string, schedule.timeZone as string, now) ?? new Date(now.getTime() + 365 * 86_400_000);
    const claimed = await schedules.updateIfUnchanged(doc.id, { nextFireAt: following, lastFiredAt: slotAt, updatedAt: now }, doc.updateTime);
    if (!claimed) {
      skipped++;
      continue;
    }
    const ctx = { orgId, actor: systemActor('schedule'), clock, log };
    try {
      const { version } = await loadVersion(orgId, schedule.playbookId as string, schedule.version as number);
      const result = await startRun(ctx, {
        version,
        trigger: { type: 'schedule', eventName: null, eventId: null },
        event: null,
        customerId: null,
        keyKind: 'eventId',
        runKey: `schedule:${slotAt.toISOString()}`,
        occurrence: slotAt.toISOString(),
        owner,
      });
      if (result.started) await executeRun(ctx, result.runId, { owner });
      fired++;
    } catch (err) {
      log.error({ err, orgId, playbookId: schedule.playbookId }, 'firing a playbook schedule failed');
    }
  }
  return { due: due.size, fired, skipped };
}

export const fireSchedulesTask: CronTask = { name: 'fire-playbook-schedules', run: (deps) => fireDueSchedules(deps, { orgId: deps.orgId }) };
