import type { Query } from 'firebase-admin/firestore';
import type { Send } from '@/domain/messaging/send';
import { systemActor } from '@/domain/roles';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { dispatchSend } from './dispatch-send';

const PAGE = 200;
/** Sends delivered at once by one tick (provider calls in flight per instance). */
export const SEND_DISPATCH_CONCURRENCY = 32;

export type DueKind = 'deferred' | 'retry';

/**
 * Finds sends whose time has come and delivers them: deferred sends at their quiet-hours
 * opening ('deferred'), and queued retries plus sends whose worker's lease ran out ('retry').
 * Across all tenants for the cron tick; one tenant when `orgId` is given (tests, tools). Each
 * page's documents carry what the dispatch check reads with the send (its run, playbook and
 * customer), so a send is claimed in one read and one commit.
 */
export async function dispatchDueSends(deps: CronDeps & { kind: DueKind; orgId?: string }): Promise<Record<string, number>> {
  const report = await workDue(deps, {
    collection: 'sends',
    outcomes: ['sent', 'retryLater', 'failed', 'skipped', 'cancelled', 'notOurs'] as const,
    pageSize: PAGE,
    concurrency: SEND_DISPATCH_CONCURRENCY,
    due: (sends: Query, now) =>
      (deps.kind === 'deferred' ? sends.where('status', '==', 'deferred') : sends.where('status', 'in', ['queued', 'sending']))
        .where('dueAt', '<=', now)
        .orderBy('dueAt'),
    async work(doc, orgId) {
      const ctx = { orgId, clock: deps.clock, log: deps.log, actor: systemActor('messaging-tick') };
      const known = doc.data() as Pick<Send, 'source' | 'customerId'>;
      const result = await dispatchSend(ctx, doc.id, known.source && known.customerId ? known : undefined);
      if (!result) return 'notOurs';
      if (result.status === 'skipped') return 'skipped';
      if (result.status === 'cancelled') return 'cancelled';
      if (result.status === 'failed') return 'failed';
      if (result.status === 'queued') return 'retryLater';
      return 'sent';
    },
  });
  // A send that threw stays due: it is retried by the next tick.
  const { errors, ...rest } = report;
  return { ...rest, retryLater: rest.retryLater + errors };
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
