import { randomUUID } from 'node:crypto';
import type { Customer } from '@/domain/customer';
import { searchNameOf } from '@/domain/customer';
import { tenantDb } from '@/server/db/tenant-db';

/** A valid customer model with sensible defaults. */
export function customerModel(over: Partial<Customer> = {}, now = new Date()): Customer {
  const firstName = over.firstName ?? 'Test';
  const lastName = over.lastName ?? 'Customer';
  return {
    id: `cus_${randomUUID().slice(0, 12)}`,
    firstName,
    lastName,
    email: null,
    phone: null,
    dateOfBirth: '1990-01-01',
    timeZone: null,
    homeLocationId: null,
    searchName: searchNameOf(firstName, lastName),
    tags: [],
    externalIds: [],
    consent: { email: { status: 'opted_in', source: 'test', at: now }, sms: { status: 'opted_in', source: 'test', at: now } },
    lifetimeValueCents: 0,
    orderCount: 0,
    avgOrderValueCents: 0,
    firstOrderAt: null,
    lastOrderAt: null,
    pointsBalance: 0,
    segment: null,
    source: 'manual',
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}

/** Writes a customer with sensible defaults; returns its id. */
export async function seedCustomer(orgId: string, over: Partial<Customer> = {}): Promise<string> {
  const model = customerModel(over);
  await tenantDb(orgId).customers.create(model);
  return model.id;
}
