import { z } from 'zod';
import { IdSchema } from '../common';
import { DeliveryStatusSchema, type Delivery } from './delivery';

/**
 * What the Integrations page's live list shows of a delivery, and nothing more: browsers read this
 * copy (tenants/{orgId}/delivery_feed/{deliveryId}) through a Firestore listener, never the delivery
 * itself, whose headers and body stay behind the API. The server writes it beside every change of
 * the delivery's status, in the same batch or transaction.
 */
export const DeliveryFeedEntrySchema = z.object({
  id: IdSchema,
  /** null: the track API. */
  endpointId: z.string().nullable(),
  topic: z.string().nullable(),
  status: DeliveryStatusSchema,
  attempts: z.number().int().nonnegative(),
  lastError: z.string().nullable(),
  receivedAt: z.date(),
  customerIds: z.array(z.string()),
});
export type DeliveryFeedEntry = z.infer<typeof DeliveryFeedEntrySchema>;

/** The fields a browser may read, as firestore.rules and the tests list them. */
export const DELIVERY_FEED_FIELDS = Object.keys(DeliveryFeedEntrySchema.shape).filter((k) => k !== 'id');

export function deliveryFeedEntry(
  d: Pick<Delivery, 'id' | 'endpointId' | 'topic' | 'status' | 'attempts' | 'lastError' | 'receivedAt' | 'customerIds'>,
): DeliveryFeedEntry {
  return {
    id: d.id,
    endpointId: d.endpointId,
    topic: d.topic,
    status: d.status,
    attempts: d.attempts,
    lastError: d.lastError,
    receivedAt: d.receivedAt,
    customerIds: d.customerIds.slice(0, 20),
  };
}
