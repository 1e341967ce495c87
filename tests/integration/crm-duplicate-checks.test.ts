import { randomInt, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { systemClock } from '@/domain/clock';
import { jsonWithBigInts, shopifyCheckout } from '@/domain/signals/samples';
import { alleavesEnvelope, alleavesOrder } from '@/domain/signals/samples/other-samples';
import { firestore } from '@/server/db/firestore';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import type { Customer } from '@/domain/customer';
import { fullNameToken, rankDuplicates } from '@/domain/crm/customer-merge';
import { checkNewProfiles } from '@/server/services/customers/check-new-profiles';
import { duplicateCandidatesOf, listDuplicateProposals, proposeDuplicatesSafely } from '@/server/services/customers/find-duplicates';
import { installOperationCounter } from '../../scripts/lib/operation-counter';
import { seedCustomer } from '../support/fixtures';
import { deliver, deliveriesOf, makeEndpoint, settle } from '../support/webhooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

const checkTick = (orgId: string) => checkNewProfiles({ clock: systemClock, log: logger(), deadline: Date.now() + 30_000, orgId });
const markers = async (orgId: string) => (await tenantDb(orgId).duplicateChecks.ref.get()).docs.map((d) => d.data());

async function deliverOrder(t: TestTenant, person: { firstName: string; lastName: string; email: string; phone: string }, uid = randomInt(1, 800_000)) {
  const ep = await makeEndpoint(t.ctx('admin'), 'alleaves');
  const body = alleavesEnvelope('order.created', { now: new Date(), uid }, { order: alleavesOrder({ now: new Date(), uid, person, customerId: uid }) });
  expect((await deliver(ep, JSON.stringify(body))).status).toBe(200);
  await settle();
  expect((await deliveriesOf(t.orgId)).map((d) => d.status)).toEqual(expect.arrayContaining(['processed']));
  expect((await deliveriesOf(t.orgId)).filter((d) => d.status !== 'processed')).toEqual([]);
}

const someone = (lastName: string) => ({
  firstName: 'Robin',
  lastName,
  email: `robin-${randomUUID().slice(0, 8)}@example.com`,
  phone: `(313) 555-${String(randomInt(1000, 9999))}`,
});

describe('the duplicate-check queue', () => {
  it("is written in the commit that creates a webhook's new profile, and the tick checks and removes it", async () => {
    const t = await createTestTenant('Duplicate checks, queue');
    await deliverOrder(t, someone('Okafor'));
    const [customer] = (await tenantDb(t.orgId).customers.ref.where('lastName', '==', 'Okafor').get()).docs;
    expect(customer).toBeDefined();

    // Same commit: the marker was created at the instant the profile was (a commit's one time).
    const marker = await tenantDb(t.orgId).duplicateChecks.ref.doc(customer!.id).get();
    expect(marker.exists).toBe(true);
    expect(marker.createTime!.isEqual(customer!.createTime)).toBe(true);
    // A new dispensary's identity index is complete: nobody else holds the profile's keys.
    expect(marker.data()).toEqual({ id: customer!.id, customerId: customer!.id, createdAt: customer!.data().createdAt, identityIndexComplete: true });

    expect(await checkTick(t.orgId)).toMatchObject({ checked: 1, gone: 0, proposed: 0, failed: 0, left: 0 });
    expect(await markers(t.orgId)).toEqual([]);
  });

  it('writes no marker for a returning customer, and records an incomplete identity index', async () => {
    const t = await createTestTenant('Duplicate checks, returning');
    // A customer written outside identity resolution marks the index incomplete.
    await seedCustomer(t.orgId, { firstName: 'Kim', lastName: 'Seeded', phone: '+12485550123' });
    const person = someone('Adebayo');
    await deliverOrder(t, person);
    const [first] = await markers(t.orgId);
    expect(first).toMatchObject({ identityIndexComplete: false });
    await checkTick(t.orgId);

    // Another order by the same person: found, not created, so nothing queued.
    await deliverOrder(t, person);
    expect((await tenantDb(t.orgId).orders.ref.where('customerId', '==', first!.customerId).get()).size).toBe(2);
    expect(await markers(t.orgId)).toEqual([]);
  });

  it("queues a checkout's new profile too", async () => {
    const t = await createTestTenant('Duplicate checks, checkout');
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const u = randomInt(1, 800_000);
    const person = someone('Cartwright');
    const res = await deliver(ep, jsonWithBigInts(shopifyCheckout({ now: new Date(), uid: u, customerId: u, person })), { topic: 'checkouts/create' });
    expect(res.status).toBe(200);
    await settle();
    const [customer] = (await tenantDb(t.orgId).customers.ref.where('lastName', '==', 'Cartwright').get()).docs;
    expect((await markers(t.orgId)).map((m) => m.customerId)).toEqual([customer!.id]);
  });

  it('removes the marker of a profile gone, erased or merged without checking it, and leaves a failing one for the next tick', async () => {
    const t = await createTestTenant('Duplicate checks, gone');
    const tdb = tenantDb(t.orgId);
    const now = new Date();
    const mark = (customerId: string) => tdb.duplicateChecks.set({ id: customerId, customerId, createdAt: now, identityIndexComplete: false });
    const keeper = await seedCustomer(t.orgId, { firstName: 'Lee', lastName: 'Same', phone: '+12485550140' });
    const merged = await seedCustomer(t.orgId, { firstName: 'Lee', lastName: 'Same', phone: '+12485550140', mergedInto: keeper });
    const erased = await seedCustomer(t.orgId, { firstName: 'Lee', lastName: 'Same', phone: '+12485550140', erasedAt: now });
    // A profile that cannot be read (not a valid customer): its check fails.
    await firestore().doc(`tenants/${t.orgId}/customers/cus_broken`).set({ firstName: 42 });
    for (const id of ['cus_nobody', merged, erased, 'cus_broken']) await mark(id);

    expect(await checkTick(t.orgId)).toMatchObject({ checked: 0, gone: 3, proposed: 0, failed: 1, left: 1 });
    expect((await markers(t.orgId)).map((m) => m.customerId)).toEqual(['cus_broken']);
    expect((await listDuplicateProposals(t.ctx('owner'))).proposals).toEqual([]);
  });

  it('skips the same-phone and same-email queries when the identity index was complete, and runs them when it was not', async () => {
    const t = await createTestTenant('Duplicate checks, complete index');
    const tdb = tenantDb(t.orgId);
    const now = new Date();
    // Two profiles sharing only an email: what identity resolution never creates while the index is complete.
    // (A shared phone would still be found by the phone-ending query, which stays.)
    const email = `shared-${randomUUID().slice(0, 8)}@example.com`;
    const a = await seedCustomer(t.orgId, { firstName: 'Ana', lastName: 'One', email });
    const b = await seedCustomer(t.orgId, { firstName: 'Bo', lastName: 'Two', email });
    await tdb.duplicateChecks.set({ id: a, customerId: a, createdAt: now, identityIndexComplete: true });
    expect(await checkTick(t.orgId)).toMatchObject({ checked: 1, proposed: 0 });
    await tdb.duplicateChecks.set({ id: b, customerId: b, createdAt: now, identityIndexComplete: false });
    expect(await checkTick(t.orgId)).toMatchObject({ checked: 1, proposed: 1 });
    expect((await listDuplicateProposals(t.ctx('owner'))).proposals.map((p) => [...p.customerIds].sort())).toEqual([[a, b].sort()]);
  });

  it("a tick scoped to one tenant never touches another tenant's markers", async () => {
    const [a, b] = await Promise.all([createTestTenant('Duplicate checks, tenant A'), createTestTenant('Duplicate checks, tenant B')]);
    const now = new Date();
    for (const t of [a, b])
      await tenantDb(t.orgId).duplicateChecks.set({ id: 'cus_nobody', customerId: 'cus_nobody', createdAt: now, identityIndexComplete: true });
    expect(await checkTick(a.orgId)).toMatchObject({ gone: 1 });
    expect(await markers(a.orgId)).toEqual([]);
    expect((await markers(b.orgId)).map((m) => m.customerId)).toEqual(['cus_nobody']);
  });

  it('looks a page of new profiles up together: the same proposals as one at a time, in a handful of queries', async () => {
    const t = await createTestTenant('Duplicate checks, a page at once');
    const tdb = tenantDb(t.orgId);
    const now = new Date();
    const pairs: string[][] = [];
    for (let i = 0; i < 30; i++) {
      const dob = `1990-01-${String(i + 1).padStart(2, '0')}`;
      const same = { firstName: `Pat${i}`, lastName: 'Batch', dateOfBirth: dob, phone: `+1248555${String(1000 + i)}` };
      // Half share only the name and birthday (found by the name key), half an email too (the email key).
      const email = i % 2 ? `pat${i}-${randomUUID().slice(0, 6)}@example.com` : null;
      const old = await seedCustomer(t.orgId, { ...same, email });
      const fresh = await seedCustomer(t.orgId, { ...same, email, phone: `+1313555${String(2000 + i)}` });
      await tdb.duplicateChecks.set({ id: fresh, customerId: fresh, createdAt: now, identityIndexComplete: i % 2 === 0 });
      pairs.push([old, fresh].sort());
    }
    const counter = installOperationCounter();
    try {
      expect(await checkTick(t.orgId)).toMatchObject({ checked: 30, proposed: 30, failed: 0, left: 0 });
      // One at a time this was 30 profile reads and 105 queries (a name and a phone-ending query
      // each, a phone and an email query for the 15 with an incomplete index).
      const ops = counter.snapshot();
      expect(ops.queries).toBeLessThanOrEqual(6); // the markers, then the name, phone-ending, phone and email keys
      expect(ops.lookups).toBe(1);
    } finally {
      counter.uninstall();
    }
    const proposals = (await listDuplicateProposals(t.ctx('owner'))).proposals;
    expect(proposals.map((p) => [...p.customerIds].sort()).sort()).toEqual(pairs.sort());
    expect(await markers(t.orgId)).toEqual([]);
  });

  it("looks an import window's new profiles up together, a page of 100 at a time", async () => {
    const t = await createTestTenant('Duplicate checks, an import window');
    const tdb = tenantDb(t.orgId);
    const pairs: string[][] = [];
    const fresh: Customer[] = [];
    for (let i = 0; i < 110; i++) {
      const same = { firstName: `Lee${i}`, lastName: 'Import', dateOfBirth: `1980-02-${String((i % 28) + 1).padStart(2, '0')}` };
      // Every tenth shares the name and birthday with a profile already there.
      const old = i % 10 === 0 ? await seedCustomer(t.orgId, { ...same, phone: `+1248555${String(3000 + i)}` }) : null;
      const id = await seedCustomer(t.orgId, { ...same, phone: `+1313555${String(3000 + i)}`, email: `lee${i}@example.com` });
      fresh.push((await tdb.customers.get(id))!);
      if (old) pairs.push([old, id].sort());
    }
    const counter = installOperationCounter();
    try {
      expect(await proposeDuplicatesSafely({ orgId: t.orgId, clock: systemClock, log: logger() }, fresh)).toBe(11);
      // Pages of 100 and 10, each asking for its names, phone endings, phones and emails 30 to a
      // query: 4 × 4 and 4 × 1. One at a time this was 4 queries a profile (440).
      expect(counter.snapshot().queries).toBeLessThanOrEqual(20);
    } finally {
      counter.uninstall();
    }
    const proposals = (await listDuplicateProposals(t.ctx('owner'))).proposals;
    expect(proposals.map((p) => [...p.customerIds].sort()).sort()).toEqual(pairs.sort());
  });

  it('finds what one query of 20 per key would find, also when a key is shared by more than a combined query returns', async () => {
    const t = await createTestTenant('Duplicate checks, shared keys');
    const tdb = tenantDb(t.orgId);
    // 60 people named Sam Hot or Sam Cold, their phones ending in one of two ways: every key is shared widely.
    for (let i = 0; i < 60; i++)
      await seedCustomer(t.orgId, {
        firstName: 'Sam',
        lastName: i % 3 ? 'Hot' : 'Cold',
        dateOfBirth: `19${50 + (i % 5)}-02-02`,
        phone: `+1248${510 + i}${i % 2 ? '1111' : '2222'}`,
      });
    const probes = (await tdb.customers.ref.limit(60).get()).docs.map((d) => d.data()).filter((_, i) => i % 7 === 0);
    // The reference: each key alone (phone, name, phone ending), its first 20 in document-id order.
    const first20 = async (q: FirebaseFirestore.Query<Customer>) => (await q.limit(20).get()).docs.map((d) => d.data());
    const one = async (c: Customer) => {
      const found = await Promise.all([
        first20(tdb.customers.ref.where('phone', '==', c.phone)),
        first20(tdb.customers.ref.where('searchKeys', 'array-contains', fullNameToken(c))),
        first20(tdb.customers.ref.where('searchKeys', 'array-contains', `d:${c.phone!.slice(-4)}`)),
      ]);
      return rankDuplicates(c, found.flat());
    };
    const each = await Promise.all(probes.map(one));
    expect(each.some((cands) => cands.length > 0)).toBe(true);
    // Together (combined queries), and one alone (its combined query overflows and falls back).
    expect(
      await duplicateCandidatesOf(
        t.orgId,
        probes.map((customer) => ({ customer })),
      ),
    ).toEqual(each);
    expect(await duplicateCandidatesOf(t.orgId, [{ customer: probes[0]! }])).toEqual([each[0]]);
  });
});
