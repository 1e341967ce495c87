import { randomUUID } from 'node:crypto';
import type { Provider } from '@/domain/integrations/endpoint';
import type { ServiceContext } from '@/server/context';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { ingestRateLimiter } from '@/server/http/rate-limit';
import { signDelivery } from '@/server/services/ingest/sign-delivery';
import { createEndpoint } from '@/server/services/integrations/create-endpoint';
import * as alleaves from '@/app/api/webhooks/alleaves/[endpointId]/route';
import * as shopify from '@/app/api/webhooks/shopify/[endpointId]/route';
import * as standard from '@/app/api/webhooks/standard/[endpointId]/route';
import * as woocommerce from '@/app/api/webhooks/woocommerce/[endpointId]/route';
import { call, type CallResult } from './http';

export const RECEIVERS: Record<Provider, unknown> = { alleaves: alleaves.POST, shopify: shopify.POST, woocommerce: woocommerce.POST, standard: standard.POST };

export interface TestEndpoint {
  id: string;
  provider: Provider;
  secret: string;
  orgId: string;
}

export async function makeEndpoint(ctx: ServiceContext, provider: Provider, extra: { rateLimitPerMinute?: number } = {}): Promise<TestEndpoint> {
  const { endpoint, secret } = await createEndpoint(ctx, { provider, ...extra });
  return { id: endpoint.id, provider, secret, orgId: ctx.orgId };
}

/**
 * Sends a body to an endpoint exactly as its sender would: signed, with the sender's headers. The
 * delivery-id headers are new on each call unless given; they are not signed, so sending the same
 * body again is a duplicate all the same (deduplication is on the signed body, docs/webhooks.md).
 */
export async function deliver(
  ep: TestEndpoint,
  body: string,
  opts: { topic?: string | null; deliveryId?: string; eventId?: string; now?: Date; headers?: Record<string, string>; secret?: string } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read any response shape
): Promise<CallResult<any>> {
  const headers = signDelivery(ep.provider, {
    secret: opts.secret ?? ep.secret,
    body,
    topic: opts.topic ?? null,
    now: opts.now ?? new Date(),
    deliveryId: opts.deliveryId ?? `d-${randomUUID()}`,
    eventId: opts.eventId,
  });
  return call(RECEIVERS[ep.provider], {
    method: 'POST',
    rawBody: body,
    headers: { ...headers, ...opts.headers },
    params: { endpointId: ep.id },
    path: `/api/webhooks/${ep.provider}/${ep.id}`,
  });
}

/** Waits for everything the receivers scheduled after their responses. */
export async function settle(): Promise<void> {
  await drainAfterResponse();
}

export async function deliveriesOf(orgId: string) {
  return (await tenantDb(orgId).deliveries.ref.get()).docs.map((d) => d.data());
}

export function resetRateLimits() {
  ingestRateLimiter.reset();
}
