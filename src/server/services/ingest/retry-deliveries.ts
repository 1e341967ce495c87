import type { Query } from 'firebase-admin/firestore';
import { FINAL_STATUSES, type Delivery } from '@/domain/integrations/delivery';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { modelConverter } from '../../db/typed-collection';
import { DeliverySchema } from '@/domain/integrations/delivery';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { processDelivery } from './process-delivery';

const BATCH = 100;
const PARALLEL = 8;

/**
 * The tick's retry function. One query finds every delivery due for another look: failed ones
 * whose backoff has passed, and received or processing ones whose worker never finished (an
 * instance that died after acknowledging). Each is claimed with a lease in a transaction, so
 * concurrent ticks never process one twice at the same time.
 */
export const retryDeliveriesTask: CronTask = {
  name: 'signals.retry-deliveries',
  run: (deps) => retryDueDeliveries(deps),
};

/** The same work, optionally for one tenant only (the admin CLI and tests use that). */
export async function retryDueDeliveries({ clock, log, deadline, orgId: only }: CronDeps & { orgId?: string }) {
  const now = clock.now();
  const source: Query = only ? firestore().collection(`tenants/${only}/webhook_deliveries`) : firestore().collectionGroup('webhook_deliveries');
  const snap = await source
    .withConverter(modelConverter(DeliverySchema, 'webhook_deliveries'))
    .where('nextAttemptAt', '<=', now)
    .orderBy('nextAttemptAt', 'asc')
    .limit(BATCH)
    .get();
  const report = { due: snap.size, claimed: 0, processed: 0, failed: 0, deadLettered: 0, ignored: 0 };
  const queue = [...snap.docs];
  const worker = async () => {
    for (let doc = queue.shift(); doc && Date.now() < deadline; doc = queue.shift()) {
      const tenant = doc.ref.parent.parent;
      if (!tenant || tenant.parent.id !== 'tenants') continue;
      const orgId = tenant.id;
      const claimed = await firestore().runTransaction(async (tx) => {
        const d = (await tx.get(doc.ref)).data();
        const t = clock.now();
        if (!d || FINAL_STATUSES.includes(d.status) || !d.nextAttemptAt || d.nextAttemptAt > t) return null;
        tx.update(doc.ref, { status: 'processing', nextAttemptAt: new Date(t.getTime() + PROCESSING_LEASE_MS) });
        tx.set(tenantDb(orgId).deliveryFeed.doc(d.id), deliveryFeedEntry({ ...d, status: 'processing' }));
        return d;
      });
      if (!claimed) continue;
      report.claimed += 1;
      const outcome = await processDelivery(orgId, claimed as Delivery, { by: 'retry', clock, log });
      if (outcome.status === 'processed') report.processed += 1;
      else if (outcome.status === 'dead_letter') report.deadLettered += 1;
      else if (outcome.status === 'ignored') report.ignored += 1;
      else report.failed += 1;
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return report;
}
