import { z } from 'zod';
import { RunStatusSchema } from '@/domain/playbooks/run';
import { runViewFor, type RunView } from '@/domain/views/run-view';
import { viewerOf } from '@/domain/views/viewer';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

export const ListRunsQuerySchema = z.object({
  status: RunStatusSchema.optional(),
  customerId: z.string().min(1).max(128).optional(),
  cursor: z.string().max(300).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListRunsQuery = z.input<typeof ListRunsQuerySchema>;

/** The execution log, newest first, for one playbook or one customer, optionally by status, as the caller's role may see it. */
export async function listRuns(
  ctx: ServiceContext,
  scope: { playbookId?: string; customerId?: string },
  raw: ListRunsQuery,
): Promise<{ runs: RunView[]; nextCursor: string | null }> {
  const query = ListRunsQuerySchema.parse(raw);
  const runs = tenantDb(ctx.orgId).runs;
  let q = runs.ref.orderBy('startedAt', 'desc');
  if (scope.playbookId) q = q.where('playbookId', '==', scope.playbookId);
  const customerId = scope.customerId ?? query.customerId;
  if (customerId) q = q.where('customerId', '==', customerId);
  if (query.status) q = q.where('status', '==', query.status);
  if (query.cursor) {
    const after = await runs.ref.doc(query.cursor).get();
    if (!after.exists) throw errors.badRequest('The page cursor is not valid; start from the first page.');
    q = q.startAfter(after);
  }
  const snap = await q.limit(query.limit + 1).get();
  const list = snap.docs.map((d) => d.data());
  const more = list.length > query.limit;
  const viewer = viewerOf(ctx.actor);
  return { runs: list.slice(0, query.limit).map((r) => runViewFor(viewer, r)), nextCursor: more ? (list[query.limit - 1]?.id ?? null) : null };
}
