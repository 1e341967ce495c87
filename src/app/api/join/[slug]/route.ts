import { systemClock } from '@/domain/clock';
import { normalizePhone } from '@/domain/phone';
import { systemActor } from '@/domain/roles';
import { parseJsonBody } from '@/server/http/parse';
import { joinByAddress, joinByPhone, takeAttempt, withPublicForm } from '@/server/http/with-public-form';
import { joinLoyalty } from '@/server/services/loyalty/join-loyalty';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';
import { z } from 'zod';

// POST /api/join/{slug}: a customer joins the loyalty programme from the join page (public; bot checks, limits per address and phone)
export const POST = withPublicForm<{ slug: string }>(
  async (req, ctx, { slug }) => {
    const tenant = await resolveTenantSlug(slug);
    const body = await parseJsonBody(req, z.record(z.string(), z.unknown()), { maxBytes: 16 * 1024 });
    const phone = normalizePhone(typeof body.phone === 'string' ? body.phone : null);
    if (phone) takeAttempt(joinByPhone, `${tenant.orgId}:${phone}`, 'sign-ups for this number');
    const result = await joinLoyalty({ orgId: tenant.orgId, actor: systemActor('join_page'), clock: systemClock, log: ctx.log }, body, { ip: ctx.ip });
    // Nothing about the member (not even their id) goes back to the page.
    return Response.json(
      result.status === 'joined'
        ? { status: 'joined', message: `Welcome to ${tenant.name}'s loyalty programme. You earn points on your next purchase.` }
        : { status: 'already_member', message: "You're already a member. Sign in to see your points." },
      { status: result.status === 'joined' ? 201 : 200 },
    );
  },
  { perAddress: joinByAddress, what: 'sign-ups from this address' },
);
