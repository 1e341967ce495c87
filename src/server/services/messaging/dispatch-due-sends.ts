import type { Query } from 'firebase-admin/firestore';
import { systemActor } from '@/domain/roles';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { dispatchSend } from './dispatch-send';

const BATCH = 200;
const CONCURRENCY = 8;

export type DueKind = 'deferred' | 'retry';

/**
 * Finds sends whose time has come and delivers them: deferred sends at their quiet-hours
 * opening ('deferred'), and queued retries plus sends whose worker's lease ran out ('retry').
 * Across all tenants for the cron tick; one tenant when `orgId` is given (tests, tools).
 */
export async function dispatchDueSends(deps: CronDeps & { kind: DueKind; orgId?: string }): Promise<Record<string, number>> {
  const now = deps.clock.now();
  const base = deps.orgId ? (tenantDb(deps.orgId).sends.ref as unknown as Query) : firestore().collectionGroup('sends');
  const statusFilter = deps.kind === 'deferred' ? base.where('status', '==', 'deferred') : base.where('status', 'in', ['queued', 'sending']);
  const snap = await statusFilter.where('dueAt', '<=', now).orderBy('dueAt').limit(BATCH).select().get();
  const report = { due: snap.size, sent: 0, retryLater: 0, failed: 0, skipped: 0, cancelled: 0, notOurs: 0, leftForNextTick: 0 };
  const queue = snap.docs.map((d) => ({ orgId: d.ref.parent.parent!.id, id: d.id }));
  const worker = async () => {
    for (let item = queue.shift(); item; item = queue.shift()) {
      if (Date.now() > deps.deadline) {
        report.leftForNextTick += 1;
        continue;
      }
      const ctx = { orgId: item.orgId, clock: deps.clock, log: deps.log, actor: systemActor('messaging-tick') };
      try {
        const result = await dispatchSend(ctx, item.id);
        if (!result) report.notOurs += 1;
        else if (result.status === 'skipped') report.skipped += 1;
        else if (result.status === 'cancelled') report.cancelled += 1;
        else if (result.status === 'failed') report.failed += 1;
        else if (result.status === 'queued') report.retryLater += 1;
        else report.sent += 1;
      } catch (err) {
        report.retryLater += 1;
        deps.log.error({ err, sendId: item.id, orgId: item.orgId }, 'dispatching a due send failed');
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return report;
}

/** Cron: deferred sends whose quiet hours are over go out. */
export const releaseDeferredSendsTask: CronTask = {
  name: 'messaging.release-deferred',
  run: (deps) => dispatchDueSends({ ...deps, kind: 'deferred' }),
};

/** Cron: provider 5xx, timeouts and expired leases are retried with exponential backoff, bounded attempts. */
export const retrySendsTask: CronTask = {
  name: 'messaging.retry-sends',
  run: (deps) => dispatchDueSends({ ...deps, kind: 'retry' }),
};
