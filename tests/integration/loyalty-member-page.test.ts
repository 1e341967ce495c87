import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as codeRoute from '@/app/api/my/[slug]/code/route';
import * as sessionRoute from '@/app/api/my/[slug]/session/route';
import * as myRoute from '@/app/api/my/[slug]/route';
import { systemActor } from '@/domain/roles';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { signInCheckByAddress, signInCodeByAddress } from '@/server/http/with-public-form';
import { CUSTOMER_SESSION_COOKIE } from '@/server/services/loyalty/customer-session';
import { requestSignInCode, verifySignInCode } from '@/server/services/loyalty/customer-sign-in';
import { postPoints } from '@/server/services/loyalty/post-points';
import { call } from '../support/http';
import { seedCustomer } from '../support/fixtures';
import { middayClock, setProviderEnv, uniquePhone } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

const ORIGIN = { origin: 'http://localhost' };

/** The code in the latest sign-in text or email the outbox holds for a customer. */
async function codeFromOutbox(orgId: string, customerId: string): Promise<string> {
  const sends = (await tenantDb(orgId).sends.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
  const latest = sends.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())[0];
  const code = latest?.message.text.match(/\b(\d{6})\b/)?.[1];
  if (!code) throw new Error('no sign-in code in the outbox');
  return code;
}

async function member(t: TestTenant, over = {}) {
  const phone = uniquePhone();
  const id = await seedCustomer(t.orgId, { phone, firstName: 'Maya', email: `maya-${phone.slice(-7)}@example.com`, ...over });
  return { id, phone };
}

async function signIn(slug: string, orgId: string, m: { id: string; phone: string }, ip = '198.51.100.20'): Promise<string> {
  const headers = { ...ORIGIN, 'x-forwarded-for': ip };
  const asked = await call(codeRoute.POST, { method: 'POST', params: { slug }, body: { channel: 'sms', identifier: m.phone }, headers });
  expect(asked.status).toBe(200);
  const code = await codeFromOutbox(orgId, m.id);
  const res = await call(sessionRoute.POST, { method: 'POST', params: { slug }, body: { channel: 'sms', identifier: m.phone, code }, headers });
  expect(res.status).toBe(200);
  const cookie = res.headers.get('set-cookie')!;
  expect(cookie).toMatch(new RegExp(`^${CUSTOMER_SESSION_COOKIE}=[^;]+; Path=/; Max-Age=7200; HttpOnly; SameSite=Lax$`));
  return cookie.split(';')[0]!;
}

describe("the member's own page", () => {
  let t: TestTenant;
  let slug: string;
  beforeAll(async () => {
    setProviderEnv({});
    t = await createTestTenant('Members');
    slug = (await tenantsCollection().getOrThrow(t.orgId)).slug!;
  });
  beforeEach(() => {
    signInCodeByAddress.reset();
    signInCheckByAddress.reset();
  });

  it('a code by text signs the member in; the page shows only their points, history in plain words, rewards and a stable referral link', async () => {
    const m = await member(t);
    const other = await member(t, { firstName: 'Otto' });
    // Posted now: the page reads the real clock, as the route does.
    const actor = { kind: 'system' as const, id: 'system:test', name: 'Test' };
    await postPoints(t.ctx('owner'), m.id, [
      { key: 'bonus:m1', posting: { kind: 'credit', type: 'bonus', points: 250, availableAt: new Date(), expiresAt: null }, actor },
    ]);
    await postPoints(t.ctx('owner'), other.id, [
      { key: 'bonus:o1', posting: { kind: 'credit', type: 'bonus', points: 9_999, availableAt: new Date(), expiresAt: null }, actor },
    ]);
    const cookie = await signIn(slug, t.orgId, m);
    const send = (await tenantDb(t.orgId).sends.ref.where('customerId', '==', m.id).get()).docs[0]!.data();
    expect(send).toMatchObject({ channel: 'sms', kind: 'transactional' });
    const stored = (await tenantDb(t.orgId).customerSignInCodes.ref.get()).docs.map((d) => d.data());
    expect(JSON.stringify(stored)).not.toContain(send.message.text.match(/\d{6}/)![0]);

    const res = await call(myRoute.GET, { params: { slug }, cookie });
    expect(res.status).toBe(200);
    const mine = res.body.loyalty;
    expect(mine).toMatchObject({ firstName: 'Maya', available: 250, tier: { name: 'Bronze' } });
    expect(mine.history).toEqual([expect.objectContaining({ text: 'Bonus: 250 points', points: 250, balanceAfter: 250 })]);
    expect(mine.rewards.filter((r: { affordable: boolean }) => r.affordable).map((r: { pointsCost: number }) => r.pointsCost)).toEqual([100, 200]);
    expect(mine.referral.link).toMatch(new RegExp(`/join/${slug}\\?ref=${mine.referral.code}$`));
    expect(JSON.stringify(res.body)).not.toMatch(/Otto|9,?999|lifetimeValue/);
    const again = await call(myRoute.GET, { params: { slug }, cookie });
    expect(again.body.loyalty.referral.code).toBe(mine.referral.code);
    expect((await tenantDb(t.orgId).referralCodes.getOrThrow(mine.referral.code)).customerId).toBe(m.id);
  });

  it("another customer's data is unreachable: a forged session, another dispensary's page, a staff session, no session", async () => {
    const m = await member(t);
    const cookie = await signIn(slug, t.orgId, m);
    const [payload, sig] = cookie.split('=')[1]!.split('.');
    const other = await member(t);
    const forgedPayload = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), c: other.id })).toString('base64url');
    const forged = await call(myRoute.GET, { params: { slug }, cookie: `${CUSTOMER_SESSION_COOKIE}=${forgedPayload}.${sig}` });
    expect(forged.status).toBe(401);
    const t2 = await createTestTenant('Elsewhere');
    const slug2 = (await tenantsCollection().getOrThrow(t2.orgId)).slug!;
    expect((await call(myRoute.GET, { params: { slug: slug2 }, cookie })).status).toBe(401);
    expect((await call(myRoute.GET, { params: { slug }, cookie: await t.cookie('owner') })).status).toBe(401);
    expect((await call(myRoute.GET, { params: { slug } })).status).toBe(401);
    // Signed out: the cookie is cleared.
    const out = await call(sessionRoute.DELETE, { method: 'DELETE', params: { slug }, cookie, headers: ORIGIN });
    expect(out.headers.get('set-cookie')).toMatch(new RegExp(`^${CUSTOMER_SESSION_COOKIE}=; Path=/; Max-Age=0`));
  });

  it('codes expire after 10 minutes, allow 5 tries, work once, and answer the same for a stranger', async () => {
    const m = await member(t);
    const clock = middayClock(7);
    const ctx = { orgId: t.orgId, actor: systemActor('test'), clock };
    await requestSignInCode(ctx, { channel: 'sms', identifier: m.phone });
    const code = await codeFromOutbox(t.orgId, m.id);
    clock.advance(10 * 60_000 + 1);
    await expect(verifySignInCode(ctx, { channel: 'sms', identifier: m.phone, code })).rejects.toMatchObject({ message: expect.stringContaining('expired') });

    await requestSignInCode(ctx, { channel: 'sms', identifier: m.phone });
    const fresh = await codeFromOutbox(t.orgId, m.id);
    const wrong = fresh === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++)
      await expect(verifySignInCode(ctx, { channel: 'sms', identifier: m.phone, code: wrong })).rejects.toMatchObject({ status: 400 });
    await expect(verifySignInCode(ctx, { channel: 'sms', identifier: m.phone, code: fresh })).rejects.toMatchObject({ status: 429 });

    clock.advance(16 * 60_000);
    await requestSignInCode(ctx, { channel: 'sms', identifier: m.phone });
    const once = await codeFromOutbox(t.orgId, m.id);
    expect(await verifySignInCode(ctx, { channel: 'sms', identifier: m.phone, code: once })).toEqual({ customerId: m.id });
    await expect(verifySignInCode(ctx, { channel: 'sms', identifier: m.phone, code: once })).rejects.toMatchObject({
      message: expect.stringContaining('already been used'),
    });

    // A stranger's number gets the same answer, no message, and no code works for it.
    const sendsBefore = (await tenantDb(t.orgId).sends.ref.get()).size;
    expect(await requestSignInCode(ctx, { channel: 'sms', identifier: uniquePhone() })).toEqual({ sent: true });
    expect((await tenantDb(t.orgId).sends.ref.get()).size).toBe(sendsBefore);
  });

  it('limits codes per identifier (3 in 15 minutes) and per address', async () => {
    const m = await member(t);
    const headers = { ...ORIGIN, 'x-forwarded-for': '198.51.100.44' };
    const statuses = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (
          await call(codeRoute.POST, {
            method: 'POST',
            params: { slug },
            body: { channel: 'email', identifier: (await tenantDb(t.orgId).customers.getOrThrow(m.id)).email },
            headers,
          })
        ).status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const byAddress = [];
    for (let i = 0; i < 11; i++)
      byAddress.push(
        (
          await call(codeRoute.POST, {
            method: 'POST',
            params: { slug },
            body: { channel: 'sms', identifier: uniquePhone() },
            headers: { ...ORIGIN, 'x-forwarded-for': '198.51.100.45' },
          })
        ).status,
      );
    expect(byAddress.filter((s) => s === 429)).toHaveLength(1);
    expect(byAddress[10]).toBe(429);
  });
});
