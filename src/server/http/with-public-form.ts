import { AppError } from '@/domain/errors';
import { clientAddress } from './client-address';
import { FailureLimiter } from './rate-limit';
import { assertSameOrigin } from './same-origin';
import { withRequest, type RequestContext } from './with-request';

export interface PublicFormContext extends RequestContext {
  /** The caller's address, as the per-client limits count it. */
  ip: string;
}

/** Throws 429 with Retry-After once `key` has used its attempts in the limiter's window; else counts this attempt. */
export function takeAttempt(limiter: FailureLimiter, key: string, what: string): void {
  const now = Date.now();
  const wait = limiter.retryAfterSeconds(key, now);
  if (wait) throw new AppError('rate_limited', `Too many ${what}; try again in ${wait} s.`, { retryAfterSeconds: wait }, { 'retry-after': String(wait) });
  limiter.record(key, now);
}

/**
 * For forms on public pages (join, the customer's sign-in): no staff session, so they take only
 * JSON from this site (a form posted from elsewhere is refused) and count every attempt per client
 * address against `perAddress`, in this instance's memory like the sign-in limit.
 */
export function withPublicForm<P = Record<string, never>>(
  handler: (req: Request, ctx: PublicFormContext, params: P) => Promise<Response | unknown>,
  opts: { perAddress: FailureLimiter; what: string },
) {
  return withRequest<P>(async (req, rc, params) => {
    const ip = clientAddress(req);
    if (req.method !== 'GET') {
      assertSameOrigin(req);
      const type = (req.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      if (req.method !== 'DELETE' && type !== 'application/json') throw new AppError('unsupported_media_type', 'Send the form as application/json.');
    }
    takeAttempt(opts.perAddress, ip, opts.what);
    return handler(req, { ...rc, ip }, params);
  });
}

/** Join attempts: 10 per address and 3 per phone number an hour. */
export const joinByAddress = new FailureLimiter(10, 60 * 60_000);
export const joinByPhone = new FailureLimiter(3, 60 * 60_000);
/** The customer's sign-in: code requests and code checks per address. */
export const signInCodeByAddress = new FailureLimiter(10, 15 * 60_000);
export const signInCheckByAddress = new FailureLimiter(20, 15 * 60_000);
export const customerReadByAddress = new FailureLimiter(120, 60_000);
