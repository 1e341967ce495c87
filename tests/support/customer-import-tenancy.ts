// Route cases for tests/integration/tenancy.test.ts: customer CSV imports (owners and admins).
import { expect } from 'vitest';
import * as importRoute from '@/app/api/customers/import/[id]/route';
import * as importsRoute from '@/app/api/customers/import/route';
import * as previewRoute from '@/app/api/customers/import/preview/route';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { startCustomerImport } from '@/server/services/crm/import-customers';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

// Names A's customer (shared@example.com, +13135550199) with a new last name and a tag.
const CSV = 'email,phone,last name,tags\nshared@example.com,3135550199,Changed,from-b\nnot-an-email,,,\n';

/** An import of tenant A's (with one bad row, so its download has A's data in it). */
async function aImported(fx: Fx): Promise<string> {
  const { job, followUp } = await startCustomerImport(fx.a.ctx('owner'), { fileName: 'tenant-a-only.csv', csvText: CSV });
  await followUp.run();
  return job.id;
}

async function aUntouched(fx: Fx) {
  const c = await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId);
  expect(c.lastName).not.toBe('Changed');
  expect(c.tags).not.toContain('from-b');
}

export const CUSTOMER_IMPORT_ROUTE_CASES: Case[] = [
  {
    route: 'POST /api/customers/import/preview',
    handler: previewRoute.POST,
    roles: rolesFor('customers:write'),
    request: () => ({ body: { fileName: 'probe.csv', csvText: CSV } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(previewRoute.POST, { method: 'POST', cookie, body: { fileName: 'b.csv', csvText: CSV, orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect((await tenantDb(fx.a.orgId).customerImports.ref.get()).size).toBe(0);
      await aUntouched(fx);
    },
  },
  {
    route: 'POST /api/customers/import',
    handler: importsRoute.POST,
    roles: rolesFor('customers:write'),
    request: () => ({ body: { fileName: 'probe.csv', csvText: CSV } }),
    crossTenant: async (fx, cookie) => {
      // B's file names A's customer: B gets a customer of its own, A's is untouched.
      const before = (await tenantDb(fx.a.orgId).customerImports.ref.get()).size;
      const res = await call(importsRoute.POST, { method: 'POST', cookie, body: { fileName: 'b.csv', csvText: CSV, orgId: fx.a.orgId } });
      expect(res.status).toBe(202);
      await drainAfterResponse();
      await aUntouched(fx);
      expect((await tenantDb(fx.a.orgId).customerImports.ref.get()).size).toBe(before);
      expect((await tenantDb(fx.b.orgId).customers.ref.where('email', '==', 'shared@example.com').get()).size).toBe(1);
    },
  },
  {
    route: 'GET /api/customers/import',
    handler: importsRoute.GET,
    roles: rolesFor('customers:write'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const id = await aImported(fx);
      const res = await call(importsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.imports.map((i: { id: string }) => i.id)).not.toContain(id);
    },
  },
  {
    route: 'GET /api/customers/import/[id]',
    handler: importRoute.GET,
    roles: rolesFor('customers:write'),
    request: () => ({ params: { id: 'cim_none' } }),
    crossTenant: async (fx, cookie) => {
      const id = await aImported(fx);
      for (const path of [`/api/customers/import/${id}`, `/api/customers/import/${id}?format=csv`]) {
        const res = await call(importRoute.GET, { cookie, params: { id }, path });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('not-an-email');
      }
    },
  },
  {
    route: 'POST /api/customers/import/[id]',
    handler: importRoute.POST,
    roles: rolesFor('customers:write'),
    request: () => ({ params: { id: 'cim_none' } }),
    crossTenant: async (fx, cookie) => {
      const id = await aImported(fx);
      await tenantDb(fx.a.orgId).customerImports.update(id, { status: 'failed', error: 'Stopped for the test.' });
      const res = await call(importRoute.POST, { method: 'POST', cookie, params: { id } });
      expect(res.status).toBe(404);
      expect((await tenantDb(fx.a.orgId).customerImports.getOrThrow(id)).status).toBe('failed');
    },
  },
];
