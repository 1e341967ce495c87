// Route cases for tests/integration/tenancy.test.ts: the locations settings API. Tenant A has a
// store first; B's session can neither list it, edit it, nor take its POS id.
import { expect } from 'vitest';
import { systemClock } from '@/domain/clock';
import type { Location } from '@/domain/location';
import { rolesFor } from '@/domain/roles';
import * as locationsRoute from '@/app/api/settings/locations/route';
import * as locationRoute from '@/app/api/settings/locations/[id]/route';
import { tenantDb } from '@/server/db/tenant-db';
import { createLocation } from '@/server/services/locations/save-location';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const open = [{ open: '09:00', close: '21:00' }];
export const VALID_LOCATION = {
  name: 'Tenancy Store',
  address: { line1: '1 Main St', city: 'Detroit', region: 'MI', postalCode: '48201', country: 'US' },
  timeZone: 'America/Detroit',
  businessHours: { mon: open, tue: open, wed: open, thu: open, fri: open, sat: open, sun: [] },
  externalIds: [] as string[],
};

const aLocations = new WeakMap<TestTenant, Promise<Location>>();
function aLocation(fx: Fx): Promise<Location> {
  if (!aLocations.has(fx.a)) {
    aLocations.set(
      fx.a,
      createLocation(
        { ...fx.a.ctx('owner'), clock: systemClock },
        { ...VALID_LOCATION, name: 'Only tenant A', externalIds: [`alleaves:tenancy-${fx.a.orgId}`] },
      ),
    );
  }
  return aLocations.get(fx.a)!;
}

export const LOCATION_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/settings/locations',
    handler: locationsRoute.GET,
    roles: rolesFor('settings:manage'),
    request: () => ({ path: '/api/settings/locations' }),
    crossTenant: async (fx, cookie) => {
      await aLocation(fx);
      const res = await call(locationsRoute.GET, { cookie, path: '/api/settings/locations' });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('Only tenant A');
    },
  },
  {
    route: 'POST /api/settings/locations',
    handler: locationsRoute.POST,
    roles: rolesFor('settings:manage'),
    request: () => ({ body: VALID_LOCATION }),
    crossTenant: async (fx, cookie) => {
      const a = await aLocation(fx);
      // External ids are unique within a tenant, not across: B may use the same POS id for its own store.
      const own = await call(locationsRoute.POST, { method: 'POST', cookie, body: { ...VALID_LOCATION, externalIds: a.externalIds } });
      expect(own.status).toBe(201);
      expect(await tenantDb(fx.b.orgId).locations.get(own.body.location.id)).not.toBeNull();
      expect(await tenantDb(fx.a.orgId).locations.get(own.body.location.id)).toBeNull();
      const sneaky = await call(locationsRoute.POST, { method: 'POST', cookie, body: { ...VALID_LOCATION, orgId: fx.a.orgId } });
      expect(sneaky.status).toBe(422);
    },
  },
  {
    route: 'PATCH /api/settings/locations/[id]',
    handler: locationRoute.PATCH,
    roles: rolesFor('settings:manage'),
    request: () => ({ params: { id: 'loc_x' }, body: { name: 'Renamed' } }),
    crossTenant: async (fx, cookie) => {
      const a = await aLocation(fx);
      for (const body of [{ name: 'Taken over' }, { archived: true }]) {
        const res = await call(locationRoute.PATCH, { method: 'PATCH', cookie, params: { id: a.id }, body });
        expect(res.status).toBe(404);
      }
      expect(await tenantDb(fx.a.orgId).locations.getOrThrow(a.id)).toMatchObject({ name: 'Only tenant A', archivedAt: null });
    },
  },
];
