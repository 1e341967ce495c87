import type { LoyaltyAudit } from '@/domain/loyalty/redemption';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

/** The latest overrides, refused coupon reuses and cancellations, newest first (owners and admins). */
export async function listLoyaltyAudit(ctx: ServiceContext, limit = 100): Promise<LoyaltyAudit[]> {
  const snap = await tenantDb(ctx.orgId).loyaltyAudit.ref.orderBy('at', 'desc').limit(limit).get();
  return snap.docs.map((d) => d.data());
}
