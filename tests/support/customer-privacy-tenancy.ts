// Route cases for tests/integration/tenancy.test.ts: privacy requests (export, erase). Tenant B's owner
// must neither download A's customer nor erase them.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import * as exportRoute from '@/app/api/customers/[id]/privacy-export/route';
import * as eraseRoute from '@/app/api/customers/[id]/erase/route';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import type { RouteCase as Case } from './tenancy-cases';

export const CUSTOMER_PRIVACY_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/customers/[id]/privacy-export',
    handler: exportRoute.GET,
    roles: rolesFor('customers:privacy'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(exportRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(fx.aCustomerId + '-');
      // Neither tenant logs an export of A's customer.
      expect((await tenantDb(fx.a.orgId).privacyRequests.ref.where('customerId', '==', fx.aCustomerId).get()).size).toBe(0);
    },
  },
  {
    route: 'POST /api/customers/[id]/erase',
    handler: eraseRoute.POST,
    roles: rolesFor('customers:privacy'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { reason: 'probe', confirm: 'ERASE' } }),
    crossTenant: async (fx, cookie) => {
      const before = await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId);
      const res = await call(eraseRoute.POST, { method: 'POST', cookie, params: { id: fx.aCustomerId }, body: { reason: 'From B', confirm: 'ERASE' } });
      expect(res.status).toBe(404);
      const after = await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId);
      expect(after.erasedAt ?? null).toBeNull();
      expect(after.searchKeys).toEqual(before.searchKeys);
      expect((await tenantDb(fx.b.orgId).privacyRequests.ref.get()).size).toBe(0);
    },
  },
];
