import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { getTabletMember } from '@/server/services/loyalty/tablet-member';

// GET /api/loyalty/tablet/members/[id]: one member as the counter sees them, after a redemption or a cancel
export const GET = withTenant<{ id: string }>(async (_req, ctx, { id }) => ({ member: await getTabletMember(ctx, id) }), {
  roles: rolesFor('loyalty:redeem'),
});
