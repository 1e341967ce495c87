import { systemClock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import { readCookie } from '@/server/auth/session';
import { customerReadByAddress, withPublicForm } from '@/server/http/with-public-form';
import { CUSTOMER_SESSION_COOKIE, readCustomerSession } from '@/server/services/loyalty/customer-session';
import { getMyLoyalty } from '@/server/services/loyalty/get-my-loyalty';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';

// GET /api/my/{slug}: the signed-in member's own points, tier, history, rewards and referral link (member session only; 401 otherwise)
export const GET = withPublicForm<{ slug: string }>(
  async (req, _ctx, { slug }) => {
    const tenant = await resolveTenantSlug(slug);
    const now = systemClock.now();
    const session = await readCustomerSession(readCookie(req.headers.get('cookie'), CUSTOMER_SESSION_COOKIE), tenant.orgId, now);
    if (!session) throw errors.unauthenticated('Sign in with a code to see your points.');
    return { loyalty: await getMyLoyalty({ orgId: tenant.orgId, clock: systemClock }, session.customerId, tenant.slug) };
  },
  { perAddress: customerReadByAddress, what: 'requests from this address' },
);
