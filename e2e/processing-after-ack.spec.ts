import { randomInt, randomUUID } from 'node:crypto';
import { expect, request as apiRequest, test } from '@playwright/test';
import { samplePayload } from '../src/domain/signals/samples';
import { signDelivery } from '../src/server/services/ingest/sign-delivery';
import { LOGINS, signIn } from './helpers';

// A webhook is acknowledged first and processed in after(). On Cloud Run that work has a CPU
// only with instance-based billing (deploy/cloud-run/service.yaml, docs/deploy.md); this is the
// local equivalent under `next start`: one signed delivery, then no request of any kind to the
// app, and it is processed within 2 s. The delivery is watched in the Firestore emulator itself.
const FIRESTORE = `127.0.0.1:${process.env.E2E_FIRESTORE_PORT ?? '18180'}`;
const PROJECT = 'demo-bakedbot-e2e';

async function deliveryStatus(orgId: string, deliveryId: string): Promise<string | undefined> {
  const res = await fetch(
    `http://${FIRESTORE}/v1/projects/${PROJECT}/databases/(default)/documents/tenants/${orgId}/webhook_deliveries/${deliveryId}?mask.fieldPaths=status`,
    { headers: { authorization: 'Bearer owner' } },
  );
  if (!res.ok) return undefined;
  const doc = (await res.json()) as { fields?: { status?: { stringValue?: string } } };
  return doc.fields?.status?.stringValue;
}

async function deliver(baseURL: string | undefined, endpointId: string, secret: string): Promise<{ deliveryId: string; ackedAt: number }> {
  const { body } = samplePayload('alleaves', 'order.created', { now: new Date(), uid: randomInt(1, 900_000) });
  const headers = signDelivery('alleaves', { secret, body, topic: null, now: new Date(), deliveryId: `d-${randomUUID()}` });
  const sender = await apiRequest.newContext({ baseURL });
  const ack = await sender.post(`/api/webhooks/alleaves/${endpointId}`, { data: body, headers });
  const ackedAt = Date.now();
  expect(ack.status()).toBe(200);
  const { deliveryId } = (await ack.json()) as { deliveryId: string };
  await sender.dispose();
  return { deliveryId, ackedAt };
}

test('a lone acknowledged delivery is processed within 2 s, with no request after it', async ({ page, baseURL }) => {
  test.setTimeout(120_000);
  await signIn(page, LOGINS.admin);
  const created = await page.request.post('/api/integrations/endpoints', { data: { provider: 'alleaves', name: `After-ack ${randomInt(1e6)}` } });
  expect(created.status()).toBe(201);
  const { endpoint, secret } = (await created.json()) as { endpoint: { id: string }; secret: string };
  // Nothing of the browser may keep talking to the app (page polls, the live listener).
  await page.context().close();

  // A production instance is warm (minScale 1). Here the first delivery loads the processing code,
  // so it is not the one timed; it too must end processed with nothing sent after it.
  const warm = await deliver(baseURL, endpoint.id, secret);
  await expect.poll(() => deliveryStatus('demo-pinecone', warm.deliveryId), { timeout: 60_000 }).toBe('processed');

  const { deliveryId, ackedAt } = await deliver(baseURL, endpoint.id, secret);
  let status: string | undefined;
  while (Date.now() - ackedAt < 2_000) {
    status = await deliveryStatus('demo-pinecone', deliveryId);
    if (status === 'processed') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  const took = Date.now() - ackedAt;
  expect(status, `delivery ${deliveryId} after ${took} ms`).toBe('processed');
  expect(took).toBeLessThan(2_000);
});
