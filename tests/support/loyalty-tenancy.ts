// Route cases for tests/integration/tenancy.test.ts: the counter's loyalty API (tablet lookup and
// sign-up, PINs, redemptions, the audit). Each crossTenant check gives tenant A a member with a
// redemption first, then proves B's session can neither see nor change them.
import { expect } from 'vitest';
import type { Redemption } from '@/domain/loyalty/redemption';
import { rolesFor } from '@/domain/roles';
import * as membersRoute from '@/app/api/loyalty/tablet/members/route';
import * as memberRoute from '@/app/api/loyalty/tablet/members/[id]/route';
import * as pinRoute from '@/app/api/loyalty/tablet/members/[id]/pin/route';
import * as redemptionsRoute from '@/app/api/loyalty/redemptions/route';
import * as cancelRoute from '@/app/api/loyalty/redemptions/[id]/cancel/route';
import * as auditRoute from '@/app/api/loyalty/audit/route';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import { givePoints, issueCoupon } from './loyalty';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

export const PUBLIC_LOYALTY_ROUTES: Record<string, string> = {
  'POST /api/loyalty/coupons/[code]/redeem':
    'the POS: a Bearer API key with the coupons scope names the tenant (401 without, 403 without the scope, another tenant’s code is 404); see loyalty-coupons.test.ts',
};

const aRedemptions = new WeakMap<TestTenant, Promise<Redemption>>();
/** Tenant A's member with 300 points and one issued coupon (by override, so also an audit entry). */
function aRedemption(fx: Fx): Promise<Redemption> {
  if (!aRedemptions.has(fx.a)) {
    const ctx = fx.a.ctx('owner');
    aRedemptions.set(
      fx.a,
      givePoints(ctx, fx.aCustomerId, 400).then(() => issueCoupon(ctx, fx.aCustomerId, 'five-off')),
    );
  }
  return aRedemptions.get(fx.a)!;
}

const available = async (fx: Fx) => (await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId)).loyalty?.available;

const signUp = { firstName: 'Probe', lastName: 'Member', phone: '+13135550199', dateOfBirth: '1990-01-01', smsConsent: false, emailConsent: false };

export const LOYALTY_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/loyalty/tablet/members',
    handler: membersRoute.GET,
    roles: rolesFor('loyalty:redeem'),
    request: () => ({ path: '/api/loyalty/tablet/members?phone=%2B13135550199' }),
    crossTenant: async (fx, cookie) => {
      await aRedemption(fx);
      const res = await call(membersRoute.GET, { cookie, path: '/api/loyalty/tablet/members?phone=%2B13135550199' });
      expect(res.status).toBe(200);
      expect(res.body.members.map((m: { id: string }) => m.id)).not.toContain(fx.aCustomerId);
    },
  },
  {
    route: 'POST /api/loyalty/tablet/members',
    handler: membersRoute.POST,
    roles: rolesFor('loyalty:redeem'),
    request: () => ({ body: signUp }),
    crossTenant: async (fx, cookie) => {
      // A's member's number is free in B: B's sign-up makes B's own member and leaves A's alone.
      const res = await call(membersRoute.POST, { method: 'POST', cookie, body: signUp });
      expect(res.status).toBe(201);
      expect(res.body.member.id).not.toBe(fx.aCustomerId);
      expect(await tenantDb(fx.b.orgId).customers.get(res.body.member.id)).not.toBeNull();
      expect(await tenantDb(fx.a.orgId).customers.get(res.body.member.id)).toBeNull();
      expect((await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId)).firstName).toBe('Shared');
    },
  },
  {
    route: 'GET /api/loyalty/tablet/members/[id]',
    handler: memberRoute.GET,
    roles: rolesFor('loyalty:redeem'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      await aRedemption(fx);
      const res = await call(memberRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Shared');
    },
  },
  {
    route: 'POST /api/loyalty/tablet/members/[id]/pin',
    handler: pinRoute.POST,
    roles: rolesFor('loyalty:redeem'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(pinRoute.POST, { method: 'POST', cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(await tenantDb(fx.a.orgId).loyaltyPins.get(fx.aCustomerId)).toBeNull();
      expect(await tenantDb(fx.b.orgId).loyaltyPins.get(fx.aCustomerId)).toBeNull();
    },
  },
  {
    route: 'POST /api/loyalty/redemptions',
    handler: redemptionsRoute.POST,
    roles: rolesFor('loyalty:redeem'),
    request: (fx) => ({
      body: { redemptionId: 'probe-redemption-1', customerId: fx.aCustomerId, rewardId: 'five-off', override: { reason: 'tenancy probe' } },
    }),
    crossTenant: async (fx, cookie) => {
      const red = await aRedemption(fx);
      const before = await available(fx);
      const res = await call(redemptionsRoute.POST, {
        method: 'POST',
        cookie,
        body: { redemptionId: 'probe-redemption-2', customerId: fx.aCustomerId, rewardId: 'five-off', override: { reason: 'tenancy probe' } },
      });
      expect(res.status).toBe(404);
      // A's redemption id replayed in B names nothing there.
      const replay = await call(redemptionsRoute.POST, {
        method: 'POST',
        cookie,
        body: { redemptionId: red.id, customerId: fx.aCustomerId, rewardId: 'five-off', override: { reason: 'tenancy probe' } },
      });
      expect(replay.status).toBe(404);
      expect(JSON.stringify(replay.body)).not.toContain(red.couponCode);
      expect(await available(fx)).toBe(before);
    },
  },
  {
    route: 'POST /api/loyalty/redemptions/[id]/cancel',
    handler: cancelRoute.POST,
    roles: rolesFor('loyalty:redeem'),
    request: () => ({ params: { id: 'probe-redemption-1' } }),
    crossTenant: async (fx, cookie) => {
      const red = await aRedemption(fx);
      const before = await available(fx);
      const res = await call(cancelRoute.POST, { method: 'POST', cookie, params: { id: red.id } });
      expect(res.status).toBe(404);
      expect((await tenantDb(fx.a.orgId).loyaltyRedemptions.getOrThrow(red.id)).status).toBe('issued');
      expect(await available(fx)).toBe(before);
    },
  },
  {
    route: 'GET /api/loyalty/audit',
    handler: auditRoute.GET,
    roles: rolesFor('loyalty:audit'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const red = await aRedemption(fx);
      const res = await call(auditRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(red.id);
      // A's owner does see it: the check above can fail.
      const own = await call(auditRoute.GET, { cookie: await fx.a.cookie('owner') });
      expect(JSON.stringify(own.body)).toContain(red.id);
    },
  },
];
