// The customer list's CSV export, through the route as a browser calls it, against the real
// emulator: the same filter as the list, formula cells neutralised, contact and spend columns for
// owners and admins only, pages read one after another, and every export logged in the tenant.
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/customers/export/route';
import { customerModel } from '../support/fixtures';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { tenantDb } from '@/server/db/tenant-db';

const csv = (body: unknown) => parse(String(body), { bom: true }) as string[][];

async function seedShop(t: TestTenant) {
  const evil = await seedCustomer(t.orgId, {
    firstName: '=HYPERLINK("http://evil.example","Click")',
    lastName: '',
    email: 'mallory@example.com',
    phone: '+13135550111',
    segment: 'VIP',
    tags: ['+cmd', 'vip'],
    lifetimeValueCents: 123_456,
    pointsBalance: 40,
    lastOrderAt: new Date('2030-01-10T04:30:00Z'), // 9 January in Detroit
  });
  const ada = await seedCustomer(t.orgId, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+13135550142',
    segment: 'VIP',
    lifetimeValueCents: 52_000,
    pointsBalance: 300,
    lastOrderAt: new Date('2030-01-20T17:00:00Z'),
  });
  await seedCustomer(t.orgId, {
    firstName: 'Casual',
    lastName: 'Carl',
    email: 'carl@example.com',
    segment: 'Casual',
    lastOrderAt: new Date('2030-01-05T17:00:00Z'),
  });
  return { evil, ada };
}

describe('customer export', () => {
  it('an owner gets the filtered list with contact and spend, formulas neutralised, and the export logged', async () => {
    const t = await createTestTenant();
    await seedShop(t);
    const res = await call(exportRoute.GET, { cookie: await t.cookie('owner'), path: '/api/customers/export?segment=VIP' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    const rows = csv(res.body);
    expect(rows[0]).toEqual(['Name', 'Segment', 'Tier', 'Points', 'Last order', 'Tags', 'Email', 'Phone', 'Lifetime spend']);
    expect(rows.slice(1)).toEqual([
      ['Ada Lovelace', 'VIP', '', '300', '2030-01-20', '', 'ada@example.com', `'+13135550142`, '520.00'], // E.164 starts with +: text, not a formula
      [`'=HYPERLINK("http://evil.example","Click")`, 'VIP', '', '40', '2030-01-09', `'+cmd; vip`, 'mallory@example.com', `'+13135550111`, '1234.56'],
    ]);
    expect(String(res.body)).not.toContain('Carl');

    const logs = (await tenantDb(t.orgId).customerExports.ref.get()).docs.map((d) => d.data());
    expect(logs).toHaveLength(1);
    expect(logs[0]).toMatchObject({
      actorUid: t.users.owner.uid,
      role: 'owner',
      filter: { segment: 'VIP', sort: 'recent' },
      status: 'completed',
      rowCount: 2,
    });
    expect(logs[0]!.columns).toContain('email');
  });

  it('a budtender gets no contact or spend columns, and is refused a spend filter with nothing logged', async () => {
    const t = await createTestTenant();
    await seedShop(t);
    const cookie = await t.cookie('budtender');
    const res = await call(exportRoute.GET, { cookie, path: '/api/customers/export' });
    expect(res.status).toBe(200);
    const rows = csv(res.body);
    expect(rows[0]).toEqual(['Name', 'Segment', 'Tier', 'Points', 'Last order', 'Tags']);
    expect(rows).toHaveLength(4);
    expect(String(res.body)).not.toMatch(/@example\.com|5550142|520\.00|1234\.56/);

    for (const qs of ['spendMin=100', 'sort=value']) {
      const refused = await call(exportRoute.GET, { cookie, path: `/api/customers/export?${qs}` });
      expect(refused.status, qs).toBe(403);
    }
    const bad = await call(exportRoute.GET, { cookie, path: '/api/customers/export?q=ada&tag=vip' });
    expect(bad.status).toBe(400);
    const logs = (await tenantDb(t.orgId).customerExports.ref.get()).docs.map((d) => d.data());
    expect(logs.map((l) => [l.role, l.rowCount, l.columns.includes('email')])).toEqual([['budtender', 3, false]]);
  });

  it('reads a long list page after page: every customer once, in the list order', async () => {
    const t = await createTestTenant();
    const models = Array.from({ length: 1_030 }, (_, i) =>
      customerModel({ firstName: `Member${String(i).padStart(4, '0')}`, lastName: 'Long', tags: ['long'], pointsBalance: i }),
    );
    const db = tenantDb(t.orgId);
    for (let i = 0; i < models.length; i += 100) await Promise.all(models.slice(i, i + 100).map((m) => db.customers.create(m)));
    await seedCustomer(t.orgId, { firstName: 'Short', tags: ['short'] });
    const res = await call(exportRoute.GET, { cookie: await t.cookie('admin'), path: '/api/customers/export?tag=long&sort=points' });
    const names = csv(res.body)
      .slice(1)
      .map((r) => r[0]);
    expect(names).toHaveLength(1_030);
    expect(names[0]).toBe('Member1029 Long');
    expect(names.at(-1)).toBe('Member0000 Long');
    expect(new Set(names).size).toBe(1_030);
    const [log] = (await db.customerExports.ref.get()).docs.map((d) => d.data());
    expect(log).toMatchObject({ status: 'completed', rowCount: 1_030, filter: { tag: 'long', sort: 'points' } });
  });
});
