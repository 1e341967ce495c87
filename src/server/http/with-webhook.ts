import { systemClock, type Clock } from '@/domain/clock';
import type { Provider } from '@/domain/integrations/endpoint';
import { receiveWebhook } from '../services/ingest/receive-webhook';
import { withRequest } from './with-request';

/**
 * A webhook receiver route. Authenticated by the sender's signature, not a session: the
 * endpoint id in the URL names the tenant, and nothing is stored unless the signature matches.
 */
export function webhookRoute(provider: Provider, opts: { clock?: Clock } = {}) {
  return withRequest<{ endpointId: string }>(async (req, rc, params) =>
    receiveWebhook(provider, req, params.endpointId, { clock: opts.clock ?? systemClock, log: rc.log }),
  );
}
