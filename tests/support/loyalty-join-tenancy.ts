// Route cases for tests/integration/tenancy.test.ts: the loyalty settings API, and the public
// loyalty routes (join, the member's sign-in and page) with the reasons they take no staff session.
import { expect } from 'vitest';
import * as settingsRoute from '@/app/api/settings/loyalty/route';
import { defaultLoyaltySettings, LOYALTY_SETTINGS_DOC } from '@/domain/loyalty/settings';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { editableSettings, saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const body = () => editableSettings(defaultLoyaltySettings());

/** Tenant A's own programme: a tagline only A has. */
async function aSaved(fx: Fx) {
  const mine = body();
  mine.menu.tagline = `Only tenant A ${fx.a.orgId}`;
  await saveLoyaltySettings(fx.a.ctx('owner'), mine);
  return mine.menu.tagline;
}

export const PUBLIC_LOYALTY_ROUTES: Record<string, string> = {
  'POST /api/join/[slug]':
    'public join form: the slug names the dispensary; honeypot, signed form token with a minimum fill time, limits per address and phone; see loyalty-join.test.ts',
  'POST /api/my/[slug]/code':
    'member sign-in: sends a one-time code; same answer for anyone; limited per identifier and address; see loyalty-member-page.test.ts',
  'POST /api/my/[slug]/session': 'member sign-in: checks the code (5 tries, 10 minutes, once) and sets the member cookie; see loyalty-member-page.test.ts',
  'DELETE /api/my/[slug]/session': 'member sign-out: clears the member cookie only',
  'GET /api/my/[slug]':
    "the member's own page: the signed member cookie (its own key, bound to the dispensary); another member, dispensary or a staff session gets 401; see loyalty-member-page.test.ts",
};

export const LOYALTY_SETTINGS_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/settings/loyalty',
    handler: settingsRoute.GET,
    roles: rolesFor('loyalty-settings:read'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const tagline = await aSaved(fx);
      const res = await call(settingsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(tagline);
    },
  },
  {
    route: 'PUT /api/settings/loyalty',
    handler: settingsRoute.PUT,
    roles: rolesFor('loyalty-settings:write'),
    request: () => ({ body: body() }),
    crossTenant: async (fx, cookie) => {
      const tagline = await aSaved(fx);
      const auditBefore = (await tenantDb(fx.a.orgId).loyaltySettingsAudit.ref.get()).size;
      const theirs = body();
      theirs.menu.tagline = 'Written by tenant B';
      const res = await call(settingsRoute.PUT, { method: 'PUT', cookie, body: { ...theirs, orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect((await tenantDb(fx.a.orgId).loyaltySettings.getOrThrow(LOYALTY_SETTINGS_DOC)).menu.tagline).toBe(tagline);
      expect((await tenantDb(fx.a.orgId).loyaltySettingsAudit.ref.get()).size).toBe(auditBefore);
      expect((await tenantDb(fx.b.orgId).loyaltySettings.getOrThrow(LOYALTY_SETTINGS_DOC)).menu.tagline).toBe('Written by tenant B');
    },
  },
];
