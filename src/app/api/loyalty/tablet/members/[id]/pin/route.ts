import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { requestPin } from '@/server/services/loyalty/request-pin';

// POST /api/loyalty/tablet/members/[id]/pin: text the member a one-time PIN that confirms a redemption (10 minutes, 5 tries)
export const POST = withTenant<{ id: string }>(async (_req, ctx, { id }) => requestPin(ctx, id), { roles: rolesFor('loyalty:redeem') });
