import { describe, expect, it } from 'vitest';
import * as settingsRoute from '@/app/api/settings/loyalty/route';
import { LOYALTY_SETTINGS_DOC } from '@/domain/loyalty/settings';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { tenantSlugsCollection } from '@/server/db/platform-db';
import { resolveTenantSlug } from '@/server/services/tenants/tenant-slug';
import { createTenant } from '@/server/services/tenants/create-tenant';
import { systemClock } from '@/domain/clock';
import { call } from '../support/http';
import { createTestTenant } from '../support/tenant';

async function currentBody(cookie: string) {
  const res = await call(settingsRoute.GET, { cookie });
  expect(res.status).toBe(200);
  return res.body.settings;
}

describe('loyalty settings', () => {
  it('an owner saves: the programme changes and an audit entry names who, when, before and after', async () => {
    const t = await createTestTenant();
    const cookie = await t.cookie('owner');
    const body = await currentBody(cookie);
    body.points.pointsPerDollar = 2;
    body.menu.tagline = 'Two points a dollar this winter';
    body.menu.programmes.military = { enabled: true, percent: 15 };
    const res = await call(settingsRoute.PUT, { method: 'PUT', cookie, body });
    expect(res.status).toBe(200);
    const stored = await tenantDb(t.orgId).loyaltySettings.getOrThrow(LOYALTY_SETTINGS_DOC);
    expect(stored.points.pointsPerDollar).toBe(2);
    expect(stored.menu.programmes.military).toEqual({ enabled: true, percent: 15 });
    expect(stored.updatedBy).toBe(t.users.owner.uid);
    const audit = (await tenantDb(t.orgId).loyaltySettingsAudit.ref.get()).docs.map((d) => d.data());
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actorUid).toBe(t.users.owner.uid);
    expect(audit[0]!.actorEmail).toBe(t.users.owner.email);
    expect(audit[0]!.changes).toEqual(
      expect.arrayContaining([
        { path: 'points.pointsPerDollar', before: '1', after: '2' },
        { path: 'menu.programmes.military.enabled', before: 'false', after: 'true' },
      ]),
    );
    expect(JSON.parse(audit[0]!.before).points.pointsPerDollar).toBe(1);
    // The page lists it.
    const again = await call(settingsRoute.GET, { cookie });
    expect(again.body.audit[0].changes.length).toBe(audit[0]!.changes.length);
    expect(again.body.settings.points.pointsPerDollar).toBe(2);
  });

  it('an admin reads but may not save (403, nothing written); a budtender may not even read', async () => {
    const t = await createTestTenant();
    const adminCookie = await t.cookie('admin');
    const body = await currentBody(adminCookie);
    body.points.pointsPerDollar = 5;
    const put = await call(settingsRoute.PUT, { method: 'PUT', cookie: adminCookie, body });
    expect(put.status).toBe(403);
    expect(await tenantDb(t.orgId).loyaltySettings.get(LOYALTY_SETTINGS_DOC)).toBeNull();
    expect((await tenantDb(t.orgId).loyaltySettingsAudit.ref.get()).size).toBe(0);
    const budtender = await call(settingsRoute.GET, { cookie: await t.cookie('budtender') });
    expect(budtender.status).toBe(403);
    expect(JSON.stringify(budtender.body)).not.toContain('minSpendCents');
  });

  it('refuses an invalid programme with 422 naming each field, and writes nothing', async () => {
    const t = await createTestTenant();
    const cookie = await t.cookie('owner');
    const body = await currentBody(cookie);
    body.tiers.tiers[2].minSpendCents = 10_000; // below Silver's 50,000
    body.redemptions.rewards[0].pointsCost = 0;
    const res = await call(settingsRoute.PUT, { method: 'PUT', cookie, body });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.issues).toEqual([{ path: 'redemptions.rewards.0.pointsCost', message: expect.stringMatching(/^Points cost: /) }]);
    body.redemptions.rewards[0].pointsCost = 100;
    const tiers = await call(settingsRoute.PUT, { method: 'PUT', cookie, body });
    expect(tiers.status).toBe(422);
    expect(tiers.body.error.details.issues).toEqual([
      { path: 'tiers.tiers.2.minSpendCents', message: expect.stringContaining('Gold must need more spend than Silver') },
    ]);
    expect(await tenantDb(t.orgId).loyaltySettings.get(LOYALTY_SETTINGS_DOC)).toBeNull();
    expect((await tenantDb(t.orgId).loyaltySettingsAudit.ref.get()).size).toBe(0);
  });
});

describe('tenant slugs', () => {
  it('gives every new tenant a unique slug and resolves it to that tenant only', async () => {
    const name = `Slug Shop ${Date.now()}`;
    const [a, b] = await Promise.all([createTenant({ clock: systemClock }, { name }), createTenant({ clock: systemClock }, { name })]);
    expect(a.slug).toMatch(/^slug-shop-\d+/);
    expect(b.slug).not.toBe(a.slug);
    expect((await resolveTenantSlug(a.slug!)).orgId).toBe(a.id);
    expect((await resolveTenantSlug(b.slug!)).orgId).toBe(b.id);
    expect((await tenantSlugsCollection().getOrThrow(a.slug!)).orgId).toBe(a.id);
    await expect(resolveTenantSlug('no-such-shop-anywhere')).rejects.toMatchObject({ status: 404 });
    await expect(resolveTenantSlug('../tenants')).rejects.toMatchObject({ status: 404 });
    expect(JSON.stringify(await resolveTenantSlug(a.slug!))).not.toContain('contactEmail');
  });

  it('a tenant made before slugs gets one when first needed', async () => {
    const t = await createTestTenant('Old Shop');
    await tenantsCollection().update(t.orgId, { slug: (await import('firebase-admin/firestore')).FieldValue.delete() });
    const { ensureTenantSlug } = await import('@/server/services/tenants/tenant-slug');
    const slug = await ensureTenantSlug(t.orgId, new Date());
    expect((await resolveTenantSlug(slug)).orgId).toBe(t.orgId);
    expect(await ensureTenantSlug(t.orgId, new Date())).toBe(slug);
  });
});
