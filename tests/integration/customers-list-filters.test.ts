// The customer list's filters against the real emulator with the index guard on: each filter
// returns exactly its customers and the right total, every combination the list allows is served
// by a declared index (or a merge of them), paging runs both ways, and spend stays with owners.
import { beforeAll, describe, expect, it } from 'vitest';
import * as customersRoute from '@/app/api/customers/route';
import type { Customer } from '@/domain/customer';
import { CUSTOMER_SORTS, type CustomerListInput } from '@/domain/crm/customer-list-filter';
import { listCustomers } from '@/server/services/customers/list-customers';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
const id: Record<string, string> = {};
const at = new Date('2030-02-01T00:00:00Z');

const consent = (email: 'opted_in' | 'opted_out' | 'unknown', sms: 'opted_in' | 'opted_out' | 'unknown') => ({
  email: { status: email, source: 'test', at },
  sms: { status: sms, source: 'test', at },
});
const loyalty = (tierId: string, available: number): Customer['loyalty'] => ({
  available,
  pending: 0,
  lifetimeEarned: available,
  expiringSoon: 0,
  nextExpiryAt: null,
  nextAvailableAt: null,
  tierId,
  tierName: tierId === 'gold' ? 'Gold' : 'Silver',
  tierSpendCents: 0,
  tierReviewAt: null,
  updatedAt: at,
});

const ids = async (query: CustomerListInput, role: 'owner' | 'budtender' = 'owner') => {
  const page = await listCustomers(t.ctx(role), query);
  return { ids: page.customers.map((c) => c.id), total: page.totalCount, sort: page.sort };
};

beforeAll(async () => {
  t = await createTestTenant(); // America/Detroit: 05:00 UTC in January is local midnight
  id.a = await seedCustomer(t.orgId, {
    firstName: 'Ada',
    segment: 'VIP',
    tags: ['vip', 'edibles'],
    consent: consent('opted_in', 'opted_out'),
    homeLocationId: 'loc-1',
    lastOrderAt: new Date('2030-01-10T04:30:00Z'), // 23:30 on 9 January in Detroit
    pointsBalance: 500,
    lifetimeValueCents: 250_000,
    loyalty: loyalty('gold', 500),
  });
  id.b = await seedCustomer(t.orgId, {
    firstName: 'Ben',
    segment: 'Loyal',
    tags: ['vip'],
    consent: consent('opted_out', 'opted_in'),
    homeLocationId: 'loc-2',
    lastOrderAt: new Date('2030-01-10T05:30:00Z'), // 00:30 on 10 January in Detroit
    pointsBalance: 120,
    lifetimeValueCents: 80_000,
    loyalty: loyalty('silver', 120),
  });
  id.c = await seedCustomer(t.orgId, {
    firstName: 'Cleo',
    segment: 'New',
    consent: consent('unknown', 'unknown'),
    homeLocationId: 'loc-1',
    lastOrderAt: null,
    pointsBalance: 0,
  });
  id.d = await seedCustomer(t.orgId, {
    firstName: 'Dan',
    segment: 'VIP',
    tags: ['edibles'],
    consent: consent('opted_in', 'opted_in'),
    homeLocationId: 'loc-2',
    lastOrderAt: new Date('2030-01-20T17:00:00Z'),
    pointsBalance: 900,
    lifetimeValueCents: 310_000,
    loyalty: loyalty('gold', 900),
  });
  id.e = await seedCustomer(t.orgId, {
    firstName: 'Eve',
    segment: 'At Risk',
    tags: ['vip'],
    consent: consent('opted_in', 'unknown'),
    lastOrderAt: new Date('2029-12-01T17:00:00Z'),
    pointsBalance: 50,
    lifetimeValueCents: 40_000,
    loyalty: loyalty('silver', 50),
  });
});

describe('list filters', () => {
  it('each filter returns exactly its customers, in the list order, with the filter’s total', async () => {
    expect(await ids({ segment: 'VIP' })).toMatchObject({ ids: [id.d, id.a], total: 2 });
    expect(await ids({ tier: 'gold' })).toMatchObject({ ids: [id.d, id.a], total: 2 });
    expect(await ids({ tag: 'vip' })).toMatchObject({ ids: [id.b, id.a, id.e], total: 3 });
    expect(await ids({ emailConsent: 'opted_out' })).toMatchObject({ ids: [id.b], total: 1 });
    expect(await ids({ smsConsent: 'unknown' })).toMatchObject({ ids: [id.e, id.c], total: 2 }); // no order yet: last
    expect(await ids({ location: 'loc-1' })).toMatchObject({ ids: [id.a, id.c], total: 2 });
    expect(await ids({})).toMatchObject({ total: 5 });
  });

  it('reads last-order dates as whole days in the dispensary’s time zone', async () => {
    expect(await ids({ lastOrderFrom: '2030-01-10', lastOrderTo: '2030-01-10' })).toMatchObject({ ids: [id.b], total: 1 });
    expect(await ids({ lastOrderTo: '2030-01-09' })).toMatchObject({ ids: [id.a, id.e], total: 2 });
    expect(await ids({ lastOrderFrom: '2030-01-09', sort: 'name' })).toMatchObject({ ids: [id.d, id.b, id.a], total: 3, sort: 'recent' });
  });

  it('a points or spend range orders the list by its own field', async () => {
    expect(await ids({ pointsMin: 100, pointsMax: 500, sort: 'name' })).toMatchObject({ ids: [id.a, id.b], total: 2, sort: 'points' });
    expect(await ids({ spendMin: 800 })).toMatchObject({ ids: [id.d, id.a, id.b], total: 3, sort: 'value' });
    expect(await ids({ spendMax: 800, tag: 'vip' })).toMatchObject({ ids: [id.b, id.e], total: 2 });
    expect(await ids({ sort: 'points' })).toMatchObject({ ids: [id.d, id.a, id.b, id.e, id.c] });
  });

  it('combines filters, and counts the whole filter whatever the page size', async () => {
    expect(await ids({ segment: 'VIP', emailConsent: 'opted_in', location: 'loc-2' })).toMatchObject({ ids: [id.d], total: 1 });
    expect(await ids({ tag: 'vip', segment: 'Loyal' })).toMatchObject({ ids: [id.b], total: 1 });
    expect(await ids({ q: 'ada', segment: 'VIP' })).toMatchObject({ ids: [id.a], total: 1 });
    expect(await ids({ tag: 'vip', pointsMin: 100 })).toMatchObject({ ids: [id.a, id.b], total: 2 });
    expect(await ids({ segment: 'VIP', limit: 1 })).toMatchObject({ ids: [id.d], total: 2 });
  });

  it('every order with every filter, and every pair of filters, is served by a declared index', async () => {
    const single: CustomerListInput[] = [
      { q: 'ada' },
      { tag: 'vip' },
      { savedSegment: 'seg_probe' },
      { segment: 'VIP' },
      { tier: 'gold' },
      { emailConsent: 'opted_in' },
      { smsConsent: 'opted_in' },
      { location: 'loc-1' },
    ];
    for (const sort of Object.keys(CUSTOMER_SORTS) as Array<keyof typeof CUSTOMER_SORTS>) {
      for (const f of single) await expect(listCustomers(t.ctx('owner'), { ...f, sort }), `${sort} ${JSON.stringify(f)}`).resolves.toBeDefined();
      for (const [i, f] of single.entries())
        for (const g of single.slice(i + 1)) {
          // Refused: one array-contains per query (search, tag and saved segment are arrays on the profile).
          if ([f, g].filter((x) => 'q' in x || 'tag' in x || 'savedSegment' in x).length > 1) continue;
          await expect(listCustomers(t.ctx('owner'), { ...f, ...g, sort }), `${sort} ${JSON.stringify({ ...f, ...g })}`).resolves.toBeDefined();
        }
    }
    for (const range of [{ lastOrderFrom: '2030-01-01' }, { pointsMin: 1 }, { spendMax: 5000 }])
      for (const f of single) await expect(listCustomers(t.ctx('owner'), { ...range, ...f }), JSON.stringify({ ...range, ...f })).resolves.toBeDefined();
  });

  it('refuses what Firestore cannot serve with a 400 that says what to change', async () => {
    const cookie = await t.cookie('owner');
    const cases: Array<[string, RegExp]> = [
      ['q=ada&tag=vip', /Search and the tag filter cannot be used together/],
      ['tag=vip&savedSegment=seg_abc', /tag filter and a saved segment cannot be used together/],
      ['pointsMin=1&spendMin=1', /one range at a time.*points and spend/i],
      ['pointsMin=1&segment=VIP&tag=vip', /combines with one other filter/],
      ['segment=Whales', /Segment must be one of/],
      ['lastOrderFrom=2030-02-01&lastOrderTo=2030-01-01', /"from" date is after the "to" date/],
      ['pointsMin=abc', /Minimum points must be a whole number/],
      ['emailConsent=maybe', /emailConsent/],
    ];
    for (const [qs, message] of cases) {
      const res = await call(customersRoute.GET, { cookie, path: `/api/customers?${qs}` });
      expect(res.status, qs).toBe(400);
      expect(res.body.error.message, qs).toMatch(message);
    }
  });

  it('refuses a budtender the spend filter and the value order, and never sends spend', async () => {
    const cookie = await t.cookie('budtender');
    for (const qs of ['spendMin=1', 'spendMax=100&segment=VIP', 'sort=value']) {
      const res = await call(customersRoute.GET, { cookie, path: `/api/customers?${qs}` });
      expect(res.status, qs).toBe(403);
      expect(res.body.error.message, qs).toMatch(
        qs.startsWith('sort') ? /Sorting by lifetime value is for owners and admins/ : /Filtering by spend is for owners and admins/,
      );
    }
    const ok = await call(customersRoute.GET, { cookie, path: '/api/customers?segment=VIP&sort=points' });
    expect(ok.status).toBe(200);
    expect(ok.body.totalCount).toBe(2);
    expect(JSON.stringify(ok.body)).not.toContain('lifetimeValueCents');
    // A picker asks for the matches without the total: the same customers, no count.
    const picker = await call(customersRoute.GET, { cookie, path: '/api/customers?segment=VIP&sort=points&total=0' });
    expect(picker.body.totalCount).toBeNull();
    expect(picker.body.customers.map((c: { id: string }) => c.id)).toEqual(ok.body.customers.map((c: { id: string }) => c.id));
    expect((await call(customersRoute.GET, { cookie, path: '/api/customers?total=maybe' })).status).toBe(400);
  });
});

describe('paging through a filter', () => {
  it('goes forwards and back again through the same pages, each customer once', async () => {
    const p = await createTestTenant();
    const members = await Promise.all(
      Array.from({ length: 8 }, (_, i) => seedCustomer(p.orgId, { firstName: `Pat${i}`, tags: ['pager'], pointsBalance: 10 * (i % 3) })),
    );
    await seedCustomer(p.orgId, { firstName: 'Other', tags: ['other'] });
    for (const sort of ['points', 'name', 'newest'] as const) {
      const forward: string[][] = [];
      let cursor: string | undefined;
      let last: Awaited<ReturnType<typeof listCustomers>> | undefined;
      do {
        last = await listCustomers(p.ctx('owner'), { tag: 'pager', sort, limit: 3, cursor });
        expect(last.totalCount).toBe(8);
        forward.push(last.customers.map((c) => c.id));
        cursor = last.nextCursor ?? undefined;
      } while (cursor);
      expect(forward.flat().sort(), sort).toEqual([...members].sort());
      expect(forward.map((pg) => pg.length)).toEqual([3, 3, 2]);
      const backward: string[][] = [forward.at(-1)!];
      let before = last.prevCursor ?? undefined;
      while (before) {
        const page = await listCustomers(p.ctx('owner'), { tag: 'pager', sort, limit: 3, before });
        backward.unshift(page.customers.map((c) => c.id));
        before = page.prevCursor ?? undefined;
      }
      expect(backward, sort).toEqual(forward);
    }
  });
});
