// Tenancy cases for the Analytics routes (docs/analytics.md, The Analytics page): B's session reads
// B's rollups and settings only; a playbook id of A's is not found for B.
import { expect } from 'vitest';
import * as reportRoute from '@/app/api/analytics/route';
import * as csvRoute from '@/app/api/analytics/export.csv/route';
import * as pdfRoute from '@/app/api/analytics/export.pdf/route';
import * as resultsRoute from '@/app/api/playbooks/[id]/results/route';
import * as settingsRoute from '@/app/api/settings/analytics/route';
import { firestore } from '@/server/db/firestore';
import { tenantDb } from '@/server/db/tenant-db';
import { writeRollupDeltaInTx } from '@/server/services/analytics/rollups-in-tx';
import { localDayKey } from '@/domain/analytics/rollup-day';
import { rolesFor } from '@/domain/roles';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const seeded = new WeakMap<Fx['a'], Promise<void>>();
/** A's rollups today: 7 email sends and $123.45 attributed to a playbook of A's. */
function seedA(fx: Fx): Promise<void> {
  if (!seeded.has(fx.a)) {
    seeded.set(
      fx.a,
      (async () => {
        const now = new Date();
        const day = localDayKey(now, 'America/Detroit');
        const batch = firestore().batch();
        writeRollupDeltaInTx(
          batch,
          fx.a.orgId,
          {
            [day]: {
              [JSON.stringify(['channels', 'email', 'sends'])]: 7,
              [JSON.stringify(['playbooks', 'pb_tenancy_a', 'email', 'sends'])]: 7,
              [JSON.stringify(['attributedRevenueCents'])]: 12_345,
              [JSON.stringify(['playbooks', 'pb_tenancy_a', 'email', 'attributedRevenueCents'])]: 12_345,
            },
          },
          now,
        );
        await batch.commit();
      })(),
    );
  }
  return seeded.get(fx.a)!;
}

export const ANALYTICS_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/analytics',
    handler: reportRoute.GET,
    roles: rolesFor('analytics:read'),
    request: () => ({ path: '/api/analytics' }),
    crossTenant: async (fx, cookie) => {
      await seedA(fx);
      const res = await call(reportRoute.GET, { cookie, path: '/api/analytics' });
      expect(res.status).toBe(200);
      expect(res.body.totals.sends).toBe(0);
      expect(res.body.playbooks).toEqual([]);
    },
  },
  {
    route: 'GET /api/analytics/export.csv',
    handler: csvRoute.GET,
    roles: rolesFor('analytics:read'),
    request: () => ({ path: '/api/analytics/export.csv' }),
    crossTenant: async (fx, cookie) => {
      await seedA(fx);
      const res = await call(csvRoute.GET, { cookie, path: '/api/analytics/export.csv' });
      expect(res.status).toBe(200);
      expect(res.body).not.toContain('123.45');
    },
  },
  {
    route: 'GET /api/analytics/export.pdf',
    handler: pdfRoute.GET,
    roles: rolesFor('analytics:read'),
    request: () => ({ path: '/api/analytics/export.pdf' }),
    crossTenant: async (fx, cookie) => {
      await seedA(fx);
      const res = await call(pdfRoute.GET, { cookie, path: '/api/analytics/export.pdf' });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).not.toContain(fx.a.orgId);
    },
  },
  {
    route: 'GET /api/playbooks/[id]/results',
    handler: resultsRoute.GET,
    roles: rolesFor('analytics:read'),
    request: () => ({ params: { id: 'pb_tenancy_a' } }),
    crossTenant: async (fx, cookie) => {
      await seedA(fx);
      const res = await call(resultsRoute.GET, { cookie, params: { id: 'pb_tenancy_a' } });
      expect(res.status).toBe(404);
    },
  },
  {
    route: 'GET /api/settings/analytics',
    handler: settingsRoute.GET,
    roles: rolesFor('settings:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await tenantDb(fx.a.orgId).analyticsSettings.set({
        id: 'current',
        attribution: { clickWindowDays: 9, viewWindowDays: { email: 3, sms: 1 } },
        costs: { emailPer1000Cents: 77, smsPer1000Cents: 1_500, aiCallPer1000Cents: 1_000 },
        updatedAt: null,
        updatedBy: null,
      });
      const res = await call(settingsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.settings.costs.emailPer1000Cents).not.toBe(77);
    },
  },
  {
    route: 'PUT /api/settings/analytics',
    handler: settingsRoute.PUT,
    roles: rolesFor('settings:manage'),
    request: () => ({ body: { costs: { emailPer1000Cents: 200, smsPer1000Cents: 1_000, aiCallPer1000Cents: 500 } } }),
    crossTenant: async (fx, cookie) => {
      const before = await tenantDb(fx.a.orgId).analyticsSettings.get('current');
      const res = await call(settingsRoute.PUT, {
        method: 'PUT',
        cookie,
        body: { orgId: fx.a.orgId, costs: { emailPer1000Cents: 999, smsPer1000Cents: 999, aiCallPer1000Cents: 999 } },
      });
      expect(res.status).toBe(200);
      expect((await tenantDb(fx.a.orgId).analyticsSettings.get('current'))?.costs.emailPer1000Cents ?? null).toBe(before?.costs.emailPer1000Cents ?? null);
    },
  },
];
