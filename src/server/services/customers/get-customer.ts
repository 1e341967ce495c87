import type { Customer } from '@/domain/customer';
import type { Order } from '@/domain/order';
import { customerViewFor, type CustomerView } from '@/domain/views/customer-view';
import { orderViewFor, type OrderView } from '@/domain/views/order-view';
import { viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** Reads one of this tenant's customers; another tenant's id is simply not found. Full data: for services, not for answers. */
export function getCustomerOrThrow(ctx: ServiceContext, customerId: string): Promise<Customer> {
  return tenantDb(ctx.orgId).customers.getOrThrow(customerId);
}

export async function listCustomerOrders(ctx: ServiceContext, customerId: string, limit = 20): Promise<Order[]> {
  const snap = await tenantDb(ctx.orgId).orders.ref.where('customerId', '==', customerId).orderBy('placedAt', 'desc').limit(limit).get();
  return snap.docs.map((d) => d.data());
}

export interface CustomerProfile {
  customer: CustomerView;
  orders: OrderView[];
}

/** A customer and their recent orders as the caller's role may see them (budtenders: no amounts). */
export async function getCustomerProfile(ctx: ServiceContext, customerId: string): Promise<CustomerProfile> {
  const viewer = viewerOf(ctx.actor);
  const [customer, orders] = await Promise.all([getCustomerOrThrow(ctx, customerId), listCustomerOrders(ctx, customerId)]);
  return { customer: customerViewFor(viewer, customer), orders: orders.map((o) => orderViewFor(viewer, o)) };
}
