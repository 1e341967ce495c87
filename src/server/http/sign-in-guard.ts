import { AppError } from '@/domain/errors';
import { clientAddress } from './client-address';
import { signInFailures } from './rate-limit';
import { assertSameOrigin } from './same-origin';
import { withRequest, type RequestContext } from './with-request';

/** Only a JSON body: a plain HTML form (text/plain, urlencoded) from another site is not a sign-in. */
function assertJson(req: Request) {
  const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') throw new AppError('unsupported_media_type', 'Send the sign-in as application/json.');
}

/**
 * Wraps the sign-in endpoint: same-origin JSON only, and a client address with 10 failed attempts
 * in 10 minutes waits (429 with Retry-After) before it may try again.
 */
export function withSignInGuard(handler: (req: Request, rc: RequestContext) => Promise<Response>) {
  return withRequest(async (req, rc) => {
    const address = clientAddress(req);
    const now = Date.now();
    const wait = signInFailures.retryAfterSeconds(address, now);
    if (wait) {
      rc.log.warn({ event: 'auth.sign_in_limited', retryAfterSeconds: wait }, 'sign-in attempts limited for a client address');
      throw new AppError(
        'rate_limited',
        `Too many failed sign-ins from this address; try again in ${wait} s.`,
        { retryAfterSeconds: wait },
        { 'retry-after': String(wait) },
      );
    }
    try {
      assertSameOrigin(req);
      assertJson(req);
      return await handler(req, rc);
    } catch (err) {
      if (err instanceof AppError && err.status < 500) signInFailures.record(address, now);
      throw err;
    }
  });
}
