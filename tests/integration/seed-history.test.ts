import { beforeAll, describe, expect, it } from 'vitest';
import { defaultAttributionSettings } from '@/domain/analytics/attribution-settings';
import { rollupFromRecords, type SendFacts } from '@/domain/analytics/rollup';
import { addDays, localDayKey } from '@/domain/analytics/rollup-day';
import { systemClock } from '@/domain/clock';
import { walkSteps } from '@/domain/playbooks/steps';
import { tenantDb } from '@/server/db/tenant-db';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { readRollupDays } from '@/server/services/analytics/read-rollups';
import { listPlaybooks } from '@/server/services/playbooks/list-playbooks';
import { attributeDemoOrders, isPaid, MESSAGE_HISTORY_DAYS } from '@/server/seed/demo-history';
import { DEMO_SEED, PINECONE } from '@/server/seed/demo-tenants';
import { generateDemoData } from '@/server/seed/generate-demo-data';
import { BatchPipeline } from '@/server/seed/seed-demo';
import { seedDemoHistory } from '@/server/seed/seed-history';
import { seedDemoPlaybooks, SLIPPING_AB_TEST } from '@/server/seed/seed-playbooks';
import { seedDefaultTemplates } from '@/server/seed/seed-templates';
import { firestore } from '@/server/db/firestore';
import { createTestTenant, type TestTenant } from '../support/tenant';

// The demo's history generator on a small Pinecone (400 customers) in its own tenant, with every
// active playbook of both demo dispensaries and the A/B test: what the seed writes for the real demo.
let t: TestTenant;
const now = systemClock.now();
// One instant for the data, the history and the rebuild, so "by now" means the same in all three.
const clock = { now: () => now };

beforeAll(async () => {
  t = await createTestTenant('History');
  const data = generateDemoData({ tenant: { ...PINECONE, id: t.orgId, customerCount: 400 }, now, seed: DEMO_SEED });
  const tdb = tenantDb(t.orgId);
  const writer = new BatchPipeline(firestore());
  for (const l of data.locations) await writer.set(tdb.locations.doc(l.id), l);
  for (const p of data.products) await writer.set(tdb.products.doc(p.id), p);
  for (const c of data.customers) await writer.set(tdb.customers.doc(c.id), c);
  for (const o of data.orders) await writer.set(tdb.orders.doc(o.id), o);
  await writer.flush();
  await seedDefaultTemplates(t.orgId, now);
  await seedDemoPlaybooks(t.orgId, systemClock, {
    active: ['order_thank_you', 'abandoned_checkout', 'low_stock_alert', 'welcome', 'birthday', 'vip_check_in'],
    drafts: [],
    custom: [SLIPPING_AB_TEST],
  });
  await seedDemoHistory(
    writer,
    { ...data, tenant: { ...data.tenant, id: t.orgId, timeZone: 'America/Detroit' } },
    { clock, seed: DEMO_SEED, owner: { uid: t.users.owner.uid, email: t.users.owner.email } },
  );
  await writer.flush();
  await rebuildRollups(t.ctx('owner', clock));
}, 240_000);

async function stored() {
  const tdb = tenantDb(t.orgId);
  const [orders, sends, attributions, members, runs, segmentChanges] = await Promise.all([
    tdb.orders.ref.get(),
    tdb.sends.ref.get(),
    tdb.attributions.ref.get(),
    tdb.splitMembers.ref.get(),
    tdb.runs.ref.get(),
    tdb.events.ref.where('name', '==', 'customer.segment_changed').get(),
  ]);
  return {
    orders: orders.docs.map((d) => d.data()),
    sends: sends.docs.map((d) => d.data()),
    attributions: attributions.docs.map((d) => d.data()),
    members: members.docs.map((d) => d.data()),
    runs: runs.docs.map((d) => d.data()),
    segmentChanges: segmentChanges.docs.map((d) => d.data()),
  };
}

describe("the demo's history", () => {
  it('every attribution is exactly what attributeOrder makes of the stored sends and orders, refunds taken off', async () => {
    const s = await stored();
    const expected = attributeDemoOrders({ orders: s.orders, settings: defaultAttributionSettings() }, s.sends);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(s.attributions.length).toBeGreaterThan(20);
    expect([...s.attributions].sort(byId)).toEqual([...expected].sort(byId));
    // Real orders only, each after its touch, revenue net of refunds.
    const orders = new Map(s.orders.map((o) => [o.id, o]));
    for (const a of s.attributions) {
      const o = orders.get(a.orderId)!;
      expect(isPaid(o)).toBe(true);
      expect(a.touchAt.getTime()).toBeLessThanOrEqual(o.placedAt.getTime());
      expect(a.revenueCents).toBe(Math.max(0, o.totalCents - o.refundedCents));
    }
    expect(new Set(s.attributions.map((a) => a.rule))).toEqual(new Set(['click', 'view']));
  });

  it('every active playbook shows runs in its last 30 days, and messages when it has a message step', async () => {
    const list = await listPlaybooks(t.ctx('owner', clock));
    expect(list).toHaveLength(7);
    for (const { playbook, runs30d, messages30d } of list) {
      expect({ name: playbook.name, runs: runs30d > 0 }).toEqual({ name: playbook.name, runs: true });
      const messages = [...walkSteps(playbook.steps)].some(({ step }) => step.action === 'send_email' || step.action === 'send_sms');
      expect({ name: playbook.name, messages: messages30d > 0 }).toEqual({ name: playbook.name, messages });
    }
    // Finished runs, as the run log lists them.
    const { runs } = await stored();
    expect(new Set(runs.map((r) => r.status))).toEqual(new Set(['completed', 'exited']));
    const outside = runs.filter((r) => !r.finishedAt || r.finishedAt > now || r.startedAt < new Date(now.getTime() - MESSAGE_HISTORY_DAYS * 86_400_000));
    expect(outside.map((r) => ({ playbookId: r.playbookId, event: r.context.event?.name, startedAt: r.startedAt, finishedAt: r.finishedAt, now }))).toEqual([]);
  });

  it('the A/B test has a holdout and two treated arms, each member measured on their own paid orders in the window, and the holdout got no message', async () => {
    const s = await stored();
    const arms = new Map<string, number>();
    for (const m of s.members) arms.set(m.arm, (arms.get(m.arm) ?? 0) + 1);
    expect([...arms.keys()].sort()).toEqual(['Email', 'Text', 'holdout']);
    expect(arms.get('holdout')!).toBeGreaterThan(20);
    for (const m of s.members) {
      const expected = Object.fromEntries(
        s.orders
          .filter(
            (o) =>
              o.customerId === m.customerId && isPaid(o) && o.placedAt >= m.firstEnteredAt && o.placedAt <= m.windowEndsAt && o.totalCents > o.refundedCents,
          )
          .map((o) => [o.id, o.totalCents - o.refundedCents]),
      );
      expect(m.orders).toEqual(expected);
    }
    const held = new Set(s.members.filter((m) => m.arm === 'holdout').map((m) => m.customerId));
    const abSends = s.sends.filter(
      (x) => x.source.type === 'playbook' && s.members.some((m) => m.playbookId === (x.source as { playbookId?: string }).playbookId),
    );
    expect(abSends.length).toBeGreaterThan(0);
    expect(abSends.filter((x) => held.has(x.customerId))).toEqual([]);
    expect(new Set(abSends.map((x) => (x.source as { variant?: string }).variant))).toEqual(new Set(['Email', 'Text']));
  });

  it('the rollups equal a recomputation from the stored orders, sends, attributions and members', async () => {
    const s = await stored();
    const timeZone = 'America/Detroit';
    const today = localDayKey(now, timeZone);
    const from = addDays(today, -MESSAGE_HISTORY_DAYS - 1);
    const expected = rollupFromRecords(s.orders, new Map(), s.sends as SendFacts[], timeZone, {
      attributions: s.attributions,
      members: s.members,
      runs: s.runs,
      segmentChanges: s.segmentChanges as never,
    });
    const got = await readRollupDays(t.orgId, from, today);
    const want = Object.fromEntries(Object.entries(expected).filter(([day]) => day >= from && day <= today));
    expect(Object.fromEntries(got)).toEqual(want);
    const total = (key: string) => [...got.values()].reduce((n, tally) => n + (tally[key] ?? 0), 0);
    expect(total(JSON.stringify(['conversions']))).toBe(s.attributions.length);
    expect(total(JSON.stringify(['channels', 'email', 'sends']))).toBeGreaterThan(100);
  });
});
