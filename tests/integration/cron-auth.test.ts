import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tick from '@/app/api/cron/tick/route';
import * as daily from '@/app/api/cron/daily/route';
import { loadConfig, resetConfigForTests } from '@/server/config';
import { withCron } from '@/server/http/with-cron';
import { runDaily } from '@/server/services/cron/run-daily';
import { runTick } from '@/server/services/cron/run-tick';
import { createTestTenant } from '../support/tenant';
import { startOidcFake, type OidcFake } from '../support/fakes/google-oidc';
import { call } from '../support/http';

const AUDIENCE = 'https://bakedbot.example/api/cron/tick';
const SA = 'scheduler@bakedbot-prod.iam.gserviceaccount.com';
let oidc: OidcFake;
// The routes as exported, but with the tasks narrowed to this file's own tenant: an accepted call
// must not run a tick over the data of test files running in parallel on the same emulator.
let scoped: { tick: ReturnType<typeof withCron>; daily: ReturnType<typeof withCron> };

beforeAll(async () => {
  oidc = await startOidcFake();
  const { orgId } = await createTestTenant('cron');
  scoped = {
    tick: withCron(async (_req, ctx) => runTick({ clock: ctx.clock, log: ctx.log, orgId })),
    daily: withCron(async (_req, ctx) => runDaily({ clock: ctx.clock, log: ctx.log, orgId })),
  };
  Object.assign(process.env, {
    CRON_OIDC_AUDIENCE: AUDIENCE,
    CRON_SERVICE_ACCOUNT: SA,
    GOOGLE_OIDC_CERTS_URL: oidc.certsUrl,
    CRON_SECRET: 'local-cron-secret-0123456789',
  });
  resetConfigForTests();
});

afterAll(async () => {
  for (const k of ['CRON_OIDC_AUDIENCE', 'CRON_SERVICE_ACCOUNT', 'GOOGLE_OIDC_CERTS_URL', 'CRON_SECRET']) delete process.env[k];
  resetConfigForTests();
  await oidc.close();
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('cron endpoint authentication', () => {
  it('accepts a Google-signed OIDC token from the configured service account for the audience', async () => {
    const res = await call(scoped.tick, { method: 'POST', headers: bearer(oidc.sign({ aud: AUDIENCE, email: SA, email_verified: true })) });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ tasks: expect.any(Array), ranAt: expect.any(String) });
    expect(res.body.tasks.filter((t: { ok: boolean }) => !t.ok)).toEqual([]);
    expect((await call(scoped.daily, { method: 'POST', headers: bearer(oidc.sign({ aud: AUDIENCE, email: SA, email_verified: true })) })).status).toBe(200);
  });

  it('refuses tokens for another audience, another account, expired, unverified or signed by another key', async () => {
    const bad = [
      oidc.sign({ aud: 'https://elsewhere.example', email: SA, email_verified: true }),
      oidc.sign({ aud: AUDIENCE, email: 'attacker@evil.iam.gserviceaccount.com', email_verified: true }),
      oidc.sign({ aud: AUDIENCE, email: SA, email_verified: true }, { expiresInSec: -600 }),
      oidc.sign({ aud: AUDIENCE, email: SA, email_verified: false }),
      oidc.sign({ aud: AUDIENCE, email: SA, email_verified: true }, { privateKey: oidc.otherKey }),
      'not-a-jwt',
    ];
    for (const token of bad) {
      for (const route of [tick.POST, daily.POST]) {
        const res = await call(route, { method: 'POST', headers: bearer(token) });
        expect(res.status).toBe(401);
      }
    }
  });

  it('accepts the shared secret locally and refuses a wrong or missing one', async () => {
    expect((await call(scoped.tick, { method: 'POST', headers: { 'x-cron-secret': 'local-cron-secret-0123456789' } })).status).toBe(200);
    expect((await call(tick.POST, { method: 'POST', headers: { 'x-cron-secret': 'local-cron-secret-0123456788' } })).status).toBe(401);
    expect((await call(tick.POST, { method: 'POST' })).status).toBe(401);
    expect((await call(daily.POST, { method: 'POST' })).status).toBe(401);
  });

  it('ignores the shared secret in production, and with nothing configured refuses everything', () => {
    const prod = loadConfig({ NODE_ENV: 'production', CRON_SECRET: 'local-cron-secret-0123456789' });
    expect(prod.cron.sharedSecret).toBeUndefined();
    expect(prod.secretsBackend).toBe('google');
    const bare = loadConfig({ NODE_ENV: 'development' });
    expect(bare.cron).toMatchObject({ sharedSecret: undefined, oidcAudience: undefined });
  });
});
