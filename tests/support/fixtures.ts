import { randomUUID } from 'node:crypto';
import { newCustomer, type Customer } from '@/domain/customer';
import { tenantDb } from '@/server/db/tenant-db';

/** A valid customer model with sensible defaults. */
export function customerModel(over: Partial<Customer> = {}, now = new Date()): Customer {
  const base = newCustomer(
    {
      id: `cus_${randomUUID().slice(0, 12)}`,
      firstName: over.firstName ?? 'Test',
      lastName: over.lastName ?? 'Customer',
      email: null,
      phone: null,
      dateOfBirth: '1990-01-01',
      tags: [],
      externalIds: [],
      consent: { email: { status: 'opted_in', source: 'test', at: now }, sms: { status: 'opted_in', source: 'test', at: now } },
      source: 'manual',
    },
    now,
  );
  return { ...base, ...over };
}

/** Writes a customer with sensible defaults; returns its id. */
export async function seedCustomer(orgId: string, over: Partial<Customer> = {}): Promise<string> {
  const model = customerModel(over);
  await tenantDb(orgId).customers.create(model);
  return model.id;
}
