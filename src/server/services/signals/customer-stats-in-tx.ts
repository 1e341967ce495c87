import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { adjustStats, withBoundaries } from '@/domain/customer-stats';
import { orderCounts, type Order } from '@/domain/order';
import { tenantDb } from '../../db/tenant-db';

export interface OrderChange {
  /** The order as stored before this transaction (null: new). */
  before: Order | null;
  after: Order;
}

const PAGE = 20;

/**
 * Moves each customer's aggregates by what the changed orders changed, inside the caller's
 * transaction. The stored order says what it contributed before and the new one what it
 * contributes now, so nothing reads the customer's other orders and the cost is the same for a
 * customer's first order and their twenty-thousandth (computeCustomerStats stays the definition:
 * the result equals it over all their orders). Only when the order holding the first or last
 * order date stops counting or moves inward is the next one looked up: one page of an indexed
 * query, in the transaction. `customers` are the profiles already read in it; returns them updated.
 */
export async function adjustCustomerStatsInTx(tx: Transaction, orgId: string, customers: Customer[], changes: OrderChange[], now: Date): Promise<Customer[]> {
  const out: Customer[] = [];
  for (const customer of customers) {
    let stats = {
      lifetimeValueCents: customer.lifetimeValueCents,
      orderCount: customer.orderCount,
      avgOrderValueCents: customer.avgOrderValueCents,
      firstOrderAt: customer.firstOrderAt,
      lastOrderAt: customer.lastOrderAt,
    };
    let touched = false;
    for (const { before, after } of changes) {
      const was = before?.customerId === customer.id ? before : null;
      const is = after.customerId === customer.id ? after : null;
      if (!was && !is) continue;
      touched = true;
      const adjusted = adjustStats(stats, was, is);
      stats = adjusted.stats;
      if (adjusted.lookups.first || adjusted.lookups.last) {
        const exclude = new Set(changes.map((c) => c.after.id));
        const [nextFirst, nextLast] = await Promise.all([
          adjusted.lookups.first ? nextCountingOrder(tx, orgId, customer.id, exclude, 'asc') : undefined,
          adjusted.lookups.last ? nextCountingOrder(tx, orgId, customer.id, exclude, 'desc') : undefined,
        ]);
        stats = withBoundaries(stats, adjusted.lookups, { nextFirst, nextLast }, is);
      }
    }
    out.push(touched ? { ...customer, ...stats, updatedAt: now } : customer);
  }
  return out;
}

/** The placedAt of the customer's earliest (asc) or latest (desc) counting order, other than `exclude`. */
async function nextCountingOrder(tx: Transaction, orgId: string, customerId: string, exclude: Set<string>, direction: 'asc' | 'desc'): Promise<Date | null> {
  let query = tenantDb(orgId).orders.ref.where('customerId', '==', customerId).orderBy('placedAt', direction).limit(PAGE);
  for (;;) {
    const snap = await tx.get(query);
    for (const doc of snap.docs) {
      const o = doc.data();
      if (!exclude.has(doc.id) && orderCounts(o)) return o.placedAt;
    }
    if (snap.size < PAGE) return null;
    query = query.startAfter(snap.docs.at(-1)!);
  }
}
