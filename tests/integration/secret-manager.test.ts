import { PassThroughClient } from 'google-auth-library';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonWithBigInts, shopifyOrder } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { createSecretStore, secretStore, setSecretStoreForTests } from '@/server/secrets';
import { LocalSecretStore } from '@/server/secrets/local-secret-store';
import { GoogleSecretStore } from '@/server/secrets/google-secret-store';
import { clearEndpointCacheForTests } from '@/server/services/ingest/endpoint-registry';
import { startSecretManagerFake, type SecretManagerFake } from '../support/fakes/secret-manager';
import { createTestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle } from '../support/webhooks';

const PROJECT = 'bakedbot-prod-test';
let fake: SecretManagerFake;
let store: GoogleSecretStore;

beforeAll(async () => {
  fake = await startSecretManagerFake();
  // The real client, over its REST transport, pointed at the local server.
  store = new GoogleSecretStore(PROJECT, { apiEndpoint: '127.0.0.1', port: fake.port, protocol: 'http', authClient: new PassThroughClient() } as never);
});

afterAll(async () => {
  setSecretStoreForTests(undefined);
  await store.close();
  await fake.close();
});

describe('the Google Secret Manager store', () => {
  it('creates a secret on first put, adds versions after, reads the latest, and removes it', async () => {
    expect(await store.get('webhook--t1--ep1')).toBeNull();
    await store.put('webhook--t1--ep1', 'first');
    await store.put('webhook--t1--ep1', 'second');
    expect(fake.versions(PROJECT, 'webhook--t1--ep1')).toBe(2);
    expect(await store.get('webhook--t1--ep1')).toBe('second');
    await store.remove('webhook--t1--ep1');
    await store.remove('webhook--t1--ep1');
    expect(await store.get('webhook--t1--ep1')).toBeNull();
    expect(fake.requests).toContain(`POST /v1/projects/${PROJECT}/secrets`);
  });

  it('treats a corrupted payload or an outage as no secret (callers fail closed)', async () => {
    await store.put('webhook--t1--ep2', 'value');
    fake.corruptChecksums(true);
    expect(await store.get('webhook--t1--ep2')).toBeNull();
    fake.corruptChecksums(false);
    fake.failWith(403);
    expect(await store.get('webhook--t1--ep2')).toBeNull();
    fake.failWith(503);
    expect(await store.get('webhook--t1--ep2')).toBeNull();
    fake.failWith(null);
    expect(await store.get('webhook--t1--ep2')).toBe('value');
  });

  it('is what SECRETS_BACKEND=google (the production default) selects', async () => {
    const { loadConfig } = await import('@/server/config');
    const prod = loadConfig({ NODE_ENV: 'production', SECRETS_PROJECT_ID: 'bakedbot-secrets' });
    expect(prod).toMatchObject({ secretsBackend: 'google', secretsProjectId: 'bakedbot-secrets' });
    const chosen = createSecretStore(prod);
    expect(chosen).toBeInstanceOf(GoogleSecretStore);
    await (chosen as GoogleSecretStore).close();
    expect(createSecretStore(loadConfig({ NODE_ENV: 'development' }))).toBeInstanceOf(LocalSecretStore);
    expect(createSecretStore(loadConfig({ NODE_ENV: 'development', SECRETS_BACKEND: 'google' }))).toBeInstanceOf(GoogleSecretStore);
  });

  it('carries webhook secrets end to end: endpoints verify against Secret Manager, and fail closed when it is down', async () => {
    setSecretStoreForTests(store);
    try {
      const t = await createTestTenant('GSM');
      const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
      const endpoint = await tenantDb(t.orgId).endpoints.getOrThrow(ep.id);
      expect(JSON.parse(fake.latest(PROJECT, endpoint.secretName)!)).toMatchObject({ current: ep.secret });
      const body = jsonWithBigInts(shopifyOrder({ now: new Date(), uid: 77 }));
      expect((await deliver(ep, body, { topic: 'orders/create' })).status).toBe(200);
      fake.failWith(503);
      clearEndpointCacheForTests();
      const refused = await deliver(ep, body, { topic: 'orders/create', deliveryId: 'another' });
      expect(refused.status).toBe(401);
      fake.failWith(null);
      await settle();
      expect(secretStore()).toBe(store);
    } finally {
      setSecretStoreForTests(undefined);
    }
  });
});
