import { customerDisplayName, type Customer } from '@/domain/customer';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/** Display names for a page of sends (one batched read, never one per row). */
export async function customerNames(ctx: Pick<ServiceContext, 'orgId'>, ids: string[]): Promise<Record<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return {};
  const db = tenantDb(ctx.orgId);
  const snaps = await firestore().getAll(...unique.map((id) => db.customers.doc(id)));
  const out: Record<string, string> = {};
  for (const s of snaps) {
    // The refs carry the validating converter; getAll's typing just does not say so.
    const c = s.data() as Customer | undefined;
    if (c) out[s.id] = customerDisplayName(c);
  }
  return out;
}
