// Route cases for tests/integration/tenancy.test.ts: saved segments. Tenant A has a saved segment
// its customer is in; B's session must neither see, count nor change it, and B's own segments and
// previews count only B's customers.
import { expect } from 'vitest';
import * as listRoute from '@/app/api/saved-segments/route';
import * as oneRoute from '@/app/api/saved-segments/[id]/route';
import * as previewRoute from '@/app/api/saved-segments/preview/route';
import type { SavedSegment } from '@/domain/crm/saved-segment';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { createSavedSegment } from '@/server/services/crm/saved-segments';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const definition = { conditions: [{ kind: 'points', min: 0 }] };
const body = { name: 'Everyone probe', definition };

const aSegments = new WeakMap<Fx['a'], Promise<SavedSegment>>();
/** A saved segment everyone of A is in, its pass finished. */
function aSegment(fx: Fx): Promise<SavedSegment> {
  if (!aSegments.has(fx.a)) {
    aSegments.set(
      fx.a,
      (async () => {
        const { segment, followUp } = await createSavedSegment(fx.a.ctx('owner'), { name: 'A only', definition });
        await followUp.run();
        return segment;
      })(),
    );
  }
  return aSegments.get(fx.a)!;
}

const aMember = async (fx: Fx, id: string) => ((await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId)).savedSegmentIds ?? []).includes(id);

export const SAVED_SEGMENT_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/saved-segments',
    handler: listRoute.GET,
    roles: rolesFor('customers:read'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const a = await aSegment(fx);
      const res = await call(listRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.segments.map((s: { id: string }) => s.id)).not.toContain(a.id);
    },
  },
  {
    route: 'POST /api/saved-segments',
    handler: listRoute.POST,
    roles: rolesFor('segments:manage'),
    request: () => ({ body }),
    crossTenant: async (fx, cookie) => {
      await aSegment(fx);
      const res = await call(listRoute.POST, { method: 'POST', cookie, body: { ...body, orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      await drainAfterResponse();
      // B's segment of everyone marked none of A's customers.
      expect(await aMember(fx, res.body.segment.id)).toBe(false);
      expect(await tenantDb(fx.a.orgId).savedSegments.get(res.body.segment.id)).toBeNull();
    },
  },
  {
    route: 'POST /api/saved-segments/preview',
    handler: previewRoute.POST,
    roles: rolesFor('customers:read'),
    request: () => ({ body: { definition } }),
    crossTenant: async (fx, cookie) => {
      const bCount = (await tenantDb(fx.b.orgId).customers.ref.count().get()).data().count;
      const res = await call(previewRoute.POST, { method: 'POST', cookie, body: { definition } });
      expect(res.status).toBe(200);
      expect(res.body.count).toBe(bCount);
    },
  },
  {
    route: 'GET /api/saved-segments/[id]',
    handler: oneRoute.GET,
    roles: rolesFor('customers:read'),
    request: () => ({ params: { id: 'seg_0000' } }),
    crossTenant: async (fx, cookie) => {
      const a = await aSegment(fx);
      const res = await call(oneRoute.GET, { cookie, params: { id: a.id } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('A only');
    },
  },
  {
    route: 'PUT /api/saved-segments/[id]',
    handler: oneRoute.PUT,
    roles: rolesFor('segments:manage'),
    request: () => ({ params: { id: 'seg_0000' }, body }),
    crossTenant: async (fx, cookie) => {
      const a = await aSegment(fx);
      const res = await call(oneRoute.PUT, { method: 'PUT', cookie, params: { id: a.id }, body: { name: 'Taken', definition } });
      expect(res.status).toBe(404);
      expect((await tenantDb(fx.a.orgId).savedSegments.getOrThrow(a.id)).name).toBe('A only');
    },
  },
  {
    route: 'DELETE /api/saved-segments/[id]',
    handler: oneRoute.DELETE,
    roles: rolesFor('segments:manage'),
    request: () => ({ params: { id: 'seg_0000' } }),
    crossTenant: async (fx, cookie) => {
      const a = await aSegment(fx);
      const res = await call(oneRoute.DELETE, { method: 'DELETE', cookie, params: { id: a.id } });
      expect(res.status).toBe(404);
      await drainAfterResponse();
      expect((await tenantDb(fx.a.orgId).savedSegments.getOrThrow(a.id)).archived).toBe(false);
      expect(await aMember(fx, a.id)).toBe(true);
    },
  },
];
