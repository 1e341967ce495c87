import { systemClock } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { clearedCustomerSessionCookie, customerSessionCookie } from '@/server/http/customer-cookie';
import { parseJsonBody } from '@/server/http/parse';
import { signInCheckByAddress, withPublicForm } from '@/server/http/with-public-form';
import { issueCustomerSession } from '@/server/services/loyalty/customer-session';
import { SignInCheckSchema, verifySignInCode } from '@/server/services/loyalty/customer-sign-in';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';

// POST /api/my/{slug}/session: check the one-time code and start the member's session (its own cookie, never a staff session)
export const POST = withPublicForm<{ slug: string }>(
  async (req, ctx, { slug }) => {
    const tenant = await resolveTenantSlug(slug);
    const input = await parseJsonBody(req, SignInCheckSchema, { maxBytes: 4 * 1024 });
    const now = systemClock.now();
    const { customerId } = await verifySignInCode({ orgId: tenant.orgId, actor: systemActor('member_sign_in'), clock: systemClock, log: ctx.log }, input);
    const session = await issueCustomerSession(tenant.orgId, customerId, now);
    return Response.json({ signedIn: true }, { headers: { 'set-cookie': customerSessionCookie(session.token, session.expiresAt, now) } });
  },
  { perAddress: signInCheckByAddress, what: 'sign-in attempts from this address' },
);

// DELETE /api/my/{slug}/session: sign the member out on this device
export const DELETE = withPublicForm<{ slug: string }>(
  async () => Response.json({ signedIn: false }, { headers: { 'set-cookie': clearedCustomerSessionCookie() } }),
  {
    perAddress: signInCheckByAddress,
    what: 'sign-in attempts from this address',
  },
);
