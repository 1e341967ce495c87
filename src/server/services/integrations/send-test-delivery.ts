import { randomBytes, randomInt } from 'node:crypto';
import { z } from 'zod';
import { errors } from '@/domain/errors';
import { EndpointSecretSchema } from '@/domain/integrations/endpoint';
import { SAMPLE_EVENTS, SAMPLE_PRODUCTS, samplePayload, type SampleProduct } from '@/domain/signals/samples';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { secretStore } from '../../secrets';
import { signDelivery } from '../ingest/sign-delivery';
import { endpointUrl } from './endpoint-view';

export const SendTestDeliveryInputSchema = z.object({ event: z.string().max(100).optional() });

export interface TestDeliveryResult {
  event: string;
  url: string;
  status: number;
  response: unknown;
  deliveryId: string | null;
}

const CATEGORY_LABEL: Record<string, string> = {
  flower: 'Flower',
  pre_roll: 'Pre-Rolls',
  vape: 'Vapes',
  edible: 'Edibles',
  concentrate: 'Concentrates',
  tincture: 'Tinctures',
  topical: 'Topicals',
  beverage: 'Beverages',
  accessory: 'Accessories',
};

/** Two of the tenant's own products, so a sample order links to real catalogue items. */
async function sampleProducts(orgId: string): Promise<SampleProduct[]> {
  const snap = await tenantDb(orgId).products.ref.where('active', '==', true).limit(2).get();
  const own = snap.docs
    .map((d) => d.data())
    .map((p) => ({ sku: p.sku, name: p.name, brand: p.brand, category: CATEGORY_LABEL[p.category] ?? p.category, priceCents: p.priceCents }));
  return own.length ? own : SAMPLE_PRODUCTS;
}

/**
 * Posts a realistic, correctly signed sample of `event` to the endpoint's own public URL, as the
 * sender would: the whole pipe runs (signature, dedupe, storage, processing, events).
 */
export async function sendTestDelivery(
  ctx: ServiceContext,
  endpointId: string,
  input: z.input<typeof SendTestDeliveryInputSchema>,
): Promise<TestDeliveryResult> {
  const { event: requested } = SendTestDeliveryInputSchema.parse(input);
  const endpoint = await tenantDb(ctx.orgId).endpoints.getOrThrow(endpointId);
  const events = SAMPLE_EVENTS[endpoint.provider];
  if (requested && !events.includes(requested))
    throw errors.badRequest(`Choose one of: ${events.join(', ')}.`, { issues: [{ path: 'event', message: 'Not a sample event for this sender' }] });
  const event = requested ?? events[0]!;
  const raw = await secretStore().get(endpoint.secretName);
  const secret = raw ? EndpointSecretSchema.safeParse(JSON.parse(raw)) : null;
  if (!secret?.success)
    throw errors.conflict('This endpoint has no readable signing secret, so every delivery to it is refused. Rotate its secret to issue a new one.');
  const now = ctx.clock.now();
  const payload = samplePayload(endpoint.provider, event, { now, uid: randomInt(1, 900_000), customerId: 4242, products: await sampleProducts(ctx.orgId) });
  const deliveryId = `test_${randomBytes(10).toString('hex')}`;
  const headers = signDelivery(endpoint.provider, {
    secret: secret.data.current,
    body: payload.body,
    topic: payload.topic,
    now,
    deliveryId,
    headerNames: endpoint.headerNames,
  });
  const url = endpointUrl(endpoint.provider, endpoint.id);
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { ...headers, 'user-agent': headers['user-agent'] ?? 'BakedBot test delivery' },
      body: payload.body,
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err) {
    throw errors.badRequest(`Could not reach ${url}: ${(err as Error).message}. Check APP_BASE_URL.`);
  }
  const text = await res.text();
  let response: unknown = text;
  try {
    response = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  ctx.log?.info({ event: 'endpoint.test_delivery', endpointId, sample: event, status: res.status }, 'test delivery sent');
  return { event, url, status: res.status, response, deliveryId: (response as { deliveryId?: string } | null)?.deliveryId ?? null };
}
