import { systemClock, type Clock } from '@/domain/clock';
import { errors } from '@/domain/errors';
import { MAX_BODY_BYTES } from '@/domain/integrations/delivery';
import type { IncomingHeaders } from '@/domain/integrations/delivery-keys';
import { systemActor } from '@/domain/roles';
import type { ServiceContext } from '../context';
import { authenticateApiKey } from '../services/ingest/api-key-registry';
import { recordApiKeyUse, type TrackReceipt } from '../services/ingest/receive-track-events';
import { afterResponse, scheduleFollowUp } from './after-response';
import { readBodyBytes } from './parse';
import { ingestRateLimiter } from './rate-limit';
import { withRequest } from './with-request';
import { plainHeaders } from './with-webhook';

/**
 * The track API's route: a tenant's API key as "Authorization: Bearer bbk_…" (401 without a valid
 * one), the key's rate limit (429), the body up to 1 MiB (413). The handler gets the bytes as
 * plain data and returns a receipt: 202 for a new batch, whose processing runs after the answer,
 * 200 for a batch already received.
 */
export function withApiKey(
  handler: (ctx: ServiceContext, input: { apiKeyId: string; raw: Uint8Array; headers: IncomingHeaders }) => Promise<TrackReceipt>,
  opts: { clock?: Clock } = {},
) {
  return withRequest(async (req, rc) => {
    const authz = req.headers.get('authorization');
    const auth = authz?.startsWith('Bearer ') ? await authenticateApiKey(authz.slice(7)) : null;
    if (!auth) throw errors.unauthenticated('Send a valid API key as "Authorization: Bearer bbk_…".');
    if (!auth.key.scopes.includes('track')) throw errors.forbidden('This API key may not send events (it is not a track key).');
    const wait = ingestRateLimiter.take(`key:${auth.key.id}`, auth.key.rateLimitPerMinute, Date.now());
    if (wait) throw errors.rateLimited(wait);
    const raw = await readBodyBytes(req, MAX_BODY_BYTES);
    const log = rc.log.child({ orgId: auth.orgId, apiKeyId: auth.key.id });
    const ctx: ServiceContext = { orgId: auth.orgId, actor: systemActor('track-api'), clock: opts.clock ?? systemClock, log };
    const { followUp, ...receipt } = await handler(ctx, { apiKeyId: auth.key.id, raw, headers: plainHeaders(req.headers) });
    afterResponse('api-key-last-used', () => recordApiKeyUse(auth.orgId, auth.key.id));
    scheduleFollowUp(followUp);
    return Response.json(receipt, { status: receipt.duplicate ? 200 : 202 });
  });
}
