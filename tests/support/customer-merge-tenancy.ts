// Route cases for tests/integration/tenancy.test.ts: duplicate merge (candidates, preview, merge,
// the merges list, undo). Tenant A gets two profiles of one person and a merge of them first; B's
// session then must neither see nor change any of it.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import * as duplicatesRoute from '@/app/api/customers/[id]/duplicates/route';
import * as proposalsRoute from '@/app/api/customers/duplicates/route';
import * as previewRoute from '@/app/api/customers/merge/preview/route';
import * as mergeRoute from '@/app/api/customers/merge/route';
import * as undoRoute from '@/app/api/customers/merge/[id]/undo/route';
import { tenantDb } from '@/server/db/tenant-db';
import { scanDuplicates } from '@/server/services/customers/find-duplicates';
import { mergeCustomers } from '@/server/services/customers/merge-customers';
import { seedCustomer } from './fixtures';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

interface AMerge {
  /** A's profiles of "Secret Twin": two still apart, and the merge of two others. */
  left: string;
  right: string;
  mergeId: string;
}

const seeded = new WeakMap<TestTenant, Promise<AMerge>>();
function aMerge(fx: Fx): Promise<AMerge> {
  if (!seeded.has(fx.a)) {
    seeded.set(
      fx.a,
      (async () => {
        const twin = { firstName: 'Secret', lastName: 'Twin', phone: '+13135550911' };
        const [left, right, s, d] = await Promise.all([
          seedCustomer(fx.a.orgId, twin),
          seedCustomer(fx.a.orgId, twin),
          seedCustomer(fx.a.orgId, twin),
          seedCustomer(fx.a.orgId, twin),
        ]);
        const { merge } = await mergeCustomers(fx.a.ctx('owner'), { survivorId: s, duplicateId: d });
        while (!(await scanDuplicates(fx.a.ctx('owner'))).done);
        return { left, right, mergeId: merge.id };
      })(),
    );
  }
  return seeded.get(fx.a)!;
}

const state = async (fx: Fx, m: AMerge) => {
  const db = tenantDb(fx.a.orgId);
  const [l, r, merge] = await Promise.all([db.customers.getOrThrow(m.left), db.customers.getOrThrow(m.right), db.customerMerges.getOrThrow(m.mergeId)]);
  return { l: l.mergedInto ?? null, r: r.mergedInto ?? null, status: merge.status, updated: [l.updatedAt, r.updatedAt] };
};

export const CUSTOMER_MERGE_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/customers/[id]/duplicates',
    handler: duplicatesRoute.GET,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const m = await aMerge(fx);
      const res = await call(duplicatesRoute.GET, { cookie, params: { id: m.left } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Secret');
    },
  },
  {
    route: 'GET /api/customers/duplicates',
    handler: proposalsRoute.GET,
    roles: rolesFor('customers:write'),
    request: () => ({ path: '/api/customers/duplicates' }),
    crossTenant: async (fx, cookie) => {
      await aMerge(fx);
      expect((await tenantDb(fx.a.orgId).duplicateProposals.ref.get()).size).toBeGreaterThan(0);
      const res = await call(proposalsRoute.GET, { cookie, path: '/api/customers/duplicates' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('Secret');
    },
  },
  {
    route: 'POST /api/customers/duplicates',
    handler: proposalsRoute.POST,
    roles: rolesFor('customers:write'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await aMerge(fx);
      const before = (await tenantDb(fx.a.orgId).duplicateProposals.ref.get()).docs.map((d) => d.id).sort();
      const res = await call(proposalsRoute.POST, { method: 'POST', cookie });
      expect(res.status).toBe(200);
      // B's scan reads and writes only B: A's proposals are as they were, and B learned none of A's people.
      expect((await tenantDb(fx.a.orgId).duplicateProposals.ref.get()).docs.map((d) => d.id).sort()).toEqual(before);
      expect(JSON.stringify((await tenantDb(fx.b.orgId).duplicateProposals.ref.get()).docs.map((d) => d.data()))).not.toContain('Secret');
    },
  },
  {
    route: 'POST /api/customers/merge/preview',
    handler: previewRoute.POST,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ body: { survivorId: fx.aCustomerId, duplicateId: 'cus_nobody' } }),
    crossTenant: async (fx, cookie) => {
      const m = await aMerge(fx);
      const res = await call(previewRoute.POST, { method: 'POST', cookie, body: { survivorId: m.left, duplicateId: m.right } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Secret');
    },
  },
  {
    route: 'POST /api/customers/merge',
    handler: mergeRoute.POST,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ body: { survivorId: fx.aCustomerId, duplicateId: 'cus_nobody' } }),
    crossTenant: async (fx, cookie) => {
      const m = await aMerge(fx);
      const before = await state(fx, m);
      const res = await call(mergeRoute.POST, { method: 'POST', cookie, body: { survivorId: m.left, duplicateId: m.right } });
      expect(res.status).toBe(404);
      expect(await state(fx, m)).toEqual(before);
    },
  },
  {
    route: 'GET /api/customers/merge',
    handler: mergeRoute.GET,
    roles: rolesFor('customers:write'),
    request: () => ({ path: '/api/customers/merge' }),
    crossTenant: async (fx, cookie) => {
      const m = await aMerge(fx);
      for (const q of ['', `?customerId=${m.left}`]) {
        const res = await call(mergeRoute.GET, { cookie, path: `/api/customers/merge${q}` });
        expect(res.status).toBe(200);
        expect(JSON.stringify(res.body)).not.toContain(m.mergeId);
        expect(JSON.stringify(res.body)).not.toContain('Secret');
      }
    },
  },
  {
    route: 'POST /api/customers/merge/[id]/undo',
    handler: undoRoute.POST,
    roles: rolesFor('customers:write'),
    request: () => ({ params: { id: 'mrg_nothing' } }),
    crossTenant: async (fx, cookie) => {
      const m = await aMerge(fx);
      const before = await state(fx, m);
      const res = await call(undoRoute.POST, { method: 'POST', cookie, params: { id: m.mergeId } });
      expect(res.status).toBe(404);
      expect(await state(fx, m)).toEqual(before);
    },
  },
];
