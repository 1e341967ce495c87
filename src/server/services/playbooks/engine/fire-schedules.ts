import { randomUUID } from 'node:crypto';
import { PlaybookScheduleSchema, type PlaybookSchedule } from '@/domain/playbooks/registry';
import { systemActor } from '@/domain/roles';
import { modelConverter } from '../../../db/typed-collection';
import { tenantDb } from '../../../db/tenant-db';
import type { CronDeps, CronTask } from '../../cron/cron-task';
import { workDue } from '../../cron/due-work';
import { nextFireAt } from '../registry-writes';
import { executeRun, loadVersion } from './execute-run';
import { startRun } from './start-run';

/**
 * Fires schedule triggers that are due. Each firing is claimed by moving nextFireAt forward
 * against the schedule's last write, so concurrent ticks fire a slot once; the run for a slot has
 * a deterministic id as well. A schedule missed while the system was down fires once, not once
 * per missed slot.
 */
export async function fireDueSchedules(deps: CronDeps, scope: { orgId?: string } = {}) {
  const { clock, log } = deps;
  const owner = `tick:${randomUUID()}`;
  const report = await workDue(
    { ...deps, orgId: scope.orgId },
    {
      collection: 'playbook_schedules',
      outcomes: ['fired', 'skipped'] as const,
      pageSize: 100,
      concurrency: 4,
      due: (schedules, now) =>
        schedules
          .withConverter(modelConverter(PlaybookScheduleSchema, 'playbook_schedules'))
          .where('active', '==', true)
          .where('nextFireAt', '<=', now)
          .orderBy('nextFireAt'),
      async work(doc, orgId) {
        const now = clock.now();
        const schedule = doc.data() as PlaybookSchedule;
        const following = nextFireAt(schedule.cron, schedule.timeZone, now) ?? new Date(now.getTime() + 365 * 86_400_000);
        const claimed = await tenantDb(orgId).schedules.updateIfUnchanged(
          doc.id,
          { nextFireAt: following, lastFiredAt: schedule.nextFireAt, updatedAt: now },
          doc.updateTime,
        );
        if (!claimed) return 'skipped';
        const ctx = { orgId, actor: systemActor('schedule'), clock, log };
        const slot = schedule.nextFireAt.toISOString();
        const { version } = await loadVersion(orgId, schedule.playbookId, schedule.version);
        const result = await startRun(ctx, {
          version,
          trigger: { type: 'schedule', eventName: null, eventId: null },
          event: null,
          customerId: null,
          keyKind: 'eventId',
          runKey: `schedule:${slot}`,
          occurrence: slot,
          owner,
        });
        if (result.started) await executeRun(ctx, result.runId, { owner, started: { run: result.run, customer: null } });
        return 'fired';
      },
    },
  );
  return { due: report.due, fired: report.fired, skipped: report.skipped, errors: report.errors };
}

export const fireSchedulesTask: CronTask = { name: 'fire-playbook-schedules', run: (deps) => fireDueSchedules(deps, { orgId: deps.orgId }) };
