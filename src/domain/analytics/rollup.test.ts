import { describe, expect, it } from 'vitest';
import type { Send } from '../messaging/send';
import { addDays, dayStart, daysBetween, localDayKey } from './rollup-day';
import {
  attributionDelta,
  memberDelta,
  mergeDelta,
  nestTally,
  splitTally,
  orderContribution,
  orderDelta,
  rollupFromRecords,
  salesOf,
  sendDelta,
  tallyOfDoc,
  type SendFacts,
} from './rollup';
import { enterSplit, memberRevenueCents, withMemberOrder } from './split-member';

const DET = 'America/Detroit';
const LA = 'America/Los_Angeles';
const k = (...path: string[]) => JSON.stringify(path);

describe('local day keys', () => {
  it('counts an evening sale on its local day, not the UTC one', () => {
    // 8 p.m. in Detroit on Mar 7 is already Mar 8 in UTC.
    expect(localDayKey(new Date('2026-03-08T01:00:00Z'), DET)).toBe('2026-03-07');
    expect(localDayKey(new Date('2026-03-08T07:59:00Z'), LA)).toBe('2026-03-07');
    expect(localDayKey(new Date('2026-03-08T08:00:00Z'), LA)).toBe('2026-03-08');
  });

  it('spring forward: the day is 23 hours long and midnight to midnight stays one day', () => {
    expect(dayStart('2026-03-08', DET).toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(dayStart('2026-03-09', DET).toISOString()).toBe('2026-03-09T04:00:00.000Z');
    expect(localDayKey(new Date('2026-03-09T03:59:59Z'), DET)).toBe('2026-03-08');
    expect(localDayKey(new Date('2026-03-09T04:00:00Z'), DET)).toBe('2026-03-09');
    expect(dayStart('2026-03-09', LA).getTime() - dayStart('2026-03-08', LA).getTime()).toBe(23 * 3_600_000);
  });

  it('fall back: the day is 25 hours long; the repeated hour stays on the same day', () => {
    expect(dayStart('2026-11-02', LA).getTime() - dayStart('2026-11-01', LA).getTime()).toBe(25 * 3_600_000);
    // 1:30 a.m. happens twice on Nov 1 in Los Angeles (08:30Z and 09:30Z).
    expect(localDayKey(new Date('2026-11-01T08:30:00Z'), LA)).toBe('2026-11-01');
    expect(localDayKey(new Date('2026-11-01T09:30:00Z'), LA)).toBe('2026-11-01');
    expect(localDayKey(new Date('2026-11-02T07:59:00Z'), LA)).toBe('2026-11-01');
  });

  it('day arithmetic crosses months, years and DST without skipping', () => {
    expect(addDays('2026-03-07', 2)).toBe('2026-03-09');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBetween('2026-10-31', '2026-11-02')).toEqual(['2026-10-31', '2026-11-01', '2026-11-02']);
  });
});

const order = (o: Partial<Parameters<typeof orderContribution>[0] & object> = {}) => ({
  status: 'completed' as const,
  totalCents: 5_000,
  refundedCents: 0,
  placedAt: new Date('2026-03-10T18:00:00Z'),
  customerId: 'c1',
  ...o,
});

describe('order deltas', () => {
  it('a paid order adds one order and its total; pending and cancelled add nothing', () => {
    expect(salesOf(orderContribution(order(), 0, DET)['2026-03-10']!)).toMatchObject({ orders: 1, grossSalesCents: 5_000, netSalesCents: 5_000 });
    expect(orderContribution(order({ status: 'pending' }), 0, DET)).toEqual({});
    expect(orderContribution(order({ status: 'cancelled' }), 0, DET)).toEqual({});
  });

  it('a replay changes nothing; a changed total moves by the difference; a refund stays on the order’s day', () => {
    const before = { order: order(), refunds: 0 };
    expect(orderDelta(before, before, [], DET)).toEqual({});
    expect(orderDelta(before, { order: order({ totalCents: 6_000 }), refunds: 0 }, [], DET)).toEqual({ '2026-03-10': { [k('grossSalesCents')]: 1_000 } });
    const refunded = orderDelta(before, { order: order({ status: 'partially_refunded', refundedCents: 1_500 }), refunds: 1 }, [], DET);
    expect(refunded).toEqual({ '2026-03-10': { [k('refunds')]: 1, [k('refundedCents')]: 1_500 } });
  });

  it('a fully refunded order still counts as an order, and no longer as a customer order', () => {
    const d = orderDelta({ order: order(), refunds: 0 }, { order: order({ status: 'refunded', refundedCents: 5_000 }), refunds: 1 }, [], DET);
    expect(d['2026-03-10']).toEqual({ [k('refunds')]: 1, [k('refundedCents')]: 5_000, [k('customerOrders')]: -1 });
  });

  it('a customer is new on the day of their first order, and moves when an earlier order arrives', () => {
    const first = new Date('2026-03-10T18:00:00Z');
    const earlier = new Date('2026-03-02T18:00:00Z');
    expect(orderDelta({ order: null, refunds: 0 }, { order: order(), refunds: 0 }, [{ before: null, after: { firstOrderAt: first } }], DET)).toEqual({
      '2026-03-10': { [k('orders')]: 1, [k('grossSalesCents')]: 5_000, [k('customerOrders')]: 1, [k('newCustomers')]: 1 },
    });
    const moved = orderDelta(
      { order: null, refunds: 0 },
      { order: order({ placedAt: earlier }), refunds: 0 },
      [{ before: { firstOrderAt: first }, after: { firstOrderAt: earlier } }],
      DET,
    );
    expect(moved['2026-03-10']).toEqual({ [k('newCustomers')]: -1 });
    expect(moved['2026-03-02']).toMatchObject({ [k('newCustomers')]: 1, [k('customerOrders')]: 1 });
  });
});

const send = (s: Partial<SendFacts> = {}): SendFacts => ({
  channel: 'email',
  source: { type: 'playbook', runId: 'r1', stepId: 's1', playbookId: 'pb1' },
  purpose: 'message',
  createdAt: new Date('2026-03-10T03:00:00Z'),
  sentAt: null,
  deliveredAt: null,
  openedAt: null,
  clickedAt: null,
  ...s,
});

describe('send deltas', () => {
  it('each timestamp counts once, on the local day the message was created, per channel and playbook', () => {
    const sent = send({ sentAt: new Date('2026-03-10T03:01:00Z') });
    expect(sendDelta(send(), sent, DET)).toEqual({
      '2026-03-09': {
        [k('channels', 'email', 'sends')]: 1,
        [k('playbooks', 'pb1', 'email', 'sends')]: 1,
        [k('steps', 'pb1', 's1', 'sends')]: 1,
        [k('agents', 'craig', 'sends')]: 1,
      },
    });
    expect(sendDelta(sent, sent, DET)).toEqual({});
    const opened = { ...sent, deliveredAt: new Date('2026-03-11T00:00:00Z'), openedAt: new Date('2026-03-12T00:00:00Z') };
    expect(Object.keys(sendDelta(sent, opened, DET))).toEqual(['2026-03-09']);
  });

  it('campaign sends count under the campaign; STOP and HELP answers are not counted', () => {
    const c = send({ source: { type: 'campaign', id: 'cmp1' }, channel: 'sms', sentAt: new Date('2026-03-10T16:00:00Z') });
    expect(sendDelta(null, c, DET)['2026-03-09']).toEqual({
      [k('channels', 'sms', 'sends')]: 1,
      [k('campaigns', 'cmp1', 'sms', 'sends')]: 1,
      [k('agents', 'craig', 'sends')]: 1,
    });
    expect(sendDelta(null, { ...c, purpose: 'help_reply' } as Send, DET)).toEqual({});
  });
});

describe('recomputation', () => {
  it('equals the sum of the deltas of the same history, and round-trips through a stored document', () => {
    const o1 = { ...order(), id: 'o1' };
    const o2 = { ...order({ placedAt: new Date('2026-03-12T18:00:00Z'), status: 'partially_refunded', refundedCents: 500 }), id: 'o2' };
    const s1 = send({ sentAt: new Date('2026-03-10T03:01:00Z'), clickedAt: new Date('2026-03-10T04:00:00Z') });
    const recomputed = rollupFromRecords(
      [o1, o2],
      new Map([['o2', [{ externalId: 'r', amountCents: 500, reason: null, refundedAt: new Date(), recordedAt: new Date() }]]]),
      [s1],
      DET,
    );
    let incremental = orderDelta({ order: null, refunds: 0 }, { order: o1, refunds: 0 }, [{ before: null, after: { firstOrderAt: o1.placedAt } }], DET);
    incremental = mergeDelta(incremental, orderDelta({ order: null, refunds: 0 }, { order: o2, refunds: 1 }, [], DET));
    incremental = mergeDelta(incremental, sendDelta(null, s1, DET));
    expect(incremental).toEqual(recomputed);
    expect(salesOf(recomputed['2026-03-12']!)).toMatchObject({ orders: 1, refunds: 1, netSalesCents: 4_500, newCustomers: 0, returningOrders: 1 });
    const stored = { day: '2026-03-09', shard: 0, updatedAt: new Date(), ...nestTally(recomputed['2026-03-09']!, (n) => n) };
    expect(tallyOfDoc(stored)).toEqual(recomputed['2026-03-09']);
  });
});

describe('parts', () => {
  it('keeps message counters apart from sales, so the Overview reads only the sales shards', () => {
    const t = { [k('orders')]: 2, [k('newCustomers')]: 1, [k('channels', 'sms', 'sends')]: 3, [k('campaigns', 'c1', 'sms', 'sends')]: 3 };
    expect(splitTally(t)).toEqual({
      sales: { [k('orders')]: 2, [k('newCustomers')]: 1 },
      messages: { [k('channels', 'sms', 'sends')]: 3, [k('campaigns', 'c1', 'sms', 'sends')]: 3 },
    });
  });
});

describe('conversions and A/B arms', () => {
  const attribution = {
    channel: 'sms' as const,
    codeKind: null,
    placedAt: new Date('2026-03-10T03:00:00Z'),
    revenueCents: 4_000,
    source: { playbookId: 'pb1', stepId: 's2', variant: 'B', agent: 'smokey' },
  };

  it('an attributed order counts once for its playbook, step, variant, channel and agent, on its local day', () => {
    expect(attributionDelta(null, attribution, DET)).toEqual({
      '2026-03-09': {
        [k('conversions')]: 1,
        [k('attributedRevenueCents')]: 4_000,
        [k('channels', 'sms', 'conversions')]: 1,
        [k('channels', 'sms', 'attributedRevenueCents')]: 4_000,
        [k('playbooks', 'pb1', 'sms', 'conversions')]: 1,
        [k('playbooks', 'pb1', 'sms', 'attributedRevenueCents')]: 4_000,
        [k('steps', 'pb1', 's2', 'conversions')]: 1,
        [k('steps', 'pb1', 's2', 'attributedRevenueCents')]: 4_000,
        [k('variants', 'pb1', 'B', 'conversions')]: 1,
        [k('variants', 'pb1', 'B', 'attributedRevenueCents')]: 4_000,
        [k('agents', 'smokey', 'conversions')]: 1,
        [k('agents', 'smokey', 'attributedRevenueCents')]: 4_000,
      },
    });
  });

  it('a refund moves only revenue; a loyalty coupon is Mrs. Parker’s, with no channel', () => {
    const refunded = { ...attribution, revenueCents: 1_000 };
    expect(attributionDelta(attribution, refunded, DET)['2026-03-09']).toEqual(
      Object.fromEntries(
        [[], ['channels', 'sms'], ['playbooks', 'pb1', 'sms'], ['steps', 'pb1', 's2'], ['variants', 'pb1', 'B'], ['agents', 'smokey']].map((g) => [
          k(...g, 'attributedRevenueCents'),
          -3_000,
        ]),
      ),
    );
    const coupon = { ...attribution, channel: null, codeKind: 'redemption' as const, source: { redemptionId: 'rd1' } };
    expect(attributionDelta(null, coupon, DET)['2026-03-09']).toEqual({
      [k('conversions')]: 1,
      [k('attributedRevenueCents')]: 4_000,
      [k('agents', 'mrs_parker', 'conversions')]: 1,
      [k('agents', 'mrs_parker', 'attributedRevenueCents')]: 4_000,
    });
  });

  it('a split member counts in its arm on the day it first entered; an order adds revenue and makes a converter once', () => {
    const m = enterSplit(null, { playbookId: 'pb1', stepId: 'ab', customerId: 'c1', arm: 'holdout', at: new Date('2026-03-10T03:00:00Z'), windowDays: 7 });
    const p = (...f: string[]) => k('experiments', 'pb1', 'ab', 'holdout', ...f);
    expect(memberDelta(null, m, DET)).toEqual({ '2026-03-09': { [p('customers')]: 1 } });
    const bought = withMemberOrder(m, { id: 'o1', placedAt: new Date('2026-03-12T00:00:00Z'), netCents: 300 }, new Date());
    const twice = withMemberOrder(bought, { id: 'o2', placedAt: new Date('2026-03-13T00:00:00Z'), netCents: 200 }, new Date());
    expect(memberDelta(m, twice, DET)).toEqual({ '2026-03-09': { [p('converters')]: 1, [p('revenueSumCents')]: 500, [p('revenueSumSquaresCents')]: 250_000 } });
    expect(withMemberOrder(twice, { id: 'o2', placedAt: new Date('2026-03-13T00:00:00Z'), netCents: 200 }, new Date())).toBe(twice);
    const late = withMemberOrder(twice, { id: 'o3', placedAt: new Date('2026-03-30T00:00:00Z'), netCents: 900 }, new Date());
    expect(late).toBe(twice);
    const refunded = withMemberOrder(twice, { id: 'o1', placedAt: new Date('2026-03-12T00:00:00Z'), netCents: 0 }, new Date());
    expect(memberRevenueCents(refunded)).toBe(200);
    const again = enterSplit(twice, { playbookId: 'pb1', stepId: 'ab', customerId: 'c1', arm: 'holdout', at: new Date('2026-03-25T00:00:00Z'), windowDays: 7 });
    expect(withMemberOrder(again, { id: 'o3', placedAt: new Date('2026-03-30T00:00:00Z'), netCents: 900 }, new Date()).orders.o3).toBe(900);
  });
});
