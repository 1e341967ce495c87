import { describe, expect, it } from 'vitest';
import * as me from '@/app/api/me/route';
import * as session from '@/app/api/auth/session/route';
import { adminAuth } from '@/server/auth/firebase-auth';
import { SESSION_COOKIE } from '@/server/auth/session';
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
