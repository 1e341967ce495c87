import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { splitMemberId } from '@/domain/analytics/split-member';
import { jsonWithBigInts, shopifyOrder, shopifyRefund } from '@/domain/signals/samples';
import { tenantDb } from '@/server/db/tenant-db';
import { enterSplitMember } from '@/server/services/analytics/enter-split';
import { readRollupDays } from '@/server/services/analytics/read-rollups';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { applyMailjetEvents } from '@/server/services/messaging/apply-mailjet-events';
import { sendMessage } from '@/server/services/messaging/send-message';
import { customerTimelinePage } from '@/server/services/customers/customer-timeline';
import { setProviderEnv, seedMessagingCustomer, uniquePhone } from '../support/messaging';
import { activePlaybook, nextUid } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { deliver, makeEndpoint, settle, type TestEndpoint } from '../support/webhooks';

// Orders arriving through the real receivers are credited to the message or code that earned them,
// refunds come off, and A/B split members are measured (docs/analytics.md, Attribution and lift).

const HOUR = 3_600_000;
const k = (...p: string[]) => JSON.stringify(p);
const TOTAL = 6_148; // the sample order

let t: TestTenant;
let ep: TestEndpoint;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Attribution');
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
});

async function buyer() {
  const email = `attr-${randomUUID().slice(0, 8)}@example.com`;
  const phone = uniquePhone();
  const id = await seedMessagingCustomer(t, { email, phone });
  return { id, person: { firstName: 'Ada', lastName: 'Buyer', email, phone }, storeId: nextUid() + 900_000 };
}

async function email(customerId: string, at: Date, source: Parameters<typeof sendMessage>[1]['source']) {
  return sendMessage(t.ctx('owner', new ManualClock(at)), {
    customerId,
    channel: 'email',
    kind: 'transactional',
    content: { subject: 'Your weekend picks', body: '<p>Hello</p>' },
    idempotencyKey: `attr:${randomUUID()}`,
    source,
  });
}

async function order(b: Awaited<ReturnType<typeof buyer>>, at: Date, extra: Record<string, unknown> = {}) {
  const uid = nextUid();
  const body = jsonWithBigInts({ ...shopifyOrder({ now: at, uid, person: b.person, customerId: b.storeId }), ...extra });
  expect((await deliver(ep, body, { topic: 'orders/create' })).status).toBe(200);
  await settle();
  return { uid, at };
}

describe('attribution on order ingest', () => {
  it('credits the clicked playbook email, takes refunds off once, and the rollups and a rebuild agree', async () => {
    const b = await buyer();
    const sentAt = new Date('2031-08-04T16:00:00Z');
    // A live playbook: a message of a deleted one is withdrawn before it goes.
    const pb = await activePlaybook(t, { name: 'Thanks', triggers: [{ type: 'manual' }], steps: [{ id: 'thank_you', action: 'add_tag', tag: 'thanked' }] });
    const send = await email(b.id, sentAt, { type: 'playbook', runId: 'run-a', stepId: 'thank_you', playbookId: pb.id, variant: 'B' });
    expect(send.sentAt).not.toBeNull();
    expect(send.status).not.toBe('failed');
    const clickAt = new Date(sentAt.getTime() + HOUR);
    await applyMailjetEvents(t.ctx('owner', new ManualClock(clickAt)), [
      { event: 'click', time: Math.floor(clickAt.getTime() / 1000), CustomID: send.id, MessageID: send.providerMessageId ?? undefined },
    ]);
    const o = await order(b, new Date(sentAt.getTime() + 2 * 24 * HOUR));
    const placed = (await tenantDb(t.orgId).orders.ref.where('customerId', '==', b.id).get()).docs.map((d) => d.data());
    expect(placed.map((x) => x.totalCents)).toEqual([TOTAL]);
    const attribution = (await tenantDb(t.orgId).attributions.ref.where('customerId', '==', b.id).get()).docs[0]?.data();
    expect(attribution).toMatchObject({
      rule: 'click',
      sendId: send.id,
      channel: 'email',
      windowDays: 7,
      revenueCents: TOTAL,
      source: { playbookId: pb.id, stepId: 'thank_you', variant: 'B' },
    });

    const day = '2031-08-06';
    const tally = (await readRollupDays(t.orgId, day, day)).get(day)!;
    expect(tally[k('playbooks', pb.id, 'email', 'conversions')]).toBe(1);
    expect(tally[k('steps', pb.id, 'thank_you', 'attributedRevenueCents')]).toBe(TOTAL);
    expect(tally[k('variants', pb.id, 'B', 'conversions')]).toBe(1);
    expect(tally[k('agents', 'craig', 'attributedRevenueCents')]).toBe(TOTAL);

    // A partial refund, delivered twice, comes off once.
    const refund = jsonWithBigInts(shopifyRefund({ now: new Date(o.at.getTime() + HOUR), uid: o.uid, amountCents: 1_000, refundUid: nextUid() }));
    for (let i = 0; i < 2; i++) expect((await deliver(ep, refund, { topic: 'refunds/create' })).status).toBe(200);
    await settle();
    expect((await tenantDb(t.orgId).attributions.getOrThrow(attribution!.id)).revenueCents).toBe(TOTAL - 1_000);
    const after = (await readRollupDays(t.orgId, day, day)).get(day)!;
    expect(after[k('playbooks', pb.id, 'email', 'attributedRevenueCents')]).toBe(TOTAL - 1_000);
    expect(after[k('playbooks', pb.id, 'email', 'conversions')]).toBe(1);

    // The customer's timeline explains it to the owner, in the dispensary's zone; a budtender sees no revenue line.
    const ownerView = await customerTimelinePage(t.ctx('owner'), b.id, { limit: 50 });
    const credited = ownerView.entries.find((e) => e.kind === 'attribution');
    expect(credited?.summary).toBe(
      'Order credited to a playbook. Clicked the email “Your weekend picks” on Aug 4, 1 day before this order (7-day click window). Refunds took back $10.00, leaving $51.48.',
    );
    const budtenderView = await customerTimelinePage(t.ctx('budtender'), b.id, { limit: 50 });
    expect(budtenderView.entries.some((e) => e.kind === 'attribution')).toBe(false);

    // The rebuild from the raw records says the same.
    const rebuilt = await rebuildRollups(t.ctx('owner'), { from: '2031-08-01', to: '2031-08-10' });
    expect(rebuilt.totals[day]).toEqual(after);
  }, 60_000);

  it('an order with no message in its windows is not attributed; a campaign code on the next one attributes it directly', async () => {
    const b = await buyer();
    const sentAt = new Date('2031-08-11T16:00:00Z');
    // A view-only email 4 days before is outside the 3-day email view window.
    await email(b.id, sentAt, { type: 'campaign', id: 'cmp_view' });
    await order(b, new Date(sentAt.getTime() + 4 * 24 * HOUR));
    expect((await tenantDb(t.orgId).attributions.ref.where('customerId', '==', b.id).get()).size).toBe(0);

    await tenantDb(t.orgId).campaignCodes.set({ id: 'FALL20', campaignId: 'cmp_fall', issuedAt: sentAt, label: 'Fall sale', createdAt: sentAt });
    const coded = await order(b, new Date(sentAt.getTime() + 5 * 24 * HOUR), { discount_codes: [{ code: 'fall-20', amount: '5.00', type: 'fixed_amount' }] });
    const a = (await tenantDb(t.orgId).attributions.ref.where('customerId', '==', b.id).get()).docs.map((d) => d.data());
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ rule: 'code', code: 'FALL20', codeKind: 'campaign', source: { campaignId: 'cmp_fall' }, label: 'Fall sale' });
    expect(a[0]!.placedAt).toEqual(coded.at);
  }, 60_000);

  it('A/B split members are measured on what they buy inside the window, holdout included', async () => {
    const treated = await buyer();
    const held = await buyer();
    const at = new Date('2031-08-20T16:00:00Z');
    const ctx = t.ctx('owner', new ManualClock(at));
    await enterSplitMember(ctx, { playbookId: 'pb_lift', stepId: 'split', customerId: treated.id, arm: 'A' });
    await enterSplitMember(ctx, { playbookId: 'pb_lift', stepId: 'split', customerId: held.id, arm: 'holdout' });
    // A retried step changes nothing.
    await enterSplitMember(ctx, { playbookId: 'pb_lift', stepId: 'split', customerId: held.id, arm: 'holdout' });
    await order(held, new Date(at.getTime() + 2 * 24 * HOUR));
    await order(held, new Date(at.getTime() + 9 * 24 * HOUR)); // after the 7-day window: not counted

    const member = await tenantDb(t.orgId).splitMembers.getOrThrow(splitMemberId('pb_lift', 'split', held.id));
    expect(Object.values(member.orders)).toEqual([TOTAL]);
    const day = '2031-08-20';
    const tally = (await readRollupDays(t.orgId, day, day)).get(day)!;
    const arm = (name: string, f: string) => tally[k('experiments', 'pb_lift', 'split', name, f)] ?? 0;
    expect([arm('holdout', 'customers'), arm('holdout', 'converters'), arm('holdout', 'revenueSumCents')]).toEqual([1, 1, TOTAL]);
    expect(arm('holdout', 'revenueSumSquaresCents')).toBe(TOTAL * TOTAL);
    expect([arm('A', 'customers'), arm('A', 'converters')]).toEqual([1, 0]);
    const rebuilt = await rebuildRollups(t.ctx('owner'), { from: day, to: '2031-08-31' });
    expect(rebuilt.totals[day]).toEqual(tally);
  }, 60_000);

  it('a customer the pipeline created starts with known, empty touch marks; a message and a split move them, and what they earned is still credited', async () => {
    const person = { firstName: 'Mara', lastName: 'Marks', email: `marks-${randomUUID().slice(0, 8)}@example.com`, phone: uniquePhone() };
    const b = { id: '', person, storeId: nextUid() + 900_000 };
    const sentAt = new Date('2031-09-01T16:00:00Z');
    // The first order creates the profile: nothing can have earned it, and nothing is credited.
    await order(b, new Date(sentAt.getTime() - 30 * 24 * HOUR));
    const created = (await tenantDb(t.orgId).customers.ref.where('email', '==', person.email).get()).docs.map((d) => d.data());
    expect(created).toHaveLength(1);
    const c = created[0]!;
    expect([c.lastSendAt, c.splitWindowEndsAt]).toEqual([null, null]);
    const attributed = async () => (await tenantDb(t.orgId).attributions.ref.where('customerId', '==', c.id).get()).docs.map((d) => d.data());
    expect(await attributed()).toEqual([]);

    // A clicked email moves the send mark; the order two days later is credited to it.
    const send = await email(c.id, sentAt, { type: 'campaign', id: 'cmp_marks' });
    expect(send.sentAt).not.toBeNull();
    const clickAt = new Date(sentAt.getTime() + HOUR);
    await applyMailjetEvents(t.ctx('owner', new ManualClock(clickAt)), [
      { event: 'click', time: Math.floor(clickAt.getTime() / 1000), CustomID: send.id, MessageID: send.providerMessageId ?? undefined },
    ]);
    expect((await tenantDb(t.orgId).customers.getOrThrow(c.id)).lastSendAt).toEqual(sentAt);
    await order(b, new Date(sentAt.getTime() + 2 * 24 * HOUR));
    expect(await attributed()).toMatchObject([{ rule: 'click', sendId: send.id, source: { campaignId: 'cmp_marks' } }]);

    // A split entry moves the split mark to the end of its window; an order inside it is measured.
    const enteredAt = new Date('2031-10-20T16:00:00Z');
    await enterSplitMember(t.ctx('owner', new ManualClock(enteredAt)), { playbookId: 'pb_marks', stepId: 'split', customerId: c.id, arm: 'holdout' });
    expect((await tenantDb(t.orgId).customers.getOrThrow(c.id)).splitWindowEndsAt).toEqual(new Date(enteredAt.getTime() + 7 * 24 * HOUR));
    await order(b, new Date(enteredAt.getTime() + 24 * HOUR));
    const member = await tenantDb(t.orgId).splitMembers.getOrThrow(splitMemberId('pb_marks', 'split', c.id));
    expect(Object.values(member.orders)).toEqual([TOTAL]);
  }, 60_000);
});
