import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import type { ApiKeyScope } from '@/domain/integrations/api-key';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../context';
import { authenticateApiKey } from '../services/ingest/api-key-registry';
import { recordApiKeyUse } from '../services/ingest/receive-track-events';
import { afterResponse } from './after-response';
import { ingestRateLimiter } from './rate-limit';
import { withRequest } from './with-request';

/**
 * A route for a dispensary's own systems (the POS): a Bearer API key (401 without a valid one),
 * carrying `scope` (403 otherwise), within the key's rate limit (429). The tenant is the key's;
 * the handler gets a context and the request, and returns JSON.
 */
export function withScopedApiKey<P = Record<string, never>>(
  scope: ApiKeyScope,
  handler: (req: Request, ctx: ServiceContext & { apiKeyId: string }, params: P) => Promise<unknown>,
  opts: { clock?: Clock } = {},
) {
  return withRequest<P>(async (req, rc, params) => {
    const authz = req.headers.get('authorization');
    const auth = authz?.startsWith('Bearer ') ? await authenticateApiKey(authz.slice(7)) : null;
    if (!auth) throw errors.unauthenticated('Send a valid API key as "Authorization: Bearer bbk_…".');
    if (!auth.key.scopes.includes(scope)) throw errors.forbidden(`This API key does not have the "${scope}" scope.`);
    const wait = ingestRateLimiter.take(`key:${auth.key.id}`, auth.key.rateLimitPerMinute, Date.now());
    if (wait) throw errors.rateLimited(wait);
    const log = rc.log.child({ orgId: auth.orgId, apiKeyId: auth.key.id });
    const ctx = { orgId: auth.orgId, actor: systemActor(`api-key:${auth.key.id}`), clock: opts.clock ?? systemClock, log, apiKeyId: auth.key.id };
    const result = await handler(req, ctx, params);
    afterResponse('api-key-last-used', () => recordApiKeyUse(auth.orgId, auth.key.id));
    return result;
  });
}
