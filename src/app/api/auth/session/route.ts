import { z } from 'zod';
import { rolesFor } from '@/domain/roles';
import { clearSessionCookieHeader } from '@/server/auth/session';
import { parseJsonBody } from '@/server/http/parse';
import { withSignInGuard } from '@/server/http/sign-in-guard';
import { withTenant } from '@/server/http/with-tenant';
import { endSession } from '@/server/services/auth/end-session';
import { startSession } from '@/server/services/auth/start-session';

const Body = z.object({ idToken: z.string().min(20) });

// POST /api/auth/session: exchange a fresh Firebase ID token for an httpOnly session cookie (same-origin JSON; failures limited per address)
export const POST = withSignInGuard(async (req) => {
  const { idToken } = await parseJsonBody(req, Body);
  const session = await startSession(idToken);
  return Response.json({ user: session.user, tenant: session.tenant }, { headers: { 'set-cookie': session.setCookie } });
});

// DELETE /api/auth/session: sign out; revokes the user's sessions and clears the cookie
export const DELETE = withTenant(
  async (_req, ctx) => {
    await endSession(ctx);
    return Response.json({ ok: true }, { headers: { 'set-cookie': clearSessionCookieHeader() } });
  },
  { roles: rolesFor('customers:read') },
);
