import type { Customer } from '@/domain/customer';
import type { ServiceContext } from '../../../context';
import { tenantsCollection } from '../../../db/tenant-db';
import { resolveMessageZone } from '../../messaging/message-zone';

/** The zone a run's local times follow: the customer's, else their store's, else the dispensary's. */
export async function runTimeZone(ctx: ServiceContext, customer: Pick<Customer, 'timeZone' | 'homeLocationId'> | null): Promise<string> {
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  if (!customer) return tenant.timeZone;
  return (await resolveMessageZone(ctx.orgId, customer, tenant)).timeZone;
}
