import { describe, expect, it } from 'vitest';
import * as staffRoute from '@/app/api/staff/route';
import * as staffMember from '@/app/api/staff/[uid]/route';
import * as resetRoute from '@/app/api/staff/[uid]/reset-password/route';
import * as me from '@/app/api/me/route';
import { adminAuth } from '@/server/auth/firebase-auth';
import { tenantDb } from '@/server/db/tenant-db';
import type { UpdateStaffInput } from '@/domain/staff';
import { updateStaff } from '@/server/services/staff/update-staff';
import { call } from '../support/http';
import { createTestTenant, pastRevocationSecond, sessionCookieFor, signInWithPassword } from '../support/tenant';

describe('staff management', () => {
  it('an owner adds a staff member who can then sign in with the one-time password, with the right claims', async () => {
    const t = await createTestTenant();
    const email = `new-${t.orgId}@test.example`;
    const res = await call(staffRoute.POST, {
      method: 'POST',
      path: '/api/staff',
      cookie: await t.cookie('owner'),
      body: { email: email.toUpperCase(), displayName: 'Nina', role: 'budtender' },
    });
    expect(res.status).toBe(201);
    expect(res.body.staff).toMatchObject({ email, role: 'budtender', disabled: false });
    const cookie = await sessionCookieFor(email, res.body.temporaryPassword);
    const who = await call(me.GET, { path: '/api/me', cookie });
    expect(who.body).toMatchObject({ user: { role: 'budtender' }, tenant: { id: t.orgId } });
    const list = await call(staffRoute.GET, { path: '/api/staff', cookie: await t.cookie('owner') });
    expect(list.body.staff.map((s: { email: string }) => s.email)).toContain(email);
  });

  it('answers 422 with field paths for bad input and creates no account', async () => {
    const t = await createTestTenant();
    const res = await call(staffRoute.POST, {
      method: 'POST',
      path: '/api/staff',
      cookie: await t.cookie('owner'),
      body: { email: 'not-an-email', displayName: '', role: 'king' },
    });
    expect(res.status).toBe(422);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['email', 'displayName', 'role']));
    expect((await tenantDb(t.orgId).staff.ref.get()).size).toBe(3);
  });

  it('answers 400 for a body that is not JSON', async () => {
    const t = await createTestTenant();
    const res = await call(staffRoute.POST, {
      method: 'POST',
      path: '/api/staff',
      cookie: await t.cookie('owner'),
      rawBody: '{"email":',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('refuses an email that already has an account (in any tenant) with 409', async () => {
    const a = await createTestTenant();
    const b = await createTestTenant();
    const res = await call(staffRoute.POST, {
      method: 'POST',
      path: '/api/staff',
      cookie: await b.cookie('owner'),
      body: { email: a.users.admin.email, displayName: 'Dup', role: 'admin' },
    });
    expect(res.status).toBe(409);
    const claims = (await adminAuth().getUser(a.users.admin.uid)).customClaims;
    expect(claims).toEqual({ orgId: a.orgId, role: 'admin' });
  });

  it('only owners manage staff', async () => {
    const t = await createTestTenant();
    for (const role of ['admin', 'budtender'] as const) {
      const cookie = await t.cookie(role);
      expect((await call(staffRoute.GET, { path: '/api/staff', cookie })).status).toBe(403);
      expect(
        (
          await call(staffRoute.POST, {
            method: 'POST',
            path: '/api/staff',
            cookie,
            body: { email: `x-${role}@test.example`, displayName: 'X', role: 'owner' },
          })
        ).status,
      ).toBe(403);
      expect(
        (await call(staffMember.PATCH, { method: 'PATCH', path: '/api/staff/x', cookie, params: { uid: t.users.owner.uid }, body: { role: 'budtender' } }))
          .status,
      ).toBe(403);
    }
    expect((await adminAuth().getUser(t.users.owner.uid)).customClaims).toMatchObject({ role: 'owner' });
  });

  it('a role change takes effect at once: claims change and old sessions end', async () => {
    const t = await createTestTenant();
    const adminCookie = await sessionCookieFor(t.users.admin.email, t.users.admin.password);
    await pastRevocationSecond();
    const res = await call(staffMember.PATCH, {
      method: 'PATCH',
      path: `/api/staff/${t.users.admin.uid}`,
      cookie: await t.cookie('owner'),
      params: { uid: t.users.admin.uid },
      body: { role: 'budtender' },
    });
    expect(res.status).toBe(200);
    expect(res.body.staff.role).toBe('budtender');
    expect((await call(me.GET, { path: '/api/me', cookie: adminCookie })).status).toBe(401);
    const fresh = await sessionCookieFor(t.users.admin.email, t.users.admin.password);
    expect((await call(me.GET, { path: '/api/me', cookie: fresh })).body.user.role).toBe('budtender');
  });

  it('disabling a member blocks sign-in; enabling restores it', async () => {
    const t = await createTestTenant();
    const owner = await t.cookie('owner');
    await call(staffMember.PATCH, { method: 'PATCH', path: '/x', cookie: owner, params: { uid: t.users.budtender.uid }, body: { disabled: true } });
    await expect(signInWithPassword(t.users.budtender.email, t.users.budtender.password)).rejects.toThrow(/USER_DISABLED/);
    await call(staffMember.PATCH, { method: 'PATCH', path: '/x', cookie: owner, params: { uid: t.users.budtender.uid }, body: { disabled: false } });
    await expect(signInWithPassword(t.users.budtender.email, t.users.budtender.password)).resolves.toBeTruthy();
  });

  it('keeps at least one active owner', async () => {
    const t = await createTestTenant();
    const owner = await t.cookie('owner');
    const demote = await call(staffMember.PATCH, { method: 'PATCH', path: '/x', cookie: owner, params: { uid: t.users.owner.uid }, body: { role: 'admin' } });
    expect(demote.status).toBe(409);
    const disable = await call(staffMember.PATCH, { method: 'PATCH', path: '/x', cookie: owner, params: { uid: t.users.owner.uid }, body: { disabled: true } });
    expect(disable.status).toBe(409);
    expect((await tenantDb(t.orgId).staff.getOrThrow(t.users.owner.uid)).role).toBe('owner');
  });

  it('keeps one active owner when two owners demote or disable each other (or themselves) at the same moment', async () => {
    const t = await createTestTenant();
    const a = t.users.owner.uid;
    const b = t.users.admin.uid;
    const activeOwners = async () =>
      (await tenantDb(t.orgId).staff.ref.where('role', '==', 'owner').where('disabled', '==', false).get()).docs.map((d) => d.id);
    const rounds: Array<[string, UpdateStaffInput, string, UpdateStaffInput]> = [
      [b, { role: 'admin' }, a, { role: 'admin' }],
      [b, { disabled: true }, a, { role: 'budtender' }],
      [a, { role: 'admin' }, b, { disabled: true }],
    ];
    for (const [first, firstChange, second, secondChange] of rounds) {
      // Both are active owners again before each round.
      for (const uid of [a, b]) await updateStaff(t.ctx('owner'), uid, { role: 'owner', disabled: false });
      expect((await activeOwners()).sort()).toEqual([a, b].sort());
      const results = await Promise.allSettled([updateStaff(t.ctx('owner'), first, firstChange), updateStaff(t.ctx('owner'), second, secondChange)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'conflict', message: expect.stringMatching(/at least one active owner/) });
      const left = await activeOwners();
      expect(left).toHaveLength(1);
      expect((await adminAuth().getUser(left[0]!)).customClaims).toMatchObject({ role: 'owner' });
    }
  });

  it('reset password gives a new one-time password, the old one stops working', async () => {
    const t = await createTestTenant();
    const res = await call(resetRoute.POST, { method: 'POST', path: '/x', cookie: await t.cookie('owner'), params: { uid: t.users.budtender.uid } });
    expect(res.status).toBe(200);
    await expect(signInWithPassword(t.users.budtender.email, t.users.budtender.password)).rejects.toThrow(/INVALID/);
    await expect(signInWithPassword(t.users.budtender.email, res.body.temporaryPassword)).resolves.toBeTruthy();
  });
});
