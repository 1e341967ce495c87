import { rolesFor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { RedeemInputSchema, redeemReward } from '@/server/services/loyalty/redeem-reward';
import { getTabletMember } from '@/server/services/loyalty/tablet-member';

// POST /api/loyalty/redemptions: spend a reward's points (PIN or override with a reason) and issue its coupon; idempotent on redemptionId
export const POST = withTenant(
  async (req, ctx) => {
    const r = await redeemReward(ctx, await parseJsonBody(req, RedeemInputSchema));
    const { lotsTaken: _lots, ...redemption } = r.redemption;
    return Response.json(
      { redemption, member: await getTabletMember(ctx, redemption.customerId), duplicate: r.duplicate },
      { status: r.duplicate ? 200 : 201 },
    );
  },
  { roles: rolesFor('loyalty:redeem') },
);
