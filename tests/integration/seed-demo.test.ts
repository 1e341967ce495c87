import { beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@/domain/clock';
import { systemActor } from '@/domain/roles';
import { IDENTITY_INDEX_DOC, identityDocId } from '@/domain/signals/records';
import type { Timestamp } from 'firebase-admin/firestore';
import { addDays, dayStart, localDayKey } from '@/domain/analytics/rollup-day';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { getSalesOverview } from '@/server/services/dashboard/get-overview';
import { seedDemo } from '@/server/seed/seed-demo';
import { seedDemoPlaybooks } from '@/server/seed/seed-playbooks';
import { explainCustomerBalance } from '@/server/services/loyalty/explain-customer-balance';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { setProviderEnv } from '../support/messaging';
import { customerByEmail, nextUid, runsOf, sendsTo, shopify } from '../support/playbooks';
import { makeEndpoint } from '../support/webhooks';

// The demo seed writes the fixed demo tenants (demo-pinecone, demo-riverbend); no other
// integration test uses them, so this file can share the emulators with the rest.
beforeAll(() => setProviderEnv({}));

async function playbooksOf(orgId: string) {
  return (await tenantDb(orgId).playbooks.ref.get()).docs.map((d) => d.data());
}

describe('the demo seed', () => {
  // The whole demo (2,660 customers and their orders) is written here: slow on a busy machine.
  it(
    'gives Pinecone three active gallery playbooks, two drafts and its A/B test, Riverbend three and one, and a re-seed adds nothing',
    { timeout: 240_000 },
    async () => {
      const summary = await seedDemo({ clock: systemClock });
      expect(summary.tenants.map((t) => [t.id, t.playbooks])).toEqual([
        ['demo-pinecone', 6],
        ['demo-riverbend', 4],
      ]);
      // 90 days of history for every active playbook (docs/analytics.md, The demo's history).
      const pineconeHistory = summary.tenants[0]!.history;
      expect(pineconeHistory.runs).toBeGreaterThan(3_000);
      expect(pineconeHistory.sends).toBeGreaterThan(2_000);
      expect(pineconeHistory.attributions).toBeGreaterThan(100);
      expect(pineconeHistory.members).toBeGreaterThan(600);
      expect(pineconeHistory.campaigns).toBe(2);

      const pinecone = await playbooksOf('demo-pinecone');
      expect(Object.fromEntries(pinecone.map((p) => [p.installedFrom ?? p.name, p.status]))).toEqual({
        'Slipping customers: A/B test with holdout': 'active',
        order_thank_you: 'active',
        abandoned_checkout: 'active',
        low_stock_alert: 'active',
        win_back: 'draft',
        weekly_top_sellers: 'draft',
      });
      // Activation went through the same transaction as in the dashboard: one listener per event
      // trigger of each active playbook, and nothing for drafts (so no schedule for the weekly report).
      const listeners = (await tenantDb('demo-pinecone').listeners.ref.get()).docs.map((d) => d.data());
      expect(listeners.map((l) => [l.eventName, l.active, l.version]).sort()).toEqual([
        ['checkout.started', true, 1],
        ['customer.segment_changed', true, 1],
        ['inventory.low_stock', true, 1],
        ['order.created', true, 1],
      ]);
      expect((await tenantDb('demo-pinecone').schedules.ref.get()).size).toBe(0);
      const riverbend = await playbooksOf('demo-riverbend');
      expect(Object.fromEntries(riverbend.map((p) => [p.installedFrom, p.status]))).toEqual({
        welcome: 'active',
        birthday: 'active',
        vip_check_in: 'active',
        review_request: 'draft',
      });
      const riverbendListeners = (await tenantDb('demo-riverbend').listeners.ref.get()).docs.map((d) => d.data());
      expect(riverbendListeners.map((l) => [l.eventName, l.active]).sort()).toEqual([
        ['customer.birthday', true],
        ['customer.created', true],
        ['order.created', true],
      ]);
      // The draft stays a draft for a reason the owner can read: its example review link.
      const reviewRequest = riverbend.find((p) => p.installedFrom === 'review_request')!;
      await expect(setPlaybookStatus({ orgId: 'demo-riverbend', actor: systemActor('test'), clock: systemClock }, reviewRequest.id, 'active')).rejects.toThrow(
        /example value https:\/\/example\.com\/leave-a-review in the “Review request” step/,
      );

      // Running it again installs only what is missing: nothing.
      expect(await seedDemoPlaybooks('demo-pinecone', systemClock)).toBe(0);
      expect(await seedDemoPlaybooks('demo-riverbend', systemClock)).toBe(0);
      expect(await playbooksOf('demo-pinecone')).toHaveLength(6);
      expect(await playbooksOf('demo-riverbend')).toHaveLength(4);
    },
  );

  it("claims every demo customer's keys and marks the index complete, so an order from a known email finds its profile by key", async () => {
    const tdb = tenantDb('demo-pinecone');
    expect((await tdb.identityIndex.get(IDENTITY_INDEX_DOC))?.complete).toBe(true);
    const customers = (await tdb.customers.ref.withConverter(null).select('externalIds', 'phone', 'email').get()).docs.map((d) => ({
      id: d.id,
      ...(d.data() as { externalIds: string[]; phone: string | null; email: string | null }),
    }));
    const keys = customers.flatMap((c) => [
      ...c.externalIds.map((v) => [identityDocId('ext', v), c.id]),
      ...(c.phone ? [[identityDocId('phone', c.phone), c.id]] : []),
      ...(c.email ? [[identityDocId('email', c.email), c.id]] : []),
    ]);
    expect(keys.length).toBeGreaterThan(5_000);
    expect((await tdb.identities.ref.count().get()).data().count).toBe(keys.length);
    // Every 50th key, read back: claimed by its own customer.
    const sample = keys.filter((_, i) => i % 50 === 0);
    const claims = await Promise.all(sample.map(([id]) => tdb.identities.get(id!)));
    expect(claims.map((c) => c?.customerId)).toEqual(sample.map(([, customerId]) => customerId));

    const known = customers.find((c) => c.email && c.phone)!;
    const ep = await makeEndpoint({ orgId: 'demo-pinecone', actor: systemActor('test'), clock: systemClock }, 'shopify');
    await shopify(systemClock, ep, 'orders/create', {
      uid: nextUid(),
      customerId: nextUid(),
      person: { firstName: 'Known', lastName: 'Buyer', email: known.email!, phone: known.phone! },
    });
    const holders = (await tdb.customers.ref.where('email', '==', known.email).get()).docs.map((d) => d.id);
    expect(holders).toEqual([known.id]);
    // Identity resolution claims keys itself: the index stays complete.
    expect((await tdb.identityIndex.get(IDENTITY_INDEX_DOC))?.complete).toBe(true);
  });

  it('the Overview has sales from the first start: the rollups the seed built equal the orders themselves', async () => {
    const sales = (await getSalesOverview({ orgId: 'demo-pinecone', actor: { kind: 'staff', uid: 'demo-owner', role: 'owner' }, clock: systemClock }))!;
    const { timeZone } = await tenantsCollection().getOrThrow('demo-pinecone');
    const today = localDayKey(systemClock.now(), timeZone);
    const first = addDays(today, -83);
    const snap = await tenantDb('demo-pinecone')
      .orders.ref.withConverter(null)
      .where('placedAt', '>=', dayStart(first, timeZone))
      .where('placedAt', '<', dayStart(addDays(today, 1), timeZone))
      .select('status', 'totalCents', 'placedAt')
      .get();
    const paid = snap.docs
      .map((d) => d.data() as { status: string; totalCents: number; placedAt: Timestamp })
      .filter((o) => ['completed', 'partially_refunded', 'refunded'].includes(o.status))
      .map((o) => ({ day: localDayKey(o.placedAt.toDate(), timeZone), cents: o.totalCents }));
    const within = (from: string, to: string) => paid.filter((o) => o.day >= from && o.day <= to);
    const last30 = within(addDays(today, -29), today);
    expect(last30.length).toBeGreaterThan(100);
    expect(sales.orders30d).toBe(last30.length);
    expect(sales.grossSales30dCents).toBe(last30.reduce((n, o) => n + o.cents, 0));
    expect(sales.weekly.map((w) => w.orders)).toEqual(sales.weekly.map((w) => within(w.weekStart, addDays(w.weekStart, 6)).length));
  });

  it('the seeded thank-you answers a signed order webhook with an email', async () => {
    const thankYou = (await playbooksOf('demo-pinecone')).find((p) => p.installedFrom === 'order_thank_you');
    expect(thankYou?.status).toBe('active');
    const ep = await makeEndpoint({ orgId: 'demo-pinecone', actor: systemActor('test'), clock: systemClock }, 'shopify');
    const person = { firstName: 'Seed', lastName: 'Buyer', email: `seed-buyer-${nextUid()}@example.com`, phone: '+13135550188' };
    await shopify(systemClock, ep, 'orders/create', { uid: nextUid(), customerId: nextUid(), person });
    const customer = await customerByEmail('demo-pinecone', person.email);
    expect(customer).not.toBeNull();
    const sends = await sendsTo('demo-pinecone', customer!.id);
    expect(sends.map((s) => [s.templateId, s.status, s.source])).toEqual([
      ['thank_you', 'sent', expect.objectContaining({ type: 'playbook', playbookId: thankYou!.id })],
    ]);
    // The seed's own history runs belong to the demo's customers; this new buyer has exactly one.
    expect((await runsOf('demo-pinecone', thankYou!.id)).filter((r) => r.customerId === customer!.id).map((r) => r.status)).toEqual(['completed']);
  });

  it('explains every demo balance by its ledger: an opening-balance line, no drift', async () => {
    const tdb = tenantDb('demo-pinecone');
    const withPoints = (await tdb.customers.ref.where('pointsBalance', '>', 0).limit(3).get()).docs.map((d) => d.data());
    expect(withPoints).toHaveLength(3);
    const ctx = { orgId: 'demo-pinecone', actor: systemActor('test'), clock: systemClock };
    for (const c of withPoints) {
      const e = await explainCustomerBalance(ctx, c.id);
      expect(e.drift).toBeNull();
      expect(e.summary).toContain(`${c.pointsBalance.toLocaleString('en-US')} point`);
      expect(e.breakdown).toEqual([`Started with ${c.pointsBalance.toLocaleString('en-US')} points brought over from the previous programme.`]);
      expect(c.loyalty?.available).toBe(c.pointsBalance);
    }
  });
});
