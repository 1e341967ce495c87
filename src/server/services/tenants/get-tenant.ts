import type { Tenant } from '@/domain/tenant';
import type { ServiceContext } from '../../context';
import { tenantsCollection } from '../../db/tenant-db';

export function getTenantOrThrow(ctx: Pick<ServiceContext, 'orgId'>): Promise<Tenant> {
  return tenantsCollection().getOrThrow(ctx.orgId);
}
