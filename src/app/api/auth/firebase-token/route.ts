import { ALL_ROLES } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { mintBrowserToken } from '@/server/services/auth/mint-browser-token';

// POST /api/auth/firebase-token: a custom token for the signed-in staff member's browser SDK (live notifications)
export const POST = withTenant(async (_req, ctx) => mintBrowserToken({ orgId: ctx.orgId, actor: ctx.actor }), { roles: ALL_ROLES });
