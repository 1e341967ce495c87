// Search at the counter, against the real emulator with the index guard on: every search is one
// array-contains query on the profile's search keys in the list's order, served by a declared index.
import { FieldValue } from 'firebase-admin/firestore';
import { beforeAll, describe, expect, it } from 'vitest';
import * as customersRoute from '@/app/api/customers/route';
import { tenantDb } from '@/server/db/tenant-db';
import { backfillSearchKeys } from '@/server/services/customers/backfill-search-keys';
import { listCustomers } from '@/server/services/customers/list-customers';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let other: TestTenant;
const ids: Record<string, string> = {};

const found = async (q: string, sort?: 'recent' | 'name' | 'newest' | 'value') => (await listCustomers(t.ctx('owner'), { q, sort })).customers.map((c) => c.id);

beforeAll(async () => {
  [t, other] = await Promise.all([createTestTenant(), createTestTenant()]);
  const day = (n: number) => new Date(Date.UTC(2030, 0, n));
  ids.ada = await seedCustomer(t.orgId, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada.lovelace@example.com',
    phone: '+13135550142',
    externalIds: ['alleaves:AL-7781', 'shopify:4410987'],
    lifetimeValueCents: 52_000,
    lastOrderAt: day(3),
  });
  ids.grace = await seedCustomer(t.orgId, {
    firstName: 'Grace',
    lastName: 'Hopper',
    email: 'grace@navy.example',
    phone: '+12125550199',
    lifetimeValueCents: 9_000,
    lastOrderAt: day(5),
  });
  ids.jose = await seedCustomer(t.orgId, { firstName: 'José', lastName: 'Núñez', phone: '+16175550123', lastOrderAt: day(1) });
  // The same last name in another dispensary must never appear here.
  await seedCustomer(other.orgId, {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada.lovelace@example.com',
    phone: '+13135550142',
    externalIds: ['alleaves:AL-7781'],
  });
});

describe('customer search', () => {
  it('finds by last name, "first last", and a first name typed in any case and without accents', async () => {
    expect(await found('lovel')).toEqual([ids.ada]);
    expect(await found('Ada Lov')).toEqual([ids.ada]);
    expect(await found('GRACE')).toEqual([ids.grace]);
    expect(await found('jose nu')).toEqual([ids.jose]);
    expect(await found('núñez')).toEqual([ids.jose]);
  });

  it('finds by the last 4 digits, a middle part of the phone, and the full number as typed', async () => {
    expect(await found('0142')).toEqual([ids.ada]);
    expect(await found('5550')).toEqual([ids.grace, ids.ada, ids.jose]); // every one, most recent first
    expect(await found('3555')).toEqual([ids.ada]);
    expect(await found('(212) 555-0199')).toEqual([ids.grace]);
    const page = await listCustomers(t.ctx('owner'), { q: '+1 617 555 0123' });
    expect(page).toMatchObject({ matchedBy: 'phone', customers: [{ id: ids.jose }] });
  });

  it('finds by an email prefix and the whole email', async () => {
    expect(await found('ada.lo@')).toEqual([ids.ada]);
    expect(await found('GRACE@NAVY.EXAMPLE')).toEqual([ids.grace]);
  });

  it('finds by an external id, with or without its provider, a numeric one by its digits', async () => {
    expect(await found('alleaves:AL-7781')).toEqual([ids.ada]);
    expect(await found('al-7781')).toEqual([ids.ada]);
    expect(await found('4410987')).toEqual([ids.ada]);
  });

  it('finds nothing for what it cannot match: a name infix, "last first", a phone part under 4 digits, another email', async () => {
    for (const q of ['velace', 'Lovelace Ada', '014', 'ada.lovelace@other.example', 'al-7782', 'zed']) expect(await found(q), q).toEqual([]);
  });

  it('never shows another dispensary’s customers', async () => {
    for (const q of ['lovelace', '0142', 'ada.lovelace@example.com', 'alleaves:AL-7781']) expect(await found(q), q).toEqual([ids.ada]);
    const theirs = (await listCustomers(other.ctx('owner'), { q: 'lovelace' })).customers;
    expect(theirs).toHaveLength(1);
    expect(theirs[0]!.id).not.toBe(ids.ada);
  });

  it('pages a search in the list’s order with a cursor, each match exactly once', async () => {
    const shared = await Promise.all(
      Array.from({ length: 5 }, (_, i) => seedCustomer(t.orgId, { firstName: `Pat${i}`, lastName: 'Pager', createdAt: new Date(Date.UTC(2029, 0, 1 + i)) })),
    );
    for (const sort of ['name', 'newest', 'recent', 'value'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listCustomers(t.ctx('owner'), { q: 'pager', sort, limit: 2, cursor });
        seen.push(...page.customers.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(seen.sort(), sort).toEqual([...shared].sort());
    }
    expect(await found('pager', 'newest')).toEqual([...shared].reverse());
  });

  it('follows a change of name, phone and email written through the collection, and refuses half of one', async () => {
    const id = await seedCustomer(t.orgId, { firstName: 'Old', lastName: 'Name', phone: '+13135550777', email: 'old@example.com' });
    const tdb = tenantDb(t.orgId);
    await tdb.customers.update(id, {
      firstName: 'Newt',
      lastName: 'Scamander',
      email: 'newt@example.com',
      phone: '+13135550888',
      externalIds: [],
      updatedAt: new Date(),
    });
    expect(await found('scaman')).toEqual([id]);
    expect(await found('0888')).toEqual([id]);
    expect(await found('0777')).toEqual([]);
    expect(await found('old@')).toEqual([]);
    await expect(tdb.customers.update(id, { lastName: 'Half' })).rejects.toMatchObject({ code: 'invalid_document' });
    expect(await found('half')).toEqual([]);
  });

  it('a profile written before search keys existed is found once the backfill has run; a second run writes nothing', async () => {
    const b = await createTestTenant();
    const id = await seedCustomer(b.orgId, { firstName: 'Olde', lastName: 'Worlde', phone: '+13135550666' });
    await seedCustomer(b.orgId, { firstName: 'Kept', lastName: 'Current' });
    await tenantDb(b.orgId).customers.update(id, { searchKeys: FieldValue.delete() });
    const search = async (q: string) => (await listCustomers(b.ctx('owner'), { q })).customers.map((c) => c.id);
    expect(await search('worlde')).toEqual([]);
    expect(await backfillSearchKeys({ orgId: b.orgId })).toEqual({ read: 2, updated: 1, skipped: 0 });
    expect(await search('worlde')).toEqual([id]);
    expect(await search('0666')).toEqual([id]);
    expect(await backfillSearchKeys({ orgId: b.orgId })).toEqual({ read: 2, updated: 0, skipped: 0 });
  });

  it('answers the route with the same shape; a budtender’s results carry no revenue and no search keys', async () => {
    const res = await call(customersRoute.GET, { cookie: await t.cookie('budtender'), path: '/api/customers?q=lovelace' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ matchedBy: 'name', nextCursor: null, customers: [{ id: ids.ada, firstName: 'Ada', phone: '+13135550142' }] });
    const row = res.body.customers[0];
    for (const field of ['lifetimeValueCents', 'avgOrderValueCents', 'searchKeys']) expect(row).not.toHaveProperty(field);
    const owner = await call(customersRoute.GET, { cookie: await t.cookie('owner'), path: '/api/customers?q=0142&sort=value' });
    expect(owner.body.customers[0]).toMatchObject({ id: ids.ada, lifetimeValueCents: 52_000 });
    expect(owner.body.customers[0]).not.toHaveProperty('searchKeys');
    const refused = await call(customersRoute.GET, { cookie: await t.cookie('budtender'), path: '/api/customers?q=0142&sort=value' });
    expect(refused.status).toBe(403);
  });
});
