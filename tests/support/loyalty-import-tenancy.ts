// Route cases for tests/integration/tenancy.test.ts: opening-balance imports (owners import, owners and admins read).
import { expect } from 'vitest';
import * as importsRoute from '@/app/api/loyalty/imports/route';
import * as importRoute from '@/app/api/loyalty/imports/[id]/route';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { importOpeningBalances } from '@/server/services/loyalty/import-opening-balances';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const CSV = 'email,points\nshared@example.com,77\n';

/** An import of tenant A's, naming A's customer (shared@example.com). */
async function aImported(fx: Fx): Promise<string> {
  const r = await importOpeningBalances(fx.a.ctx('owner'), { fileName: 'tenant-a-only.csv', csvText: CSV, dryRun: false });
  if (r.dryRun) throw new Error('expected an import');
  await r.followUp.run();
  return r.import.id;
}

export const LOYALTY_IMPORT_ROUTE_CASES: Case[] = [
  {
    route: 'POST /api/loyalty/imports',
    handler: importsRoute.POST,
    roles: rolesFor('loyalty-import:write'),
    request: () => ({ body: { fileName: 'probe.csv', csvText: CSV, dryRun: true } }),
    crossTenant: async (fx, cookie) => {
      // B's file names A's customer's email: B finds nobody, and A's points are untouched.
      const tdbA = tenantDb(fx.a.orgId);
      const before = { account: await tdbA.loyaltyAccounts.get(fx.aCustomerId), imports: (await tdbA.loyaltyImports.ref.get()).size };
      const res = await call(importsRoute.POST, { method: 'POST', cookie, body: { fileName: 'b.csv', csvText: CSV, dryRun: true, orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect(res.body.rows[0]).toMatchObject({ status: 'unmatched', customerId: null });
      const real = await call(importsRoute.POST, { method: 'POST', cookie, body: { fileName: 'b.csv', csvText: CSV, dryRun: false } });
      expect(real.status).toBe(202);
      await drainAfterResponse();
      expect(await tdbA.loyaltyAccounts.get(fx.aCustomerId)).toEqual(before.account);
      expect((await tdbA.loyaltyImports.ref.get()).size).toBe(before.imports);
      expect((await tenantDb(fx.b.orgId).loyaltyImports.ref.get()).size).toBeGreaterThan(0);
    },
  },
  {
    route: 'GET /api/loyalty/imports',
    handler: importsRoute.GET,
    roles: rolesFor('loyalty-import:read'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const id = await aImported(fx);
      const res = await call(importsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.imports.map((i: { id: string }) => i.id)).not.toContain(id);
    },
  },
  {
    route: 'GET /api/loyalty/imports/[id]',
    handler: importRoute.GET,
    roles: rolesFor('loyalty-import:read'),
    request: () => ({ params: { id: 'imp_none' } }),
    crossTenant: async (fx, cookie) => {
      const id = await aImported(fx);
      for (const path of [`/api/loyalty/imports/${id}`, `/api/loyalty/imports/${id}?format=csv`]) {
        const res = await call(importRoute.GET, { cookie, params: { id }, path });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
      }
    },
  },
];
