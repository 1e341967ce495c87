// Route cases for tests/integration/tenancy.test.ts: Mrs. Parker's questions (every staff role, about
// the tenant's own customers) and bonus campaign suggestions (owners and admins, drafts in their own tenant).
import { expect } from 'vitest';
import * as askRoute from '@/app/api/customers/[id]/loyalty/ask/route';
import * as suggestionsRoute from '@/app/api/loyalty/suggestions/route';
import * as draftRoute from '@/app/api/loyalty/suggestions/[key]/draft/route';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import { givePoints } from './loyalty';
import type { RouteCase as Case } from './tenancy-cases';

const playbookCount = async (orgId: string) => (await tenantDb(orgId).playbooks.ref.count().get()).data().count;

export const LOYALTY_PARKER_ROUTE_CASES: Case[] = [
  {
    route: 'POST /api/customers/[id]/loyalty/ask',
    handler: askRoute.POST,
    roles: rolesFor('customers:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { question: 'Why this balance?' } }),
    crossTenant: async (fx, cookie) => {
      await givePoints(fx.a.ctx('owner'), fx.aCustomerId, 321);
      const res = await call(askRoute.POST, { method: 'POST', cookie, params: { id: fx.aCustomerId }, body: { question: 'Why this balance?' } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('321');
    },
  },
  {
    route: 'GET /api/loyalty/suggestions',
    handler: suggestionsRoute.GET,
    roles: rolesFor('playbooks:write'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await givePoints(fx.a.ctx('owner'), fx.aCustomerId, 50);
      const res = await call(suggestionsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      // B's suggestions are built from B's figures: A's members are not counted.
      const tierUp = res.body.suggestions.find((s: { key: string }) => s.key === 'tier_up_bonus');
      expect(tierUp.why).toMatch(/^Members by tier: 0 Bronze/);
    },
  },
  {
    route: 'POST /api/loyalty/suggestions/[key]/draft',
    handler: draftRoute.POST,
    roles: rolesFor('playbooks:write'),
    request: () => ({ params: { key: 'tier_up_bonus' }, body: {} }),
    crossTenant: async (fx, cookie) => {
      const before = await playbookCount(fx.a.orgId);
      const res = await call(draftRoute.POST, { method: 'POST', cookie, params: { key: 'tier_up_bonus' }, body: { orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      expect(await playbookCount(fx.a.orgId)).toBe(before);
      expect((await tenantDb(fx.b.orgId).playbooks.get(res.body.playbook.id))?.status).toBe('draft');
    },
  },
];
