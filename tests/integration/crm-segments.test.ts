import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { runDaily } from '@/server/services/cron/run-daily';
import { getSegmentRecompute } from '@/server/services/crm/recompute-segments';
import { getLoyaltySettings } from '@/server/services/loyalty/loyalty-settings';
import { editableSettings, saveLoyaltySettings } from '@/server/services/loyalty/save-loyalty-settings';
import { setProviderEnv } from '../support/messaging';
import { activePlaybook, customerByEmail, nextUid, runsOf, shopify } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint, type TestEndpoint } from '../support/webhooks';

// The sample order totals $61.48 ($53.00 + 16% tax). With these thresholds one order makes a
// customer Loyal and a second (over $100 in all) makes them VIP.
const LOW = {
  newMaxOrders: 0,
  frequentMinOrders: 1,
  loyalMinOrders: 1,
  loyalMinLifetimeCents: 0,
  vipMinOrders: 1,
  vipMinLifetimeCents: 10_000,
};

let t: TestTenant;
let ep: TestEndpoint;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Segments');
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  const current = await getLoyaltySettings(t.ctx('owner'));
  await saveLoyaltySettings(t.ctx('owner'), { ...editableSettings(current), segments: { ...current.segments, ...LOW } });
});

const shopper = () => {
  const n = nextUid();
  return {
    person: { firstName: 'Val', lastName: 'Ortiz', email: `val-${n}@example.com`, phone: `+1313556${String(n % 10_000).padStart(4, '0')}` },
    customerId: n,
  };
};

describe('segments through signed webhooks', () => {
  it('an order that makes a customer VIP starts the VIP playbook once, with the previous segment; a redelivery starts nothing', async () => {
    const clock = new ManualClock(new Date());
    const vip = await activePlaybook(t, {
      name: 'Welcome to VIP',
      triggers: [{ type: 'segment_entered', segment: 'VIP' }],
      steps: [{ action: 'add_tag', tag: 'vip-welcomed' }],
    });
    const atRisk = await activePlaybook(t, {
      name: 'Win back',
      triggers: [{ type: 'segment_entered', segment: 'At Risk' }],
      steps: [{ action: 'add_tag', tag: 'win-back' }],
    });
    const s = shopper();

    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...s });
    const first = (await customerByEmail(t.orgId, s.person.email))!;
    expect(first.segment).toBe('Loyal');
    expect(first.segmentReason).toBe('1 order and $61 spent; last order today. Loyal: 1+ orders and $0+ spent.');
    expect(await runsOf(t.orgId, vip.id)).toHaveLength(0);

    clock.advance(60_000);
    const second = nextUid();
    await shopify(clock, ep, 'orders/create', { uid: second, ...s });
    const c = (await customerByEmail(t.orgId, s.person.email))!;
    expect(c).toMatchObject({ segment: 'VIP', orderCount: 2, segmentSince: clock.now() });
    expect(c.segmentReason).toMatch(/^2 orders and \$123 spent \(average \$61\); last order today\. VIP: 1\+ orders and \$100\+ spent\.$/);
    expect(c.tags).toContain('vip-welcomed');
    const runs = await runsOf(t.orgId, vip.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ customerId: c.id, trigger: { type: 'segment_entered', eventName: 'customer.segment_changed' } });
    expect((runs[0]!.context.event as { data: { previousSegment: string } }).data.previousSegment).toBe('Loyal');
    expect(await runsOf(t.orgId, atRisk.id)).toHaveLength(0);

    // The same order again: nothing moves, no second run.
    await shopify(clock, ep, 'orders/create', { uid: second, ...s });
    expect(await runsOf(t.orgId, vip.id)).toHaveLength(1);

    const history = (await tenantDb(t.orgId).segmentHistory(c.id).ref.orderBy('at').get()).docs.map((d) => d.data());
    expect(history.map((h) => [h.previousSegment, h.segment, h.cause])).toEqual([
      [null, 'Loyal', 'order'],
      ['Loyal', 'VIP', 'order'],
    ]);
  });

  it('refuses a segment_entered trigger for a segment that does not exist', async () => {
    await expect(
      activePlaybook(t, { name: 'Nope', triggers: [{ type: 'segment_entered', segment: 'Platinum' }], steps: [{ action: 'add_tag', tag: 'x' }] }),
    ).rejects.toMatchObject({
      code: 'validation_failed',
    });
  });
});

describe('recomputed for everyone', () => {
  it('nightly: days since the last order move customers without any event, once, and start their playbooks', async () => {
    const own = await createTestTenant('Segments nightly');
    const endpoint = await makeEndpoint(own.ctx('admin'), 'shopify');
    const clock = new ManualClock(new Date());
    const slipping = await activePlaybook(
      own,
      { name: 'We miss you', triggers: [{ type: 'segment_entered', segment: 'Slipping' }], steps: [{ action: 'add_tag', tag: 'missed' }] },
      clock,
    );
    const s = shopper();
    await shopify(clock, endpoint, 'orders/create', { uid: nextUid(), ...s });
    expect((await customerByEmail(own.orgId, s.person.email))!.segment).toBe('New');

    clock.advance(46 * 86_400_000);
    await runDaily({ clock, log: logger(), orgId: own.orgId });
    const c = (await customerByEmail(own.orgId, s.person.email))!;
    expect(c.segment).toBe('Slipping');
    expect(c.segmentReason).toMatch(/last order 46 days ago\. Slipping: no order for 45\+ days\.$/);
    expect(c.orderCount).toBe(1);
    expect(c.tags).toContain('missed');
    const changes = await tenantDb(own.orgId).events.ref.where('name', '==', 'customer.segment_changed').get();
    expect(changes.docs.map((d) => d.data().data)).toContainEqual(expect.objectContaining({ segment: 'Slipping', previousSegment: 'New', cause: 'nightly' }));

    await runDaily({ clock, log: logger(), orgId: own.orgId });
    expect(await runsOf(own.orgId, slipping.id)).toHaveLength(1);
    expect((await tenantDb(own.orgId).segmentHistory(c.id).ref.get()).size).toBe(2);
  });

  it('a thresholds save recomputes everyone in the background, with progress the page can show', async () => {
    const own = await createTestTenant('Segments thresholds');
    const endpoint = await makeEndpoint(own.ctx('admin'), 'shopify');
    const clock = new ManualClock(new Date());
    const people = [shopper(), shopper(), shopper()];
    for (const s of people) await shopify(clock, endpoint, 'orders/create', { uid: nextUid(), ...s });
    for (const s of people) expect((await customerByEmail(own.orgId, s.person.email))!.segment).toBe('New');

    const current = await getLoyaltySettings(own.ctx('owner'));
    const saved = await saveLoyaltySettings(own.ctx('owner', clock), { ...editableSettings(current), segments: { ...current.segments, ...LOW } });
    expect(saved.audit!.changes.map((ch) => ch.path)).toContain('segments.newMaxOrders');
    expect(await getSegmentRecompute(own)).toMatchObject({ status: 'running', processed: 0, total: 3, percent: 0 });
    await saved.followUp!.run();
    expect(await getSegmentRecompute(own)).toMatchObject({ status: 'done', processed: 3, changed: 3, percent: 100 });
    for (const s of people) expect((await customerByEmail(own.orgId, s.person.email))!.segment).toBe('Loyal');

    // A save that leaves the thresholds alone starts nothing.
    const again = await saveLoyaltySettings(own.ctx('owner', clock), {
      ...editableSettings(saved.settings),
      menu: { ...saved.settings.menu, tagline: 'Points!' },
    });
    expect(again.followUp).toBeNull();
  });
});
