import { errors } from '@/domain/errors';
import { deliveryFeedEntry } from '@/domain/integrations/delivery-feed';
import { PROCESSING_LEASE_MS } from '@/domain/integrations/retry-policy';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { FollowUp } from '../follow-up';
import { processDelivery, processingLimiter } from '../ingest/process-delivery';

/**
 * Processes a stored delivery again, from its stored raw body. Effects are idempotent and events
 * keep their ids, so replaying a processed delivery changes nothing and dispatches nothing twice;
 * replaying a failed or dead-lettered one (after a fix) completes it. The delivery is leased here;
 * the processing is the returned follow-up (the route runs it after answering, the CLI awaits it).
 */
export async function replayDelivery(ctx: ServiceContext, id: string): Promise<{ id: string; status: 'processing'; followUp: FollowUp }> {
  const deliveries = tenantDb(ctx.orgId).deliveries;
  const now = ctx.clock.now();
  const delivery = await firestore().runTransaction(async (tx) => {
    const d = (await tx.get(deliveries.doc(id))).data();
    if (!d) throw errors.notFound('Delivery', id);
    if (d.status === 'processing' && d.nextAttemptAt && d.nextAttemptAt > now)
      throw errors.conflict('This delivery is being processed right now; try again in a moment.');
    deliveries.updateIn(tx, id, { status: 'processing', nextAttemptAt: new Date(now.getTime() + PROCESSING_LEASE_MS), replayedBy: ctx.actor.uid });
    tx.set(tenantDb(ctx.orgId).deliveryFeed.doc(id), deliveryFeedEntry({ ...d, status: 'processing' }));
    return d;
  });
  ctx.log?.info({ event: 'delivery.replayed', deliveryId: id }, 'delivery replay requested');
  return {
    id,
    status: 'processing',
    followUp: {
      name: 'replay-delivery',
      run: () => processingLimiter().run(() => processDelivery(ctx.orgId, delivery, { by: 'replay', clock: ctx.clock, log: ctx.log })),
    },
  };
}
