import { rolesFor } from '@/domain/roles';
import { withTenant } from '@/server/http/with-tenant';
import { cancelRedemption } from '@/server/services/loyalty/cancel-redemption';
import { getTabletMember } from '@/server/services/loyalty/tablet-member';

// POST /api/loyalty/redemptions/[id]/cancel: void an unused coupon and give its points back (once)
export const POST = withTenant<{ id: string }>(
  async (_req, ctx, { id }) => {
    const r = await cancelRedemption(ctx, id);
    const { lotsTaken: _lots, ...redemption } = r.redemption;
    return { redemption, member: await getTabletMember(ctx, redemption.customerId), duplicate: r.duplicate };
  },
  { roles: rolesFor('loyalty:redeem') },
);
