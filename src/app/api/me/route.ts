import { ALL_ROLES } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getTenantOrThrow } from '@/server/services/tenants/get-tenant';

// GET /api/me: who is signed in, with which role, in which dispensary
export const GET = withTenant(
  async (_req, ctx) => {
    const tenant = await getTenantOrThrow(ctx);
    return {
      user: { uid: ctx.actor.uid, email: ctx.actor.email, role: ctx.actor.role },
      tenant: { id: tenant.id, name: tenant.name, timeZone: tenant.timeZone },
    };
  },
  { roles: ALL_ROLES },
);
