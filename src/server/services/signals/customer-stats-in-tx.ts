import type { Transaction } from 'firebase-admin/firestore';
import { computeCustomerStats } from '@/domain/customer-stats';
import type { Order } from '@/domain/order';
import type { CustomerOrderIndex } from '@/domain/signals/records';
import { tenantDb } from '../../db/tenant-db';

const summary = (o: Order) => ({ status: o.status, totalCents: o.totalCents, refundedCents: o.refundedCents, placedAt: o.placedAt });

/**
 * Reads what recomputing customers' aggregates needs, inside a transaction (all reads come first
 * in a Firestore transaction), and returns a writer that applies them once the caller knows the
 * changed orders. The aggregates are computed by computeCustomerStats from the customer's order
 * index (one entry per order), so a redelivered, reordered or refunded order never counts twice.
 * A customer written before the index existed (the seed, an import) gets it built once from a
 * query of their orders.
 */
export async function prepareStatsRecompute(tx: Transaction, orgId: string, customerIds: Array<string | null | undefined>) {
  const tdb = tenantDb(orgId);
  const ids = [...new Set(customerIds.filter((id): id is string => !!id))];
  const loaded = await Promise.all(
    ids.map(async (id) => {
      const [customer, index] = await Promise.all([tx.get(tdb.customers.doc(id)), tx.get(tdb.customerOrderIndex.doc(id))]);
      let orders = index.data()?.orders;
      if (customer.exists && !orders) {
        const snap = await tx.get(tdb.orders.ref.where('customerId', '==', id));
        orders = Object.fromEntries(snap.docs.map((d) => [d.id, summary(d.data())]));
      }
      return { id, exists: customer.exists, orders: { ...(orders ?? {}) } };
    }),
  );
  return (changed: Order[], now: Date) => {
    for (const c of loaded) {
      if (!c.exists) continue;
      for (const o of changed) {
        if (o.customerId === c.id) c.orders[o.id] = summary(o);
        else delete c.orders[o.id];
      }
      const index: CustomerOrderIndex = { id: c.id, orders: c.orders, updatedAt: now };
      tx.set(tdb.customerOrderIndex.doc(c.id), index);
      tdb.customers.updateIn(tx, c.id, { ...computeCustomerStats(Object.values(c.orders)), updatedAt: now });
    }
  };
}
