import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { ServiceContext } from '../../context';
import { isAlreadyExists } from '../../db/typed-collection';
import { tenantDb } from '../../db/tenant-db';

/** Stores a processed event once; the same event id again (a redelivery) is not an error. */
export async function recordEvent(ctx: ServiceContext, event: CanonicalEvent, deliveryId: string | null): Promise<boolean> {
  const events = tenantDb(ctx.orgId).events;
  try {
    await events.ref.doc(event.id).create(events.parse({ ...event, deliveryId, processedAt: ctx.clock.now(), dispatchedAt: null }));
    return true;
  } catch (err) {
    if (isAlreadyExists(err)) return false;
    throw err;
  }
}
