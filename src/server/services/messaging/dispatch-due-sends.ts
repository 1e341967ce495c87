import type { Query } from 'firebase-admin/firestore';
import { SendSchema } from '@/domain/messaging/send';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { modelConverter } from '../../db/typed-collection';
import { dispatchDueSend, prepareSendPage } from './claim-due-send';

const PAGE = 500;
/** Sends delivered at once by one tick (provider calls in flight per instance). */
export const SEND_DISPATCH_CONCURRENCY = 32;

export type DueKind = 'deferred' | 'retry';

/**
 * Finds sends whose time has come and delivers them: deferred sends at their quiet-hours
 * opening ('deferred'), and queued retries plus sends whose worker's lease ran out ('retry').
 * Across all tenants for the cron tick; one tenant when `orgId` is given (tests, tools). A page's
 * runs, playbooks and customers are read at once, and each send is claimed with one write
 * conditional on the copy the query returned (claim-due-send.ts): no read per send.
 */
export async function dispatchDueSends(deps: CronDeps & { kind: DueKind; orgId?: string }): Promise<Record<string, number>> {
  const report = await workDue(deps, {
    collection: 'sends',
    outcomes: ['sent', 'retryLater', 'failed', 'skipped', 'cancelled', 'notOurs'] as const,
    pageSize: PAGE,
    concurrency: SEND_DISPATCH_CONCURRENCY,
    due: (sends: Query, now) => {
      const typed = sends.withConverter(modelConverter(SendSchema, 'sends'));
      return (deps.kind === 'deferred' ? typed.where('status', '==', 'deferred') : typed.where('status', 'in', ['queued', 'sending']))
        .where('dueAt', '<=', now)
        .orderBy('dueAt');
    },
    preparePage: prepareSendPage,
    // Every claim is conditional on the send itself, so a page's documents may be read ahead.
    prepareAhead: true,
    work: (doc, orgId, page) => dispatchDueSend({ orgId, clock: deps.clock, log: deps.log }, doc, page),
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
