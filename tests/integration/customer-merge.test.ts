import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY, ManualClock } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import type { Order } from '@/domain/order';
import { identityDocId } from '@/domain/signals/records';
import { tenantDb } from '@/server/db/tenant-db';
import { continueSegmentRecompute, startSegmentRecompute } from '@/server/services/crm/recompute-segments';
import { addCustomerNote } from '@/server/services/customers/customer-notes';
import { checkLedgerBalances } from '@/server/services/loyalty/check-ledger-balances';
import { findDuplicatesFor, listDuplicateProposals, scanDuplicates, SCAN_PAGE } from '@/server/services/customers/find-duplicates';
import { listCustomers, ListCustomersQuerySchema } from '@/server/services/customers/list-customers';
import { mergeCustomers, previewCustomerMerge } from '@/server/services/customers/merge-customers';
import { listCustomerMerges, undoCustomerMerge } from '@/server/services/customers/undo-customer-merge';
import * as mergeRoute from '@/app/api/customers/merge/route';
import { standardOrderEvent } from '@/domain/signals/samples/other-samples';
import { call } from '../support/http';
import { deliver, makeEndpoint, settle } from '../support/webhooks';
import { customerModel } from '../support/fixtures';
import { givePoints } from '../support/loyalty';
import { createTestTenant, type TestTenant } from '../support/tenant';

const tenant = () => createTestTenant('Merge Dispensary');
const T0 = new Date('2026-11-02T15:00:00Z');

async function customer(t: TestTenant, over: Partial<Customer>): Promise<Customer> {
  const c = customerModel(over, T0);
  await tenantDb(t.orgId).customers.create(c);
  // The first profile with a phone holds its identity key, as identity resolution leaves it.
  if (c.phone && !(await tenantDb(t.orgId).identities.get(identityDocId('phone', c.phone))))
    await tenantDb(t.orgId).identities.create({ id: identityDocId('phone', c.phone), kind: 'phone', value: c.phone, customerId: c.id, createdAt: T0 });
  return tenantDb(t.orgId).customers.getOrThrow(c.id);
}

async function order(t: TestTenant, customerId: string, cents: number, at: Date): Promise<Order> {
  const o: Order = {
    id: `ord_${randomUUID().slice(0, 12)}`,
    customerId,
    locationId: null,
    source: 'manual',
    externalId: null,
    status: 'completed',
    lineItems: [{ productId: null, sku: null, name: 'Gummies', category: 'edibles', quantity: 1, unitPriceCents: cents, totalCents: cents }],
    subtotalCents: cents,
    discountCents: 0,
    taxCents: 0,
    totalCents: cents,
    refundedCents: 0,
    placedAt: at,
    number: '#1',
    createdAt: at,
    updatedAt: at,
  };
  await tenantDb(t.orgId).orders.create(o);
  return o;
}

/** The existing daily balance check over every account written in the test's window. */
async function ledgerHolds(t: TestTenant, clock: ManualClock) {
  const r = await checkLedgerBalances(t.ctx('owner', clock), { from: new Date(0), to: new Date(clock.now().getTime() + DAY), day: 'test' });
  expect(r.checked).toBeGreaterThan(0);
  expect(r.mismatches).toBe(0);
}

const search = async (t: TestTenant, q: string) => (await listCustomers(t.ctx('owner'), ListCustomersQuerySchema.parse({ q }))).customers.map((c) => c.id);

describe('duplicate candidates', () => {
  it('ranks same phone, same email and same name with date of birth, with the reason in words', async () => {
    const t = await tenant();
    const ada = await customer(t, { firstName: 'Ada', lastName: 'Lovelace', phone: '+13135550142', email: 'ada@example.com', dateOfBirth: '1990-12-10' });
    const byPhone = await customer(t, { firstName: 'A', lastName: 'L', phone: '+13135550142' });
    const byEmail = await customer(t, { firstName: 'Countess', lastName: 'L', email: 'ada@example.com' });
    const byNameDob = await customer(t, { firstName: 'Adá', lastName: 'Lovelace', dateOfBirth: '1990-12-10' });
    await customer(t, { firstName: 'Ada', lastName: 'Lovelace', dateOfBirth: '1991-01-01' }); // same name, another birthday: not proposed
    const found = await findDuplicatesFor(t.ctx('owner'), ada.id);
    expect(found.map((c) => c.customerId)).toEqual([byPhone.id, byEmail.id, byNameDob.id]);
    expect(found.map((c) => c.reasons[0])).toEqual(['Same phone number', 'Same email address', 'Same name and date of birth']);
  });
});

describe('the duplicate scan', () => {
  it('proposes each pair once across bounded steps, never merges, and a merge settles its proposals', async () => {
    const t = await tenant();
    const ctx = t.ctx('owner');
    const a = await customer(t, { firstName: 'Mae', lastName: 'Jemison', email: 'mae@example.com' });
    const b = await customer(t, { firstName: 'M', lastName: 'J', email: 'mae@example.com' });
    await Promise.all(Array.from({ length: SCAN_PAGE }, (_, i) => customer(t, { firstName: `Other${i}`, lastName: `Person${i}`, dateOfBirth: null })));
    const first = await scanDuplicates(ctx);
    expect(first).toMatchObject({ scanned: SCAN_PAGE, done: false });
    const second = await scanDuplicates(ctx);
    expect(second).toMatchObject({ scanned: 2, done: true });
    expect(first.proposed + second.proposed).toBe(1);
    const { proposals } = await listDuplicateProposals(ctx);
    expect(proposals).toHaveLength(1);
    expect(proposals[0]).toMatchObject({ reasons: ['Same email address'] });
    expect([...proposals[0]!.customerIds].sort()).toEqual([a.id, b.id].sort());
    // A second pass finds nothing new, and nobody was merged.
    while (!(await scanDuplicates(ctx)).done);
    expect((await listDuplicateProposals(ctx)).proposals).toHaveLength(1);
    expect((await tenantDb(t.orgId).customers.getOrThrow(b.id)).mergedInto ?? null).toBeNull();
    await mergeCustomers(ctx, { survivorId: a.id, duplicateId: b.id });
    expect((await listDuplicateProposals(ctx)).proposals).toEqual([]);
  });
});

describe('merge and undo', () => {
  it('moves orders, points, tags, identities and consent, keeps the ledger whole, hides the duplicate, and undoes it all', async () => {
    const t = await tenant();
    const clock = new ManualClock(T0);
    const ctx = t.ctx('owner', clock);
    const survivor = await customer(t, {
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+13135550177',
      tags: ['VIP'],
      externalIds: ['alleaves:G-1'],
      categoriesBought: ['flower'],
      consent: { email: { status: 'opted_in', source: 'test', at: T0 }, sms: { status: 'opted_in', source: 'test', at: T0 } },
    });
    const dup = await customer(t, {
      firstName: 'Grace',
      lastName: 'Hopper',
      phone: '+13135550188',
      email: 'grace@example.com',
      tags: ['vip', 'Medical'],
      externalIds: ['shopify:99'],
      categoriesBought: ['edible', 'vape'],
      consent: { email: { status: 'opted_out', source: 'unsubscribe_link', at: T0 }, sms: { status: 'unknown', source: 'test', at: null } },
    });
    await order(t, survivor.id, 2_000, new Date(T0.getTime() - 20 * DAY));
    const dupOrder = await order(t, dup.id, 5_000, new Date(T0.getTime() - 2 * DAY));
    await givePoints(ctx, survivor.id, 120);
    await givePoints(ctx, dup.id, 80);
    await addCustomerNote(ctx, dup.id, { text: 'Prefers edibles' });
    const linesOf = async (id: string) => (await tenantDb(t.orgId).loyaltyLines.ref.where('customerId', '==', id).get()).size;
    const notesOf = async (id: string) => (await tenantDb(t.orgId).customerNotes(id).ref.get()).docs.map((d) => d.data().text);

    const preview = await previewCustomerMerge(ctx, { survivorId: survivor.id, duplicateId: dup.id });
    expect(preview).toMatchObject({ orders: 1, ledgerLines: 1, points: { survivorBefore: 120, duplicateBefore: 80, after: 200 }, tagsAdded: ['Medical'] });
    expect(preview.consent).toEqual({ email: 'opted out', sms: 'not asked' });

    clock.advance(60_000);
    const { merge } = await mergeCustomers(ctx, { survivorId: survivor.id, duplicateId: dup.id });
    const db = tenantDb(t.orgId);
    const s = await db.customers.getOrThrow(survivor.id);
    expect(s.tags).toEqual(['VIP', 'Medical']);
    expect(s.externalIds).toEqual(['alleaves:G-1', 'shopify:99']);
    expect(s.categoriesBought).toEqual(['edible', 'flower', 'vape']);
    expect(s.email).toBe('grace@example.com');
    expect(s.consent.email.status).toBe('opted_out');
    expect(s.consent.sms.status).toBe('unknown');
    expect(s).toMatchObject({ orderCount: 2, lifetimeValueCents: 7_000, avgOrderValueCents: 3_500, pointsBalance: 200 });
    expect(s.lastOrderAt).toEqual(dupOrder.placedAt);
    expect((await db.orders.getOrThrow(dupOrder.id)).customerId).toBe(survivor.id);
    expect((await db.loyaltyAccounts.getOrThrow(survivor.id)).balance).toBe(200);
    expect(await db.loyaltyAccounts.get(dup.id)).toBeNull();
    expect([await linesOf(survivor.id), await linesOf(dup.id)]).toEqual([2, 0]);
    expect(await notesOf(survivor.id)).toEqual(['Prefers edibles']);
    expect((await db.identities.getOrThrow(identityDocId('phone', '+13135550188'))).customerId).toBe(survivor.id);
    const d = await db.customers.getOrThrow(dup.id);
    expect(d).toMatchObject({ mergedInto: survivor.id, mergedBy: t.users.owner.uid, orderCount: 0, pointsBalance: 0, segment: null });
    expect(await search(t, '0188')).toEqual([]);
    expect(await search(t, 'grace@example.com')).toEqual([survivor.id]);
    await ledgerHolds(t, clock);
    expect((await listCustomerMerges(ctx))[0]).toMatchObject({ id: merge.id, canUndo: true });

    clock.advance(29 * DAY);
    await undoCustomerMerge(ctx, merge.id);
    const s2 = await db.customers.getOrThrow(survivor.id);
    expect(s2).toMatchObject({ tags: ['VIP'], externalIds: ['alleaves:G-1'], email: null, orderCount: 1, lifetimeValueCents: 2_000, pointsBalance: 120 });
    expect(s2.consent.email.status).toBe('opted_in');
    expect(s2.categoriesBought).toEqual(['flower']);
    expect((await db.customers.getOrThrow(dup.id)).categoriesBought).toEqual(['edible', 'vape']);
    const d2 = await db.customers.getOrThrow(dup.id);
    expect(d2).toMatchObject({ mergedInto: null, orderCount: 1, lifetimeValueCents: 5_000, tags: ['vip', 'Medical'], email: 'grace@example.com' });
    expect((await db.orders.getOrThrow(dupOrder.id)).customerId).toBe(dup.id);
    expect((await db.loyaltyAccounts.getOrThrow(dup.id)).balance).toBe(80);
    expect((await db.loyaltyAccounts.getOrThrow(survivor.id)).balance).toBe(120);
    expect([await linesOf(survivor.id), await linesOf(dup.id)]).toEqual([1, 1]);
    expect(await notesOf(survivor.id)).toEqual([]);
    expect(await notesOf(dup.id)).toEqual(['Prefers edibles']);
    expect((await db.identities.getOrThrow(identityDocId('phone', '+13135550188'))).customerId).toBe(dup.id);
    expect(await search(t, '0188')).toEqual([dup.id]);
    await ledgerHolds(t, clock);
    await expect(undoCustomerMerge(ctx, merge.id)).rejects.toThrow(/already undone/);
  });

  it("sends the next order naming the duplicate's phone to the profile kept", async () => {
    const t = await tenant();
    const survivor = await customer(t, { firstName: 'Katherine', lastName: 'Johnson', phone: '+13135550123' });
    const dup = await customer(t, { firstName: 'Kathy', lastName: 'Johnson', phone: '+12483204474' });
    await mergeCustomers(t.ctx('owner'), { survivorId: survivor.id, duplicateId: dup.id });
    const ep = await makeEndpoint(t.ctx('admin'), 'standard');
    const person = { firstName: 'Kathy', lastName: 'Johnson', email: `kj-${randomUUID().slice(0, 6)}@example.com`, phone: '(248) 320-4474' };
    const res = await deliver(ep, JSON.stringify(standardOrderEvent({ now: new Date(), uid: 4711, customerId: 4711, person })));
    expect(res.status).toBe(200);
    await settle();
    const orders = (await tenantDb(t.orgId).orders.ref.where('number', '==', 'W4711').get()).docs.map((d) => d.data());
    expect(orders.map((o) => o.customerId)).toEqual([survivor.id]);
    expect((await tenantDb(t.orgId).customers.getOrThrow(survivor.id)).orderCount).toBe(1);
    expect((await tenantDb(t.orgId).customers.getOrThrow(dup.id)).orderCount).toBe(0);
  });

  it('refuses an undo after 30 days, and a budtender', async () => {
    const t = await tenant();
    const clock = new ManualClock(T0);
    const a = await customer(t, { firstName: 'Alan', lastName: 'Turing', phone: '+13135550199' });
    const b = await customer(t, { firstName: 'Alan', lastName: 'Turing', email: 'alan@example.com' });
    const res = await call(mergeRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), body: { survivorId: a.id, duplicateId: b.id } });
    expect(res.status).toBe(403);
    expect((await tenantDb(t.orgId).customers.getOrThrow(b.id)).mergedInto ?? null).toBeNull();
    const { merge } = await mergeCustomers(t.ctx('admin', clock), { survivorId: a.id, duplicateId: b.id });
    // The nightly pass places the survivor and leaves the merged profile in no segment.
    await startSegmentRecompute({ orgId: t.orgId, clock }, 'nightly', 'night-1');
    expect((await continueSegmentRecompute({ orgId: t.orgId, clock }, 'nightly', Date.now() + 30_000)).done).toBe(true);
    expect((await tenantDb(t.orgId).customers.getOrThrow(a.id)).segment).toBe('New');
    expect((await tenantDb(t.orgId).customers.getOrThrow(b.id)).segment).toBeNull();
    clock.advance(30 * DAY + 60_000);
    await expect(undoCustomerMerge(t.ctx('owner', clock), merge.id)).rejects.toThrow(/can no longer be undone/);
    expect((await tenantDb(t.orgId).customers.getOrThrow(b.id)).mergedInto).toBe(a.id);
    expect((await listCustomerMerges(t.ctx('owner', clock)))[0]?.canUndo).toBe(false);
  });
});
