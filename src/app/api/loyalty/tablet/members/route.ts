import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { parseJsonBody, parseSearchParams } from '@/server/http/parse';
import { withTenant } from '@/server/http/with-tenant';
import { SignUpInputSchema } from '@/domain/loyalty/tablet';
import { signUpMember } from '@/server/services/loyalty/sign-up-member';
import { findTabletMembers, getTabletMember } from '@/server/services/loyalty/tablet-member';

const LookupSchema = z.object({ phone: z.string().trim().min(1, 'Enter a phone number').max(40) });

// GET /api/loyalty/tablet/members?phone=: the counter's lookup by phone (points, tier, rewards; no revenue)
export const GET = withTenant(async (req, ctx) => ({ members: await findTabletMembers(ctx, parseSearchParams(req, LookupSchema).phone) }), {
  roles: rolesFor('loyalty:redeem'),
});

// POST /api/loyalty/tablet/members: sign a new member up at the counter, with SMS and email consent recorded as in_store
export const POST = withTenant(
  async (req, ctx) => {
    const { customer } = await signUpMember(ctx, await parseJsonBody(req, SignUpInputSchema));
    return Response.json({ member: await getTabletMember(ctx, customer.id) }, { status: 201 });
  },
  { roles: rolesFor('loyalty:redeem') },
);
