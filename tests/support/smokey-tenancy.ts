// Route cases for tests/integration/tenancy.test.ts: Smokey's suggestions (every staff role, the
// tenant's own customers and catalog) and the owner's excluded categories.
import { expect } from 'vitest';
import * as recommendationsRoute from '@/app/api/customers/[id]/recommendations/route';
import * as upsellRoute from '@/app/api/recommendations/upsell/route';
import * as productsRoute from '@/app/api/products/route';
import * as settingsRoute from '@/app/api/settings/recommendations/route';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import { seedProduct } from './smokey';
import type { RouteCase as Case } from './tenancy-cases';

export const SMOKEY_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/customers/[id]/recommendations',
    handler: recommendationsRoute.GET,
    roles: rolesFor('customers:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(recommendationsRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
    },
  },
  {
    route: 'POST /api/recommendations/upsell',
    handler: upsellRoute.POST,
    roles: rolesFor('customers:read'),
    request: () => ({ body: { productIds: ['p_none'] } }),
    crossTenant: async (fx, cookie) => {
      const now = new Date();
      const [flower] = await Promise.all([
        seedProduct(fx.a.orgId, { id: `p_a_flower_${fx.a.orgId.slice(-6)}`, name: 'Secret of A Flower', category: 'flower' }, now),
        seedProduct(fx.a.orgId, { id: `p_a_lighter_${fx.a.orgId.slice(-6)}`, name: 'Secret of A Lighter', category: 'accessory', strainType: 'none' }, now),
      ]);
      const res = await call(upsellRoute.POST, { method: 'POST', cookie, body: { productIds: [flower.id] } });
      expect(res.status).toBe(200);
      expect(res.body.suggestions).toEqual([]);
      expect(JSON.stringify(res.body)).not.toContain('Secret of A');
    },
  },
  {
    route: 'GET /api/products',
    handler: productsRoute.GET,
    roles: rolesFor('customers:read'),
    request: () => ({ path: '/api/products?q=Secret' }),
    crossTenant: async (fx, cookie) => {
      await seedProduct(fx.a.orgId, { id: `p_a_find_${fx.a.orgId.slice(-6)}`, name: 'Secret of A Tincture', category: 'tincture' }, new Date());
      const res = await call(productsRoute.GET, { cookie, path: '/api/products?q=Secret%20of%20A' });
      expect(res.status).toBe(200);
      expect(res.body.products).toEqual([]);
    },
  },
  {
    route: 'PUT /api/settings/recommendations',
    handler: settingsRoute.PUT,
    roles: rolesFor('settings:manage'),
    request: () => ({ body: { excludedCategories: ['concentrate'] } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(settingsRoute.PUT, { method: 'PUT', cookie, body: { excludedCategories: ['vape'], orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect(await tenantDb(fx.a.orgId).recommendationSettings.get('current')).toBeNull();
      expect((await tenantDb(fx.b.orgId).recommendationSettings.getOrThrow('current')).excludedCategories).toEqual(['vape']);
    },
  },
];
