import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR, MINUTE, ManualClock } from '../clock';
import type { Send } from '../messaging/send';
import { applyRefund } from './attribution-refund';
import { AttributionSettingsSchema, defaultAttributionSettings } from './attribution-settings';
import { AttributionSchema, attributeOrder, touchFromSend, type CodeOwner, type Touch } from './attribution';
import { explainAttribution } from './explain-attribution';

// The order is placed at noon UTC on Mar 10; every time below is "so long before it".
const clock = new ManualClock('2026-03-10T12:00:00Z');
const placedAt = clock.now();
const ago = (ms: number) => new Date(placedAt.getTime() - ms);
const order = { id: 'o1', customerId: 'c1', placedAt, totalCents: 5_000 };
const defaults = defaultAttributionSettings();

function touch(sendId: string, channel: 'email' | 'sms', receivedAgo: number, clickedAgo: number | null = null, extra: Partial<Touch> = {}): Touch {
  return {
    sendId,
    channel,
    source: { playbookId: 'pb1', stepId: 's1' },
    receivedAt: ago(receivedAgo),
    clickedAt: clickedAgo === null ? null : ago(clickedAgo),
    label: null,
    ...extra,
  };
}

const coupon: CodeOwner = {
  kind: 'redemption',
  code: 'ABCDEFGH2345',
  redemptionId: 'r1',
  issuedAt: ago(20 * DAY),
  source: { playbookId: 'pb-win-back' },
  label: '$5 off',
};
const campaignCode: CodeOwner = { kind: 'campaign', code: 'SPRING26', campaignId: 'cmp1', issuedAt: ago(2 * DAY), source: {}, label: 'Spring sale' };

type Case = {
  name: string;
  touches: Touch[];
  codes?: CodeOwner[];
  couponCodes?: string[];
  settings?: Parameters<typeof AttributionSettingsSchema.parse>[0];
  expect: { rule: 'code' | 'click' | 'view'; sendId?: string | null; code?: string; windowDays: number | null } | null;
};

const cases: Case[] = [
  { name: 'no messages: no attribution', touches: [], expect: null },
  { name: 'a click 2 days before', touches: [touch('e1', 'email', 3 * DAY, 2 * DAY)], expect: { rule: 'click', sendId: 'e1', windowDays: 7 } },
  {
    name: 'a click exactly 7 days before still counts',
    touches: [touch('e1', 'email', 8 * DAY, 7 * DAY)],
    expect: { rule: 'click', sendId: 'e1', windowDays: 7 },
  },
  { name: 'a click 7 days and a minute before does not', touches: [touch('e1', 'email', 8 * DAY, 7 * DAY + MINUTE)], expect: null },
  {
    name: 'click beats view: an older click wins over a newer unclicked message',
    touches: [touch('e1', 'email', 5 * DAY, 4 * DAY), touch('s1', 'sms', 2 * HOUR)],
    expect: { rule: 'click', sendId: 'e1', windowDays: 7 },
  },
  {
    name: 'the last click wins',
    touches: [touch('e1', 'email', 5 * DAY, 4 * DAY), touch('e2', 'email', 3 * DAY, 3 * DAY - HOUR)],
    expect: { rule: 'click', sendId: 'e2', windowDays: 7 },
  },
  {
    name: 'an email received 2 days before counts as a view (3-day window)',
    touches: [touch('e1', 'email', 2 * DAY)],
    expect: { rule: 'view', sendId: 'e1', windowDays: 3 },
  },
  { name: 'an email received 4 days before is outside its view window', touches: [touch('e1', 'email', 4 * DAY)], expect: null },
  {
    name: 'a text received 20 hours before counts (1-day window)',
    touches: [touch('s1', 'sms', 20 * HOUR)],
    expect: { rule: 'view', sendId: 's1', windowDays: 1 },
  },
  { name: 'a text received 25 hours before does not', touches: [touch('s1', 'sms', 25 * HOUR)], expect: null },
  {
    name: 'windows per channel: an older email in its window beats a newer text outside its own',
    touches: [touch('e1', 'email', 2 * DAY), touch('s1', 'sms', 30 * HOUR)],
    expect: { rule: 'view', sendId: 'e1', windowDays: 3 },
  },
  {
    name: 'two messages on one day: the later one wins',
    touches: [touch('s1', 'sms', 10 * HOUR), touch('e1', 'email', 4 * HOUR)],
    expect: { rule: 'view', sendId: 'e1', windowDays: 3 },
  },
  {
    name: 'two clicks at the same instant: the smaller send id wins, whatever the input order',
    touches: [touch('zeta', 'email', DAY, HOUR), touch('alpha', 'sms', DAY, HOUR)],
    expect: { rule: 'click', sendId: 'alpha', windowDays: 7 },
  },
  { name: 'a message received after the order never counts', touches: [touch('e1', 'email', -HOUR, -2 * HOUR)], expect: null },
  {
    name: 'a click after the order does not count, but the message can still count as viewed',
    touches: [touch('e1', 'email', DAY, -HOUR)],
    expect: { rule: 'view', sendId: 'e1', windowDays: 3 },
  },
  {
    name: 'a click before a late delivery receipt still counts',
    touches: [touch('s1', 'sms', -MINUTE, 2 * HOUR)],
    expect: { rule: 'click', sendId: 's1', windowDays: 7 },
  },
  {
    name: 'the tenant’s own windows: a 2-day click window and a 5-day SMS window',
    settings: { clickWindowDays: 2, viewWindowDays: { sms: 5 } },
    touches: [touch('e1', 'email', 4 * DAY, 3 * DAY), touch('s1', 'sms', 4 * DAY)],
    expect: { rule: 'view', sendId: 's1', windowDays: 5 },
  },
  {
    name: 'a loyalty coupon on the order attributes directly, over a click',
    couponCodes: ['abcd-efgh 2345'],
    codes: [coupon],
    touches: [touch('e1', 'email', DAY, HOUR)],
    expect: { rule: 'code', sendId: null, code: 'ABCDEFGH2345', windowDays: null },
  },
  {
    name: 'a campaign code attributes directly',
    couponCodes: ['spring26'],
    codes: [coupon, campaignCode],
    touches: [],
    expect: { rule: 'code', code: 'SPRING26', windowDays: null },
  },
  {
    name: 'two known codes on one order: the later issued wins',
    couponCodes: ['SPRING26', 'ABCDEFGH2345'],
    codes: [coupon, campaignCode],
    touches: [],
    expect: { rule: 'code', code: 'SPRING26', windowDays: null },
  },
  {
    name: 'a code nobody issued falls through to the messages',
    couponCodes: ['WHATEVER'],
    codes: [coupon],
    touches: [touch('e1', 'email', DAY, HOUR)],
    expect: { rule: 'click', sendId: 'e1', windowDays: 7 },
  },
  {
    name: 'a code issued after the order cannot have brought it',
    couponCodes: ['LATE'],
    codes: [{ ...campaignCode, code: 'LATE', issuedAt: ago(-DAY) }],
    touches: [],
    expect: null,
  },
];

describe('attributeOrder', () => {
  it.each(cases)('$name', (c) => {
    const settings = c.settings ? AttributionSettingsSchema.parse(c.settings) : defaults;
    const a = attributeOrder({ order: { ...order, couponCodes: c.couponCodes }, touches: c.touches, codes: c.codes ?? [], settings, now: clock.now() });
    if (c.expect === null) return expect(a).toBeNull();
    expect(a).toMatchObject({ rule: c.expect.rule, windowDays: c.expect.windowDays, revenueCents: 5_000, orderId: 'o1', customerId: 'c1' });
    if (c.expect.sendId !== undefined) expect(a?.sendId).toBe(c.expect.sendId);
    if (c.expect.code !== undefined) expect(a?.code).toBe(c.expect.code);
    expect(AttributionSchema.parse(a)).toEqual(a);
    // The same answer whatever order the touches come in.
    const reversed = attributeOrder({
      order: { ...order, couponCodes: c.couponCodes },
      touches: [...c.touches].reverse(),
      codes: c.codes ?? [],
      settings,
      now: clock.now(),
    });
    expect(reversed).toEqual(a);
  });

  it('stores the source for the rollups: the playbook that gave the coupon and the redemption', () => {
    const a = attributeOrder({ order: { ...order, couponCodes: ['ABCDEFGH2345'] }, touches: [], codes: [coupon], settings: defaults, now: clock.now() });
    expect(a?.source).toEqual({ playbookId: 'pb-win-back', redemptionId: 'r1' });
    expect(a?.attributedAt).toEqual(placedAt);
  });
});

describe('touchFromSend', () => {
  const send = {
    id: 'snd1',
    channel: 'email',
    status: 'clicked',
    purpose: 'message',
    source: { type: 'playbook', runId: 'run1', stepId: 'step2', playbookId: 'pb1' },
    sentAt: ago(3 * DAY),
    deliveredAt: ago(3 * DAY - MINUTE),
    clickedAt: ago(2 * DAY),
    message: { subject: 'Thank you', html: null, text: '', segments: null, headers: {} },
  } satisfies Parameters<typeof touchFromSend>[0];

  it('keeps what attribution reads, with the variant and agent from the run', () => {
    expect(touchFromSend(send, { variant: 'B', agent: 'craig' })).toEqual({
      sendId: 'snd1',
      channel: 'email',
      source: { playbookId: 'pb1', stepId: 'step2', variant: 'B', agent: 'craig' },
      receivedAt: ago(3 * DAY - MINUTE),
      clickedAt: ago(2 * DAY),
      label: 'Thank you',
    });
  });

  it('falls back to sentAt when delivery was never confirmed', () => {
    expect(touchFromSend({ ...send, status: 'sent', deliveredAt: null, clickedAt: null })?.receivedAt).toEqual(ago(3 * DAY));
  });

  it.each(['queued', 'deferred', 'sending', 'failed', 'bounced', 'skipped', 'cancelled'] as const)('a %s send never counts', (status) => {
    expect(touchFromSend({ ...send, status })).toBeNull();
  });

  it('an automatic STOP confirmation never counts', () => {
    expect(touchFromSend({ ...send, purpose: 'opt_out_confirmation', source: { type: 'system', purpose: 'opt_out_confirmation' } })).toBeNull();
  });

  it('credits a campaign send to its campaign', () => {
    const t = touchFromSend({ ...send, channel: 'sms', source: { type: 'campaign', id: 'cmp1' }, message: { ...send.message, subject: null } } as Pick<
      Send,
      keyof typeof send
    >);
    expect(t?.source).toEqual({ campaignId: 'cmp1' });
    expect(t?.label).toBeNull();
  });
});

describe('applyRefund', () => {
  const a = attributeOrder({ order, touches: [touch('e1', 'email', DAY, HOUR)], codes: [], settings: defaults, now: clock.now() })!;

  it('takes a refund off attributed revenue and reports the delta for the rollups', () => {
    const r = applyRefund(a, { id: 'rf1', cents: 1_200 });
    expect(r.deltaCents).toBe(-1_200);
    expect(r.attribution).toMatchObject({ revenueCents: 3_800, refundedCents: 1_200, refundIds: ['rf1'] });
    expect(a.revenueCents).toBe(5_000);
  });

  it('a replayed refund takes nothing the second time', () => {
    const once = applyRefund(a, { id: 'rf1', cents: 1_200 });
    const twice = applyRefund(once.attribution, { id: 'rf1', cents: 1_200 });
    expect(twice).toEqual({ attribution: once.attribution, deltaCents: 0 });
  });

  it('never goes below 0: the last refund takes only what is left', () => {
    const first = applyRefund(a, { id: 'rf1', cents: 4_000 });
    const second = applyRefund(first.attribution, { id: 'rf2', cents: 4_000 });
    expect(second.deltaCents).toBe(-1_000);
    expect(second.attribution.revenueCents).toBe(0);
    expect(first.deltaCents + second.deltaCents).toBe(-a.orderTotalCents);
  });

  it('refuses a negative or fractional refund', () => {
    expect(() => applyRefund(a, { id: 'x', cents: -1 })).toThrow(RangeError);
    expect(() => applyRefund(a, { id: 'x', cents: 1.5 })).toThrow(RangeError);
  });
});

describe('explainAttribution', () => {
  const zone = 'America/Detroit';
  it('names the click, the day, the gap and the window', () => {
    const a = attributeOrder({
      order,
      touches: [touch('e1', 'email', 3 * DAY, 2 * DAY, { label: 'Thank you' })],
      codes: [],
      settings: defaults,
      now: clock.now(),
    })!;
    expect(explainAttribution(a, zone)).toBe('Clicked the email “Thank you” on Mar 8, 2 days before this order (7-day click window).');
  });

  it('names a view, in the tenant’s zone (Mar 10 00:30 UTC is still Mar 9 in Detroit)', () => {
    const a = attributeOrder({ order, touches: [touch('s1', 'sms', 11 * HOUR + 30 * MINUTE)], codes: [], settings: defaults, now: clock.now() })!;
    expect(explainAttribution(a, zone)).toBe('Received a text on Mar 9, 11 hours before this order, without clicking it (1-day view window for texts).');
    expect(explainAttribution(a, 'UTC')).toContain('on Mar 10');
  });

  it('names a coupon and the refunds taken back', () => {
    const a = attributeOrder({ order: { ...order, couponCodes: ['ABCDEFGH2345'] }, touches: [], codes: [coupon], settings: defaults, now: clock.now() })!;
    const refunded = applyRefund(a, { id: 'rf1', cents: 1_250 }).attribution;
    expect(explainAttribution(refunded, zone)).toBe(
      'Used the loyalty reward code ABCD-EFGH-2345 “$5 off”, issued on Feb 18, on this order (codes count directly, with no window). Refunds took back $12.50, leaving $37.50.',
    );
  });
});

describe('attribution properties', () => {
  // Received anywhere from 40 days before to 10 days after the order; clicked up to 20 days after receipt, or never.
  const arbTouch = fc
    .record({
      sendId: fc.stringMatching(/^[a-z]{1,4}$/),
      channel: fc.constantFrom('email' as const, 'sms' as const),
      receivedOffset: fc.integer({ min: -10 * DAY, max: 40 * DAY }),
      clickAfter: fc.option(fc.integer({ min: 0, max: 20 * DAY })),
    })
    .map((t): Touch => ({
      sendId: t.sendId,
      channel: t.channel,
      source: {},
      receivedAt: ago(t.receivedOffset),
      clickedAt: t.clickAfter === null ? null : new Date(ago(t.receivedOffset).getTime() + t.clickAfter),
      label: null,
    }));

  it('never picks a touch after the order, and always within the window it names', () => {
    fc.assert(
      fc.property(fc.array(arbTouch, { maxLength: 8 }), (touches) => {
        const a = attributeOrder({ order, touches, codes: [], settings: defaults, now: clock.now() });
        if (!a) return;
        expect(a.touchAt.getTime()).toBeLessThanOrEqual(placedAt.getTime());
        expect(placedAt.getTime() - a.touchAt.getTime()).toBeLessThanOrEqual(a.windowDays! * DAY);
      }),
    );
  });

  it('a click inside the window always beats any view', () => {
    fc.assert(
      fc.property(fc.array(arbTouch, { maxLength: 8 }), (touches) => {
        const a = attributeOrder({ order, touches, codes: [], settings: defaults, now: clock.now() });
        const anyClick = touches.some((t) => t.clickedAt && t.clickedAt <= placedAt && placedAt.getTime() - t.clickedAt.getTime() <= 7 * DAY);
        if (anyClick) expect(a?.rule).toBe('click');
        else expect(a?.rule ?? null).not.toBe('click');
      }),
    );
  });
});
