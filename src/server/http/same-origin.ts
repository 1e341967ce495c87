import { errors } from '@/domain/errors';
import { config } from '../config';

/**
 * Refuses a request whose `Origin` names another site: a cookie-authenticated write, or a sign-in
 * (which would put the visitor in someone else's session). No `Origin` (a server-side client) is
 * let through; `Origin: null` (sandboxed frames, odd redirects) is not. Same origin means the host
 * the request was sent to (x-forwarded-host, set by Next or the platform, else Host) or the
 * configured APP_BASE_URL.
 */
export function assertSameOrigin(req: Request): void {
  const origin = req.headers.get('origin');
  if (origin === null) return;
  let given: URL;
  try {
    given = new URL(origin);
  } catch {
    throw errors.forbidden('Cross-site request refused.');
  }
  if (given.origin === 'null') throw errors.forbidden('Cross-site request refused.');
  const host = (req.headers.get('x-forwarded-host') ?? req.headers.get('host') ?? new URL(req.url).host).split(',')[0]!.trim();
  if (given.host === host || given.origin === new URL(config().appBaseUrl).origin) return;
  throw errors.forbidden('Cross-site request refused.');
}
