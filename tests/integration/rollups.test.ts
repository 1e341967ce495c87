import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { salesOf, type Tally } from '@/domain/analytics/rollup';
import { addDays, daysBetween, localDayKey } from '@/domain/analytics/rollup-day';
import type { Send } from '@/domain/messaging/send';
import { jsonWithBigInts, shopifyOrder, shopifyRefund } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { readRollupDays } from '@/server/services/analytics/read-rollups';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { getSalesOverview } from '@/server/services/dashboard/get-overview';
import { applyMailjetEvents } from '@/server/services/messaging/apply-mailjet-events';
import { applySmsStatus } from '@/server/services/messaging/apply-sms-status';
import { sendMessage } from '@/server/services/messaging/send-message';
import { enterSplitMember } from '@/server/services/analytics/enter-split';
import { admin } from '../support/admin-cli';
import { middayClock, seedMessagingCustomer, setProviderEnv, uniquePhone } from '../support/messaging';
import { activePlaybook, nextUid } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// Rollups are written with the events that change them; a rebuild recomputes them from the raw
// orders, refunds, sends, attributions and A/B split members. After any history, replays included, both must agree (docs/analytics.md).

const TZ = 'America/Detroit';
/** Local midnight in Detroit on May 6, 2031 (EDT): orders spread over the following days. */
const BASE = Date.parse('2031-05-06T04:00:00Z');
const HOUR = 3_600_000;
const SAMPLE_TOTAL = 6_148; // the sample order: $53.00 + 16% tax

let t: TestTenant;
let ep: TestEndpoint;
let recipients: string[];
/** The recipients as the store knows them: orders from them are attributed to the messages they got. */
let recipientPeople: Array<{ firstName: string; lastName: string; email: string; phone: string }>;
let playbookId: string;

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Rollups');
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  recipientPeople = [0, 1].map((i) => ({
    firstName: 'Rec',
    lastName: `Ipient${i}`,
    email: `recipient-${i}-${randomUUID().slice(0, 6)}@example.com`,
    phone: uniquePhone(),
  }));
  recipients = await Promise.all(recipientPeople.map((p) => seedMessagingCustomer(t, { email: p.email, phone: p.phone })));
  // A live playbook: messages of a deleted one are withdrawn before they go.
  playbookId = (await activePlaybook(t, { name: 'Rollups', triggers: [{ type: 'manual' }], steps: [{ id: 'step1', action: 'add_tag', tag: 'x' }] })).id;
});

type Action =
  | { kind: 'order'; person: number; day: number; hour: number; paid: boolean; kept?: true }
  | { kind: 'orderUpdate'; order: number; to: 'paid' | 'voided' }
  | { kind: 'orderReplay'; order: number }
  | { kind: 'refund'; order: number; full: boolean; replays: number }
  | { kind: 'send'; to: number; channel: 'email' | 'sms'; day: number; source: 'playbook' | 'campaign' | 'manual' }
  | { kind: 'status'; send: number; event: 'sent' | 'open' | 'click'; replays: number }
  | { kind: 'split'; to: number; day: number; arm: 'A' | 'holdout'; replays: number };

const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({ kind: fc.constant('order' as const), person: fc.nat(2), day: fc.nat(4), hour: fc.nat(23), paid: fc.boolean() }),
  fc.record({ kind: fc.constant('orderUpdate' as const), order: fc.nat(20), to: fc.constantFrom('paid' as const, 'voided' as const) }),
  fc.record({ kind: fc.constant('orderReplay' as const), order: fc.nat(20) }),
  fc.record({ kind: fc.constant('refund' as const), order: fc.nat(20), full: fc.boolean(), replays: fc.nat(2) }),
  fc.record({
    kind: fc.constant('send' as const),
    to: fc.nat(1),
    channel: fc.constantFrom('email' as const, 'sms' as const),
    day: fc.nat(4),
    source: fc.constantFrom('playbook' as const, 'campaign' as const, 'manual' as const),
  }),
  fc.record({
    kind: fc.constant('status' as const),
    send: fc.nat(20),
    event: fc.constantFrom('sent' as const, 'open' as const, 'click' as const),
    replays: fc.nat(2),
  }),
  fc.record({
    kind: fc.constant('split' as const),
    to: fc.nat(1),
    day: fc.nat(4),
    arm: fc.constantFrom('A' as const, 'holdout' as const),
    replays: fc.nat(1),
  }),
);

interface PlacedOrder {
  uid: number;
  person: { firstName: string; lastName: string; email: string; phone: string };
  customerId: number;
  now: Date;
  updates: number;
  status: string;
}

/** Runs one history through the real receivers and services; returns the local days it touched. */
async function run(actions: Action[], people: PlacedOrder['person'][], storeIds: number[]) {
  const orders: PlacedOrder[] = [];
  const sends: Send[] = [];
  const body = (o: PlacedOrder, financialStatus: string) =>
    jsonWithBigInts(
      shopifyOrder({
        now: o.now,
        uid: o.uid,
        person: o.person,
        customerId: o.customerId,
        financialStatus,
        updatedAt: new Date(o.now.getTime() + o.updates * 60_000),
      }),
    );
  for (const a of actions) {
    if (a.kind === 'order') {
      const o = {
        uid: nextUid(),
        person: people[a.person]!,
        customerId: storeIds[a.person]!,
        now: new Date(BASE + a.day * 24 * HOUR + a.hour * HOUR),
        updates: 0,
        status: a.paid ? 'paid' : 'pending',
      };
      // A kept order is never updated or refunded by a later action, so something stays sold.
      if (!a.kept) orders.push(o);
      expect((await deliver(ep, body(o, o.status), { topic: 'orders/create' })).status).toBe(200);
    } else if (a.kind === 'orderUpdate' || a.kind === 'orderReplay') {
      const o = orders[a.order % Math.max(1, orders.length)];
      if (!o) continue;
      if (a.kind === 'orderUpdate') {
        o.updates += 1;
        o.status = a.to;
      }
      // A replay is the same body again, under a new delivery id (a sender's retry).
      const b = body(o, o.status);
      expect((await deliver(ep, b, { topic: 'orders/updated' })).status).toBe(200);
      if (a.kind === 'orderReplay') expect((await deliver(ep, b, { topic: 'orders/updated' })).status).toBe(200);
    } else if (a.kind === 'refund') {
      const o = orders[a.order % Math.max(1, orders.length)];
      if (!o) continue;
      await settle();
      const b = jsonWithBigInts(
        shopifyRefund({ now: new Date(o.now.getTime() + HOUR), uid: o.uid, amountCents: a.full ? SAMPLE_TOTAL : 1_000, refundUid: nextUid() }),
      );
      for (let i = 0; i <= a.replays; i++) expect((await deliver(ep, b, { topic: 'refunds/create' })).status).toBe(200);
    } else if (a.kind === 'send') {
      const clock = middayClock(6 + a.day);
      const source =
        a.source === 'playbook'
          ? { type: 'playbook' as const, runId: `run-${randomUUID()}`, stepId: 'step1', playbookId }
          : a.source === 'campaign'
            ? { type: 'campaign' as const, id: 'cmp_rollups' }
            : { type: 'manual' as const, actorUid: t.users.owner.uid };
      const send = await sendMessage(t.ctx('owner', clock), {
        customerId: recipients[a.to]!,
        channel: a.channel,
        kind: 'transactional',
        content: a.channel === 'email' ? { subject: 'Hi', body: '<p>Hello</p>' } : { body: 'Hello from the store' },
        idempotencyKey: `rollups:${randomUUID()}`,
        source,
      });
      sends.push(send);
    } else if (a.kind === 'split') {
      const ctx = t.ctx('owner', new ManualClock(new Date(BASE + a.day * 24 * HOUR + 10 * HOUR)));
      for (let i = 0; i <= a.replays; i++) await enterSplitMember(ctx, { playbookId, stepId: 'split', customerId: recipients[a.to]!, arm: a.arm });
    } else {
      const s = sends[a.send % Math.max(1, sends.length)];
      if (!s) continue;
      const at = new Date(s.createdAt.getTime() + (a.event === 'sent' ? 1 : a.event === 'open' ? 2 : 3) * 60_000);
      const ctx = t.ctx('owner', new ManualClock(at));
      for (let i = 0; i <= a.replays; i++) {
        if (s.channel === 'email')
          await applyMailjetEvents(ctx, [
            { event: a.event, time: Math.floor(at.getTime() / 1000), CustomID: s.id, MessageID: s.providerMessageId ?? undefined },
          ]);
        else if (a.event === 'sent') await applySmsStatus(ctx, { messageId: s.providerMessageId!, status: 'delivered', error: null, at });
      }
    }
  }
  await settle();
}

const plain = (m: Map<string, Tally>) => Object.fromEntries([...m.entries()].sort(([a], [b]) => a.localeCompare(b)));

describe('daily rollups', () => {
  it('equal a recomputation from the raw records after any history of orders, refunds, sends and replays', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 4, maxLength: 14 }), async (actions) => {
        const n = nextUid();
        // Two of the three buyers are the message recipients, so orders get attributed and split members buy.
        const people = [
          ...recipientPeople,
          { firstName: 'Roll', lastName: `Up${n}`, email: `rollup-${n}-${randomUUID().slice(0, 6)}@example.com`, phone: uniquePhone() },
        ];
        const storeIds = [910_001, 910_002, nextUid() + 500_000];
        // Every history starts with a paid order no action voids or refunds, so something stays sold
        // to count (a history refunding every order in full sells nothing), and a message that earns
        // the next order of a customer in an A/B split, so there is a conversion and an arm to count.
        const opening: Action[] = [
          { kind: 'order', person: 0, day: 0, hour: 12, paid: true, kept: true },
          { kind: 'send', to: 0, channel: 'email', day: 0, source: 'playbook' },
          { kind: 'split', to: 0, day: 0, arm: 'holdout', replays: 0 },
          { kind: 'order', person: 0, day: 1, hour: 12, paid: true },
        ];
        await run([...opening, ...actions], people, storeIds);
        const from = '2031-05-01';
        const to = '2031-05-20';
        const stored = await readRollupDays(t.orgId, from, to);
        const rebuilt = await rebuildRollups(t.ctx('owner'), { from, to });
        expect(plain(stored)).toEqual(rebuilt.totals);
        // Pops's counters are among them: what sold, and (on the day the receivers ran, when segments
        // are recomputed) the customers' segment entries.
        expect(Object.values(rebuilt.totals).some((tally) => Object.keys(tally).some((key) => key.startsWith('["products",')))).toBe(true);
        const today = localDayKey(new Date(), TZ);
        const storedToday = await readRollupDays(t.orgId, addDays(today, -1), addDays(today, 1));
        const rebuiltToday = await rebuildRollups(t.ctx('owner'), { from: addDays(today, -1), to: addDays(today, 1) });
        expect(plain(storedToday)).toEqual(rebuiltToday.totals);
        const all = [...Object.values(rebuilt.totals), ...Object.values(rebuiltToday.totals)];
        expect(all.some((tally) => Object.keys(tally).some((key) => key.startsWith('["segmentsEntered",')))).toBe(true);
        // What the rebuild wrote reads back the same.
        expect(plain(await readRollupDays(t.orgId, from, to))).toEqual(rebuilt.totals);
      }),
      { numRuns: 6 },
    );
    // The histories did attribute orders and measure split members (the property was not vacuous).
    expect((await tenantDb(t.orgId).attributions.ref.get()).size).toBeGreaterThan(0);
    const members = (await tenantDb(t.orgId).splitMembers.ref.get()).docs.map((d) => d.data());
    expect(members.some((m) => Object.keys(m.orders).length > 0)).toBe(true);
  }, 600_000);

  it('the Overview shows what the rollups hold, counting each local day in the dispensary’s zone', async () => {
    const other = await createTestTenant('Rollups overview');
    const otherEp = await makeEndpoint(other.ctx('admin'), 'shopify');
    const now = new Date('2031-06-30T16:00:00Z');
    const person = { firstName: 'Ov', lastName: 'Erview', email: `overview-${randomUUID().slice(0, 8)}@example.com`, phone: '+13135550142' };
    // 40 days back to today, one order a day at 9 p.m. Detroit (already the next day in UTC); one voided.
    const placed: Array<{ at: Date; status: string }> = [];
    for (let d = 0; d < 40; d += 3) {
      const at = new Date(Date.parse('2031-06-30T01:00:00Z') - d * 24 * HOUR);
      const status = d === 9 ? 'voided' : 'paid';
      placed.push({ at, status });
      const res = await deliver(otherEp, jsonWithBigInts(shopifyOrder({ now: at, uid: nextUid(), person, customerId: 777, financialStatus: status })), {
        topic: 'orders/create',
      });
      expect(res.status).toBe(200);
    }
    await settle();
    const sales = await getSalesOverview(other.ctx('owner', new ManualClock(now)));
    const today = localDayKey(now, TZ);
    const paidWithin = (first: string, last: string) =>
      placed.filter((p) => p.status === 'paid' && localDayKey(p.at, TZ) >= first && localDayKey(p.at, TZ) <= last);
    const last30 = paidWithin(addDays(today, -29), today);
    expect(last30.length).toBeGreaterThan(5);
    expect(sales).toMatchObject({ orders30d: last30.length, grossSales30dCents: last30.length * SAMPLE_TOTAL, avgOrder30dCents: SAMPLE_TOTAL });
    expect(sales!.weekly).toHaveLength(12);
    expect(sales!.weekly.at(-1)!.weekStart).toBe(addDays(today, -6));
    for (const w of sales!.weekly) expect(w.orders).toBe(paidWithin(w.weekStart, addDays(w.weekStart, 6)).length);
    // The same figures from the stored rollups directly.
    const days = await readRollupDays(other.orgId, addDays(today, -29), today);
    const fromRollups = [...days.values()]
      .map(salesOf)
      .reduce((s, x) => ({ orders: s.orders + x.orders, cents: s.cents + x.grossSalesCents }), { orders: 0, cents: 0 });
    expect(fromRollups).toEqual({ orders: sales!.orders30d, cents: sales!.grossSales30dCents });
    expect(daysBetween(addDays(today, -29), today)).toHaveLength(30);
    // A budtender sees no revenue.
    expect(await getSalesOverview(other.ctx('budtender', new ManualClock(now)))).toBeNull();
    // Lost rollups come back from the raw orders with the operator's command.
    const shards = await tenantDb(other.orgId).rollupsDaily.ref.withConverter(null).get();
    expect(shards.size).toBeGreaterThan(0);
    await Promise.all(shards.docs.map((d) => d.ref.delete()));
    expect((await getSalesOverview(other.ctx('owner', new ManualClock(now))))!.orders30d).toBe(0);
    const rebuilt = await admin('rollups', 'rebuild', '--tenant', other.orgId, '--from', '2031-05-01', '--to', '2031-06-30', '--json');
    expect(rebuilt).toMatchObject({ code: 0, out: { from: '2031-05-01', to: '2031-06-30', days: 61 } });
    expect(await getSalesOverview(other.ctx('owner', new ManualClock(now)))).toEqual(sales);
  }, 120_000);
});
