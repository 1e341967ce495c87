import { cookies, headers } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { systemClock } from '@/domain/clock';
import { AppError } from '@/domain/errors';
import type { Role } from '@/domain/roles';
import { safeNextPath } from '@/domain/safe-next';
import { SESSION_COOKIE, verifySessionCookie, type SessionIdentity } from '../auth/session';
import { config } from '../config';
import type { ServiceContext } from '../context';
import { lazyChild, logger } from '../log';

export interface PageContext extends ServiceContext {
  actor: SessionIdentity['actor'];
}

/**
 * For server components: a visitor without a valid session is sent to /login (and back
 * afterwards); a signed-in role outside `roles` gets the 403 page.
 */
export async function requirePageSession(opts: { roles?: readonly Role[]; returnTo?: string } = {}): Promise<PageContext> {
  const jar = await cookies();
  const cookie = jar.get(SESSION_COOKIE)?.value;
  let identity: SessionIdentity | undefined;
  if (cookie) {
    try {
      identity = await verifySessionCookie(cookie);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
    }
  }
  if (!identity) {
    const h = await headers();
    const back = safeNextPath(opts.returnTo ?? h.get('x-pathname'), config().appBaseUrl);
    redirect(`/login?next=${encodeURIComponent(back)}`);
  }
  if (opts.roles && !opts.roles.includes(identity.actor.role)) forbidden();
  return {
    orgId: identity.orgId,
    actor: identity.actor,
    clock: systemClock,
    log: lazyChild(logger(), { orgId: identity.orgId, uid: identity.actor.uid }),
  };
}
