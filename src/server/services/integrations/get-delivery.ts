import type { Delivery } from '@/domain/integrations/delivery';
import type { StoredEvent } from '@/domain/events/stored-event';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { loadDeliveryBody } from '../ingest/store-delivery';
import { customerNames } from '../messaging/customer-names';

export interface DeliveryDetail {
  delivery: Omit<Delivery, 'body'>;
  /** The raw body as text (bodies are UTF-8 JSON; anything else is shown with replacement characters). */
  bodyText: string;
  events: Array<Pick<StoredEvent, 'id' | 'name' | 'customerId' | 'occurredAt' | 'dispatchedAt'>>;
  /** Display names of the customers the events name (one batched read), so the page links names, not ids. */
  customerNames: Record<string, string>;
}

/** One delivery with everything an admin needs to judge it: payload, headers, attempts, events. */
export async function getDelivery(ctx: ServiceContext, id: string): Promise<DeliveryDetail> {
  const tdb = tenantDb(ctx.orgId);
  const delivery = await tdb.deliveries.getOrThrow(id);
  const [body, eventSnaps] = await Promise.all([
    loadDeliveryBody(ctx.orgId, delivery),
    delivery.eventIds.length ? tdb.events.ref.firestore.getAll(...delivery.eventIds.slice(0, 100).map((e) => tdb.events.doc(e))) : Promise.resolve([]),
  ]);
  const { body: _b, ...rest } = delivery;
  const events = eventSnaps.flatMap((s) => {
    const e = s.data() as StoredEvent | undefined;
    return e ? [{ id: e.id, name: e.name, customerId: e.customerId, occurredAt: e.occurredAt, dispatchedAt: e.dispatchedAt }] : [];
  });
  const names = await customerNames(ctx, [...events.flatMap((e) => (e.customerId ? [e.customerId] : [])), ...delivery.customerIds]);
  return { delivery: rest, bodyText: body.toString('utf8'), events, customerNames: names };
}
