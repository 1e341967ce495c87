import type { Customer } from '@/domain/customer';
import type { Order } from '@/domain/order';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** Reads one of this tenant's customers; another tenant's id is simply not found. */
export function getCustomerOrThrow(ctx: ServiceContext, customerId: string): Promise<Customer> {
  return tenantDb(ctx.orgId).customers.getOrThrow(customerId);
}

export async function listCustomerOrders(ctx: ServiceContext, customerId: string, limit = 20): Promise<Order[]> {
  const snap = await tenantDb(ctx.orgId).orders.ref.where('customerId', '==', customerId).orderBy('placedAt', 'desc').limit(limit).get();
  return snap.docs.map((d) => d.data());
}
