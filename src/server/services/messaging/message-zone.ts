import type { Customer } from '@/domain/customer';
import type { Tenant } from '@/domain/tenant';
import { tenantDb } from '../../db/tenant-db';

export interface MessageZone {
  timeZone: string;
  from: 'customer' | 'location' | 'tenant';
}

/** Quiet hours follow the customer: their own zone, else their home store's, else the dispensary's. */
export async function resolveMessageZone(
  orgId: string,
  customer: Pick<Customer, 'timeZone' | 'homeLocationId'>,
  tenant: Pick<Tenant, 'timeZone'>,
): Promise<MessageZone> {
  if (customer.timeZone) return { timeZone: customer.timeZone, from: 'customer' };
  if (customer.homeLocationId) {
    const location = await tenantDb(orgId).locations.get(customer.homeLocationId);
    if (location) return { timeZone: location.timeZone, from: 'location' };
  }
  return { timeZone: tenant.timeZone, from: 'tenant' };
}
