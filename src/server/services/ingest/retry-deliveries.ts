import { FINAL_STATUSES, DeliverySchema, type Delivery } from '@/domain/integrations/delivery';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { isFailedPrecondition, modelConverter } from '../../db/typed-collection';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { processDelivery } from './process-delivery';

const PAGE = 100;
/** Deliveries one tick processes at once. */
export const RETRY_CONCURRENCY = 8;

/**
 * The tick's retry function. One query finds every delivery due for another look: failed ones
 * whose backoff has passed, and received or processing ones whose worker never finished (an
 * instance that died after acknowledging). Each is claimed with a lease, a write conditional on
 * the copy the query returned, so concurrent ticks never process one twice at the same time.
 */
export const retryDeliveriesTask: CronTask = {
  name: 'signals.retry-deliveries',
  run: (deps) => retryDueDeliveries(deps),
};

/** The same work, optionally for one tenant only (the admin CLI and tests use that). */
export async function retryDueDeliveries(deps: CronDeps & { orgId?: string }) {
  const { clock, log } = deps;
  const report = await workDue(deps, {
    collection: 'webhook_deliveries',
    outcomes: ['processed', 'failed', 'deadLettered', 'ignored'] as const,
    pageSize: PAGE,
    concurrency: RETRY_CONCURRENCY,
    due: (deliveries, now) =>
      deliveries.withConverter(modelConverter(DeliverySchema, 'webhook_deliveries')).where('nextAttemptAt', '<=', now).orderBy('nextAttemptAt', 'asc'),
    async work(doc, orgId) {
      const d = doc.data() as Delivery;
      const t = clock.now();
      if (FINAL_STATUSES.includes(d.status) || !d.nextAttemptAt || d.nextAttemptAt > t) return null;
      try {
        // The claim is conditional on the copy the query returned; the live list's copy changes with it.
        const batch = firestore().batch();
        batch.update(doc.ref, { status: 'processing', nextAttemptAt: new Date(t.getTime() + PROCESSING_LEASE_MS) }, { lastUpdateTime: doc.updateTime });
        batch.set(tenantDb(orgId).deliveryFeed.doc(d.id), deliveryFeedEntry({ ...d, status: 'processing' }));
        await batch.commit();
      } catch (err) {
        // Someone else claimed or finished it since the query.
        if (isFailedPrecondition(err)) return null;
        throw err;
      }
      const outcome = await processDelivery(orgId, d, { by: 'retry', clock, log });
      if (outcome.status === 'processed') return 'processed';
      if (outcome.status === 'dead_letter') return 'deadLettered';
      if (outcome.status === 'ignored') return 'ignored';
      return 'failed';
    },
  });
  const claimed = report.processed + report.failed + report.deadLettered + report.ignored;
  return {
    due: report.due,
    claimed,
    processed: report.processed,
    failed: report.failed + report.errors,
    deadLettered: report.deadLettered,
    ignored: report.ignored,
    leftForNextTick: report.leftForNextTick,
  };
}
