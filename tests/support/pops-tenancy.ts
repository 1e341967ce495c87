// Route cases for tests/integration/tenancy.test.ts: Pops's cards and questions (owners and admins),
// each reading only the session's own tenant.
import { expect } from 'vitest';
import * as popsRoute from '@/app/api/analytics/pops/route';
import * as askRoute from '@/app/api/analytics/pops/ask/route';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import type { RouteCase as Case } from './tenancy-cases';

/** Gives A's customer five orders, so A's funnel would show them if B could see it. */
const fiveOrders = (fx: Parameters<Case['crossTenant']>[0]) =>
  tenantDb(fx.a.orgId).customers.ref.doc(fx.aCustomerId).update({ orderCount: 5, lifetimeValueCents: 98_765, firstOrderAt: new Date() });

export const POPS_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/analytics/pops',
    handler: popsRoute.GET,
    roles: rolesFor('analytics:read'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await fiveOrders(fx);
      const res = await call(popsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.funnel.map((s: { customers: number }) => s.customers)).toEqual([0, 0, 0, 0]);
      expect(JSON.stringify(res.body)).not.toContain('98765');
    },
  },
  {
    route: 'POST /api/analytics/pops/ask',
    handler: askRoute.POST,
    roles: rolesFor('analytics:read'),
    request: () => ({ body: { ready: 'repeat_funnel' } }),
    crossTenant: async (fx, cookie) => {
      await fiveOrders(fx);
      const res = await call(askRoute.POST, { method: 'POST', cookie, body: { ready: 'repeat_funnel' } });
      expect(res.status).toBe(200);
      expect(res.body.answer).toMatch(/^0 customers have ordered/);
    },
  },
];
