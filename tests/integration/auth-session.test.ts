import { describe, expect, it } from 'vitest';
import * as me from '@/app/api/me/route';
import * as session from '@/app/api/auth/session/route';
import { adminAuth } from '@/server/auth/firebase-auth';
import { SESSION_COOKIE } from '@/server/auth/session';
import { config } from '@/server/config';
import { signInFailures } from '@/server/http/rate-limit';
import { call } from '../support/http';
import { createTestTenant, pastRevocationSecond, sessionCookieFor, signInWithPassword } from '../support/tenant';

describe('sign-in and sessions', () => {
  it('exchanges a fresh ID token for an httpOnly session cookie that identifies tenant and role', async () => {
    const t = await createTestTenant();
    const idToken = await signInWithPassword(t.users.admin.email, t.users.admin.password);
    const res = await call(session.POST, { method: 'POST', path: '/api/auth/session', body: { idToken } });
    expect(res.status).toBe(200);
    const setCookie = res.headers.get('set-cookie')!;
    expect(setCookie).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    expect(setCookie).toContain('HttpOnly');
    expect(setCookie).toContain('SameSite=Lax');
    expect(res.body.tenant.id).toBe(t.orgId);
    const who = await call(me.GET, { path: '/api/me', cookie: setCookie.split(';')[0] });
    expect(who.status).toBe(200);
    expect(who.body.user).toMatchObject({ uid: t.users.admin.uid, role: 'admin' });
    expect(who.body.tenant.id).toBe(t.orgId);
  });

  it('refuses a made-up token with 401 and no cookie', async () => {
    const res = await call(session.POST, { method: 'POST', path: '/api/auth/session', body: { idToken: 'x'.repeat(40) } });
    expect(res.status).toBe(401);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.body.error.code).toBe('unauthenticated');
  });

  it('refuses an account that belongs to no dispensary', async () => {
    const email = `stray-${Date.now()}@test.example`;
    await adminAuth().createUser({ email, password: 'stray-password-1' });
    const idToken = await signInWithPassword(email, 'stray-password-1');
    const res = await call(session.POST, { method: 'POST', path: '/api/auth/session', body: { idToken } });
    expect(res.status).toBe(403);
  });

  it('answers 401 JSON to an API request without a session', async () => {
    const res = await call(me.GET, { path: '/api/me' });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ code: 'unauthenticated' });
    expect(res.body.error.requestId).toBeTruthy();
  });

  it('accepts a Bearer ID token from API clients', async () => {
    const t = await createTestTenant();
    const idToken = await signInWithPassword(t.users.budtender.email, t.users.budtender.password);
    const res = await call(me.GET, { path: '/api/me', headers: { authorization: `Bearer ${idToken}` } });
    expect(res.status).toBe(200);
    expect(res.body.user.role).toBe('budtender');
  });

  it('signing out revokes the session: the same cookie stops working', async () => {
    const t = await createTestTenant();
    const cookie = await sessionCookieFor(t.users.owner.email, t.users.owner.password);
    await pastRevocationSecond();
    const out = await call(session.DELETE, { method: 'DELETE', path: '/api/auth/session', cookie });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    const after = await call(me.GET, { path: '/api/me', cookie });
    expect(after.status).toBe(401);
  });

  it('a disabled account loses access at once', async () => {
    const t = await createTestTenant();
    const cookie = await sessionCookieFor(t.users.budtender.email, t.users.budtender.password);
    expect((await call(me.GET, { path: '/api/me', cookie })).status).toBe(200);
    await adminAuth().updateUser(t.users.budtender.uid, { disabled: true });
    const res = await call(me.GET, { path: '/api/me', cookie });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toMatch(/disabled/);
  });

  it('refuses a cookie-authenticated write from another site', async () => {
    const t = await createTestTenant();
    const cookie = await t.cookie('owner');
    const res = await call(session.DELETE, {
      method: 'DELETE',
      path: '/api/auth/session',
      cookie,
      headers: { origin: 'https://evil.example', host: 'localhost' },
    });
    expect(res.status).toBe(403);
    expect((await call(me.GET, { path: '/api/me', cookie })).status).toBe(200);
  });
});

describe('sign-in requests from other sites, and floods of failed ones', () => {
  const sessionCookieOf = (res: { headers: Headers }) => res.headers.get('set-cookie');
  let n = 0;
  /** A client address of its own per test (TEST-NET-3), so limits never leak between tests. */
  const address = () => `203.0.113.${(process.pid % 100) + ++n}`;

  it('refuses a sign-in posted from another site, or from an opaque origin, even with a valid token', async () => {
    const t = await createTestTenant();
    const ip = address();
    for (const origin of ['https://evil.example', 'null']) {
      const idToken = await signInWithPassword(t.users.owner.email, t.users.owner.password);
      const res = await call(session.POST, {
        method: 'POST',
        path: '/api/auth/session',
        body: { idToken },
        headers: { origin, host: 'localhost', 'x-forwarded-for': ip },
      });
      expect(res.status, origin).toBe(403);
      expect(sessionCookieOf(res)).toBeNull();
    }
    const idToken = await signInWithPassword(t.users.owner.email, t.users.owner.password);
    const same = await call(session.POST, {
      method: 'POST',
      path: '/api/auth/session',
      body: { idToken },
      headers: { origin: 'http://localhost', host: 'localhost', 'x-forwarded-for': ip },
    });
    expect(same.status).toBe(200);
    expect(sessionCookieOf(same)).toMatch(new RegExp(`^${SESSION_COOKIE}=`));
    // The configured app origin is same-origin too (a proxy may rewrite the Host).
    const configured = await call(session.POST, {
      method: 'POST',
      path: '/api/auth/session',
      body: { idToken: await signInWithPassword(t.users.owner.email, t.users.owner.password) },
      headers: { origin: new URL(config().appBaseUrl).origin, host: 'internal:8080', 'x-forwarded-for': ip },
    });
    expect(configured.status).toBe(200);
  });

  it('refuses anything but a JSON body: the text/plain form post a page elsewhere can make without CORS', async () => {
    const t = await createTestTenant();
    const ip = address();
    const idToken = await signInWithPassword(t.users.owner.email, t.users.owner.password);
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x']) {
      const res = await call(session.POST, {
        method: 'POST',
        path: '/api/auth/session',
        rawBody: JSON.stringify({ idToken }),
        headers: { 'content-type': type, 'x-forwarded-for': ip },
      });
      expect(res.status, type).toBe(415);
      expect(res.body.error.code).toBe('unsupported_media_type');
      expect(sessionCookieOf(res)).toBeNull();
    }
    const json = await call(session.POST, {
      method: 'POST',
      path: '/api/auth/session',
      rawBody: JSON.stringify({ idToken }),
      headers: { 'content-type': 'application/json; charset=utf-8', 'x-forwarded-for': ip },
    });
    expect(json.status).toBe(200);
  });

  it('after 10 failed attempts from one address, answers 429 with Retry-After (the window itself is unit-tested); other addresses are unaffected', async () => {
    const t = await createTestTenant();
    const ip = address();
    const attempt = (idToken: string, forwardedFor = ip) =>
      call(session.POST, { method: 'POST', path: '/api/auth/session', body: { idToken }, headers: { 'x-forwarded-for': forwardedFor } });
    for (let i = 0; i < 10; i++) expect((await attempt(`made-up-token-${i}-${'x'.repeat(30)}`)).status).toBe(401);
    const valid = await signInWithPassword(t.users.owner.email, t.users.owner.password);
    const limited = await attempt(valid);
    expect(limited.status).toBe(429);
    expect(limited.body.error.code).toBe('rate_limited');
    const retryAfter = Number(limited.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(500);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(sessionCookieOf(limited)).toBeNull();
    // Only the address our proxy appended counts: a client cannot prepend its way out.
    expect((await attempt(valid, `198.51.100.7, ${ip}`)).status).toBe(429);
    expect((await attempt(valid, `${ip}, 198.51.100.8`)).status).toBe(200);
    signInFailures.reset(ip);
    expect((await attempt(valid)).status).toBe(200);
  });
});
