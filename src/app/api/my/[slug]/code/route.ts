import { systemClock } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { signInCodeByAddress, withPublicForm } from '@/server/http/with-public-form';
import { requestSignInCode, SignInRequestSchema } from '@/server/services/loyalty/customer-sign-in';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';

// POST /api/my/{slug}/code: send a member a one-time sign-in code by text or email (public; the same answer for anyone; limited per address and identifier)
export const POST = withPublicForm<{ slug: string }>(
  async (req, ctx, { slug }) => {
    const tenant = await resolveTenantSlug(slug);
    const input = await parseJsonBody(req, SignInRequestSchema, { maxBytes: 4 * 1024 });
    await requestSignInCode({ orgId: tenant.orgId, actor: systemActor('member_sign_in'), clock: systemClock, log: ctx.log }, input);
    return { sent: true, message: 'If that belongs to a member, a 6-digit code is on its way. It expires in 10 minutes.' };
  },
  { perAddress: signInCodeByAddress, what: 'code requests from this address' },
);
