import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/customers/export/route';
import { ManualClock } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import { tenantDb } from '@/server/db/tenant-db';
import { findDuplicatesFor, scanDuplicates } from '@/server/services/customers/find-duplicates';
import { getCustomerProfile } from '@/server/services/customers/get-customer';
import { listCustomers, ListCustomersQuerySchema } from '@/server/services/customers/list-customers';
import { mergeCustomers } from '@/server/services/customers/merge-customers';
import { undoCustomerMerge } from '@/server/services/customers/undo-customer-merge';
import { customerModel } from '../support/fixtures';
import { givePoints } from '../support/loyalty';
import { call } from '../support/http';
import { createTestTenant, type TestTenant } from '../support/tenant';

const T0 = new Date('2026-11-02T15:00:00Z');

async function customer(t: TestTenant, over: Partial<Customer>): Promise<Customer> {
  const c = customerModel({ segment: 'Frequent', ...over }, T0);
  await tenantDb(t.orgId).customers.create(c);
  return c;
}

/** Every way staff reach a profile in a list: each order, each kind of search, a tag, a segment, the export. */
async function whereListed(t: TestTenant, id: string): Promise<string[]> {
  const ctx = t.ctx('owner');
  const asks: Record<string, Record<string, string>> = {
    recent: { sort: 'recent' },
    value: { sort: 'value' },
    name: { sort: 'name' },
    newest: { sort: 'newest' },
    points: { sort: 'points' },
    'search name': { q: 'hopp' },
    'search full name': { q: 'grace hopper' },
    'search phone': { q: '0188' },
    'search email': { q: 'grace@example.com' },
    'search external id': { q: 'shopify:99' },
    tag: { tag: 'Medical' },
    segment: { segment: 'Frequent' },
    'points range': { pointsMin: '0' },
  };
  const found: string[] = [];
  for (const [name, q] of Object.entries(asks)) {
    const page = await listCustomers(ctx, ListCustomersQuerySchema.parse(q));
    const listed = page.customers.some((c) => c.id === id);
    // The count is the list's own: it must agree with the page.
    expect(page.totalCount).toBe(page.customers.length);
    if (listed) found.push(name);
  }
  const res = await call(exportRoute.GET, { cookie: await t.cookie('owner'), path: '/api/customers/export' });
  expect(res.status).toBe(200);
  const rows = parse(String(res.body), { bom: true }) as string[][];
  // By the duplicate's own phone (the survivor takes its email, which filled a gap).
  if (rows.some((r) => r.some((cell) => cell.includes('3135550188')))) found.push('export');
  return found;
}

const EVERYWHERE = [
  'recent',
  'value',
  'name',
  'newest',
  'points',
  'search name',
  'search full name',
  'search phone',
  'search email',
  'search external id',
  'tag',
  'segment',
  'points range',
  'export',
];

describe('a merged profile in the lists', () => {
  it('is in no list, search, filter or export after the merge, still opens and reads, and is back everywhere after the undo', async () => {
    const t = await createTestTenant('Merge hides');
    const clock = new ManualClock(T0);
    const ctx = t.ctx('owner', clock);
    const survivor = await customer(t, { firstName: 'Grace', lastName: 'Hopper', phone: '+13135550177', lastOrderAt: T0, orderCount: 1 });
    const dup = await customer(t, {
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+13135550188',
      email: 'grace@example.com',
      tags: ['Medical'],
      externalIds: ['shopify:99'],
      lastOrderAt: new Date(T0.getTime() - 86_400_000),
      orderCount: 3,
      lifetimeValueCents: 9_000,
      pointsBalance: 40,
    });
    expect(await whereListed(t, dup.id)).toEqual(EVERYWHERE);

    clock.advance(60_000);
    const { merge } = await mergeCustomers(ctx, { survivorId: survivor.id, duplicateId: dup.id });
    expect(await whereListed(t, dup.id)).toEqual([]);
    // The survivor is still found, by the duplicate's email too.
    const bySurvivor = await listCustomers(ctx, ListCustomersQuerySchema.parse({ q: 'grace@example.com' }));
    expect(bySurvivor.customers.map((c) => c.id)).toEqual([survivor.id]);
    // The merged profile still opens and reads whole (its page links to the survivor), and the
    // readers that walk every profile (the duplicate scan, the candidate lookup) still parse it.
    const opened = await getCustomerProfile(ctx, dup.id);
    expect(opened.customer).toMatchObject({ mergedInto: survivor.id, lifetimeValueCents: 0, pointsBalance: 0, lastOrderAt: null, searchName: 'grace hopper' });
    while (!(await scanDuplicates(ctx)).done);
    expect(await findDuplicatesFor(ctx, survivor.id)).toEqual([]);
    const stored = (await tenantDb(t.orgId).customers.ref.firestore.doc(`tenants/${t.orgId}/customers/${dup.id}`).get()).data()!;
    expect(['searchName', 'lastOrderAt', 'lifetimeValueCents', 'pointsBalance', 'createdAt'].filter((f) => f in stored)).toEqual([]);
    // Points for the merged profile are refused (they would bring it back into the points order).
    await expect(givePoints(ctx, dup.id, 10)).rejects.toThrow(/was merged into/);
    expect(await whereListed(t, dup.id)).toEqual([]);

    clock.advance(60_000);
    await undoCustomerMerge(ctx, merge.id);
    expect(await whereListed(t, dup.id)).toEqual(EVERYWHERE);
    const back = await tenantDb(t.orgId).customers.getOrThrow(dup.id);
    expect(back.createdAt).toEqual(dup.createdAt);
    expect(back).toMatchObject({ mergedInto: null, searchName: 'grace hopper' });
  });
});
