import { timingSafeEqual } from 'node:crypto';
import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import { config } from '../config';
import { verifyGoogleOidcToken } from '../integrations/google/verify-oidc-token';
import { withRequest, type RequestContext } from './with-request';

export interface CronContext extends RequestContext {
  clock: Clock;
  via: 'oidc' | 'shared-secret';
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Cron endpoints. Production accepts only a Google-signed OIDC token from the configured
 * service account for the configured audience; locally a shared secret header also works.
 * Nothing configured means every call is refused (fail closed).
 */
export function withCron(handler: (req: Request, ctx: CronContext) => Promise<Response | unknown>, opts: { clock?: Clock } = {}) {
  return withRequest(async (req, rc) => {
    const { cron } = config();
    let via: CronContext['via'] | undefined;
    const authz = req.headers.get('authorization');
    if (authz?.startsWith('Bearer ') && cron.oidcAudience && cron.serviceAccount) {
      const ok = await verifyGoogleOidcToken(authz.slice(7).trim(), {
        audience: cron.oidcAudience,
        serviceAccount: cron.serviceAccount,
        certsUrl: cron.certsUrl,
      });
      if (ok) via = 'oidc';
    }
    const secret = req.headers.get('x-cron-secret');
    if (!via && secret && cron.sharedSecret && sameSecret(secret, cron.sharedSecret)) via = 'shared-secret';
    if (!via) throw errors.unauthenticated('Cron calls need a valid Google OIDC token (or, locally, the shared secret).');
    return handler(req, { ...rc, clock: opts.clock ?? systemClock, via });
  });
}
