// Route case for tests/integration/tenancy.test.ts: the customer list's CSV export. Tenant B's
// export, with and without filters, never carries tenant A's customer, and its log stays in B.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import * as exportRoute from '@/app/api/customers/export/route';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import type { RouteCase as Case } from './tenancy-cases';

export const CUSTOMER_EXPORT_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/customers/export',
    handler: exportRoute.GET,
    roles: rolesFor('customers:read'),
    request: () => ({ path: '/api/customers/export' }),
    crossTenant: async (fx, cookie) => {
      for (const q of ['', '?q=shared', '?q=shared%40example.com', '?segment=New', '?emailConsent=opted_in']) {
        const res = await call(exportRoute.GET, { cookie, path: `/api/customers/export${q}` });
        expect(res.status, q).toBe(200);
        expect(String(res.body), q).not.toMatch(/Shared|shared@example\.com|5550199/);
      }
      expect((await tenantDb(fx.a.orgId).customerExports.ref.get()).size).toBe(0);
      expect((await tenantDb(fx.b.orgId).customerExports.ref.get()).size).toBe(5);
    },
  },
];
