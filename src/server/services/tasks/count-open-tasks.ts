import { visibleAssignRole } from '@/domain/task-rules';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/**
 * Open tasks the actor would see in the inbox, for the navigation badge. A count aggregation:
 * one billed read per thousand tasks, no documents transferred.
 */
export async function countOpenTasks(ctx: ServiceContext): Promise<number> {
  const role = ctx.actor.role ? visibleAssignRole(ctx.actor.role, undefined) : null;
  let q = tenantDb(ctx.orgId).tasks.ref.where('status', '==', 'open');
  if (role) q = q.where('assignRole', '==', role);
  const snap = await q.count().get();
  return snap.data().count;
}
