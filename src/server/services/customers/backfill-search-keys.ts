import { FieldPath, type DocumentSnapshot, type Query } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { searchKeysOf } from '@/domain/crm/search-keys';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

const PAGE = 300;

/**
 * Gives every profile the search keys its name, phone, email and external ids call for: a one-off
 * for customers written before search keys existed (docs/crm.md, Search). It reads the collection
 * in pages, by id, and writes only the profiles whose keys differ, each on condition that it is
 * unchanged since it was read: a profile written meanwhile got its keys from that write.
 */
export async function backfillSearchKeys(ctx: Pick<ServiceContext, 'orgId'>): Promise<{ read: number; updated: number; skipped: number }> {
  const customers = tenantDb(ctx.orgId).customers;
  let read = 0;
  let updated = 0;
  let skipped = 0;
  let last: DocumentSnapshot | undefined;
  for (;;) {
    let q: Query<Customer> = customers.ref.orderBy(FieldPath.documentId()).limit(PAGE);
    if (last) q = q.startAfter(last);
    const snap = await q.get();
    if (snap.empty) break;
    read += snap.size;
    const writer = firestore().bulkWriter();
    writer.onWriteError(() => false);
    const writes = snap.docs.flatMap((d) => {
      const keys = searchKeysOf(d.data());
      if (JSON.stringify(keys) === JSON.stringify(d.data().searchKeys ?? null)) return [];
      return [
        writer.update(d.ref, customers.patch(d.id, { searchKeys: keys }), { lastUpdateTime: d.updateTime }).then(
          () => updated++,
          () => skipped++,
        ),
      ];
    });
    await writer.close();
    await Promise.all(writes);
    last = snap.docs.at(-1);
    if (snap.size < PAGE) break;
  }
  return { read, updated, skipped };
}
