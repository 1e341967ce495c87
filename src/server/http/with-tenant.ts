import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import { newRenderBudget } from '@/domain/messaging/render-budget';
import type { Role } from '@/domain/roles';
import type { ServiceContext } from '../context';
import { SESSION_COOKIE, readCookie, verifyBearerIdToken, verifySessionCookie, type SessionIdentity } from '../auth/session';
import { assertSameOrigin } from './same-origin';
import { withRequest, type RequestContext } from './with-request';

export interface TenantContext extends Omit<ServiceContext, 'log'>, RequestContext {
  actor: SessionIdentity['actor'];
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves who is calling from the session cookie (browsers) or a Bearer ID token (API clients). */
export async function resolveIdentity(req: Request): Promise<{ identity: SessionIdentity; via: 'cookie' | 'bearer' }> {
  const authz = req.headers.get('authorization');
  if (authz?.startsWith('Bearer ')) return { identity: await verifyBearerIdToken(authz.slice(7).trim()), via: 'bearer' };
  const cookie = readCookie(req.headers.get('cookie'), SESSION_COOKIE);
  if (!cookie) throw errors.unauthenticated();
  return { identity: await verifySessionCookie(cookie), via: 'cookie' };
}

/**
 * The only way a route handler learns its tenant: from the verified session, never from the
 * request body or URL. Unauthenticated is 401, a role outside `roles` is 403.
 */
export function withTenant<P = Record<string, never>>(
  handler: (req: Request, ctx: TenantContext, params: P) => Promise<Response | unknown>,
  opts: { roles: readonly Role[]; clock?: Clock },
) {
  return withRequest<P>(async (req, rc, params) => {
    const { identity, via } = await resolveIdentity(req);
    if (via === 'cookie' && !SAFE_METHODS.has(req.method)) assertSameOrigin(req);
    if (!opts.roles.includes(identity.actor.role)) throw errors.forbidden();
    const log = rc.log.child({ orgId: identity.orgId, uid: identity.actor.uid, role: identity.actor.role });
    const ctx: TenantContext = {
      ...rc,
      log,
      orgId: identity.orgId,
      actor: identity.actor,
      clock: opts.clock ?? systemClock,
      renderBudget: newRenderBudget(),
    };
    return handler(req, ctx, params);
  });
}
