import { z } from 'zod';
import { DeliverySchema, DeliveryStatusSchema, type DeliverySummary } from '@/domain/integrations/delivery';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { timestampsToDates } from '../../db/convert';
import { tenantDb } from '../../db/tenant-db';

export const ListDeliveriesQuerySchema = z.object({
  endpointId: z.string().max(128).optional(),
  status: DeliveryStatusSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  /** receivedAt (ISO) of the last delivery on the previous page. */
  before: z.iso.datetime().optional(),
});
export type ListDeliveriesQuery = z.input<typeof ListDeliveriesQuerySchema>;

const SummarySchema = DeliverySchema.omit({ body: true, headers: true, attemptLog: true });
const SUMMARY_FIELDS = Object.keys(SummarySchema.shape).filter((k) => k !== 'id');

/** Recent deliveries, newest first, without bodies (a list should not move megabytes). */
export async function listDeliveries(ctx: ServiceContext, query: ListDeliveriesQuery): Promise<{ deliveries: DeliverySummary[]; nextBefore: string | null }> {
  const q = ListDeliveriesQuerySchema.parse(query);
  const tdb = tenantDb(ctx.orgId);
  let ref = tdb.deliveries.ref.firestore
    .collection(tdb.deliveries.path)
    .select(...SUMMARY_FIELDS)
    .orderBy('receivedAt', 'desc');
  if (q.endpointId) ref = ref.where('endpointId', '==', q.endpointId);
  if (q.status) ref = ref.where('status', '==', q.status);
  if (q.before) ref = ref.where('receivedAt', '<', new Date(q.before));
  const snap = await ref.limit(q.limit + 1).get();
  const rows = snap.docs.map((d) => {
    const parsed = SummarySchema.safeParse({ ...(timestampsToDates(d.data()) as object), id: d.id });
    if (!parsed.success) throw errors.badRequest(`Delivery ${d.id} could not be read.`);
    return parsed.data;
  });
  const page = rows.slice(0, q.limit);
  return { deliveries: page, nextBefore: rows.length > q.limit ? (page.at(-1)?.receivedAt.toISOString() ?? null) : null };
}

/**
 * Which of these deliveries have no live-list copy (stored before delivery_feed existed): the page
 * keeps them on its list, since the browser's listener cannot see them. One batched read.
 */
export async function deliveriesWithoutFeedCopy(ctx: Pick<ServiceContext, 'orgId'>, ids: string[]): Promise<string[]> {
  if (!ids.length) return [];
  const tdb = tenantDb(ctx.orgId);
  const snaps = await tdb.deliveryFeed.ref.firestore.getAll(...ids.map((id) => tdb.deliveryFeed.doc(id)));
  return snaps.filter((s) => !s.exists).map((s) => s.id);
}
