import { customerDisplayName, type Customer } from '@/domain/customer';
import type { Playbook } from '@/domain/playbooks/playbook';
import type { StaffMember } from '@/domain/staff';
import type { StaffTask } from '@/domain/task';
import { isOverdue, type TaskView } from '@/domain/task-rules';
import type { DocumentReference } from 'firebase-admin/firestore';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/** Reads each referenced document once for the whole page; the refs carry the validating converter. */
async function byId<T>(ids: Array<string | null | undefined>, ref: (id: string) => DocumentReference<T>): Promise<Map<string, T>> {
  const unique = [...new Set(ids.filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const snaps = await firestore().getAll(...(unique.map(ref) as DocumentReference[]));
  const out = new Map<string, T>();
  for (const s of snaps) {
    const data = s.data() as T | undefined;
    if (data) out.set(s.id, data);
  }
  return out;
}

/**
 * Adds the names a person needs to act on a page of tasks: the customer, the playbook that made
 * it, and the staff who wrote or finished it. A deleted customer or playbook leaves its name null.
 */
export async function toTaskViews(ctx: ServiceContext, tasks: StaffTask[]): Promise<TaskView[]> {
  const tdb = tenantDb(ctx.orgId);
  const [customers, playbooks, staff] = await Promise.all([
    byId<Customer>(
      tasks.map((t) => t.customerId),
      (id) => tdb.customers.doc(id),
    ),
    byId<Playbook>(
      tasks.map((t) => t.source.playbookId),
      (id) => tdb.playbooks.doc(id),
    ),
    byId<StaffMember>(
      tasks.flatMap((t) => [t.completedBy, t.createdBy]).filter((uid) => uid && !uid.startsWith('system:')),
      (id) => tdb.staff.doc(id),
    ),
  ]);
  const now = ctx.clock.now();
  const staffName = (uid: string | null | undefined) => (uid ? (staff.get(uid)?.displayName ?? null) : null);
  return tasks.map((t) => {
    const customer = t.customerId ? customers.get(t.customerId) : undefined;
    return {
      ...t,
      customerName: customer ? customerDisplayName(customer) : null,
      playbookName: t.source.playbookId ? (playbooks.get(t.source.playbookId)?.name ?? null) : null,
      completedByName: staffName(t.completedBy),
      createdByName: staffName(t.createdBy),
      overdue: isOverdue(t, now),
    };
  });
}
