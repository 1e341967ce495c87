import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { listLoyaltyAudit } from '@/server/services/loyalty/list-loyalty-audit';

// GET /api/loyalty/audit: PIN overrides, refused coupon reuses and cancellations, newest first (owners and admins)
export const GET = withTenant(async (_req, ctx) => ({ entries: await listLoyaltyAudit(ctx) }), { roles: rolesFor('loyalty:audit') });
