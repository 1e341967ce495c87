import { IdSchema } from '@/domain/common';
import { CustomerSchema } from '@/domain/customer';
import { LocationSchema } from '@/domain/location';
import { OrderSchema } from '@/domain/order';
import { ProductSchema } from '@/domain/product';
import { StaffMemberSchema } from '@/domain/staff';
import { TenantSchema } from '@/domain/tenant';
import { AppError } from '@/domain/errors';
import { firestore } from './firestore';
import { TypedCollection, type ModelSchema } from './typed-collection';

/** The root collection of tenants; each tenant's data lives only under tenants/{orgId}/... */
export function tenantsCollection() {
  return new TypedCollection(firestore(), 'tenants', TenantSchema, 'Dispensary');
}

/**
 * Typed, validated accessors for one tenant. Every path starts with tenants/{orgId}, so no
 * query built from here can read or write another tenant's documents.
 */
export function tenantDb(orgId: string) {
  if (!IdSchema.safeParse(orgId).success) throw new AppError('bad_request', 'Invalid tenant id.');
  const db = firestore();
  const base = `tenants/${orgId}`;
  const col = <S extends ModelSchema>(name: string, schema: S, label: string) => new TypedCollection(db, `${base}/${name}`, schema, label);
  return {
    orgId,
    base,
    tenantRef: tenantsCollection().doc(orgId),
    customers: col('customers', CustomerSchema, 'Customer'),
    orders: col('orders', OrderSchema, 'Order'),
    products: col('products', ProductSchema, 'Product'),
    locations: col('locations', LocationSchema, 'Location'),
    staff: col('staff', StaffMemberSchema, 'Staff member'),
    // -- behavioural signals (endpoints, deliveries, events, notifications) --
    // -- messaging (sends, templates, inbound messages) --
  };
}

export type TenantDb = ReturnType<typeof tenantDb>;
