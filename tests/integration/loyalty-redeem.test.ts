import { beforeAll, describe, expect, it } from 'vitest';
import { MINUTE, DAY } from '@/domain/clock';
import { tenantDb } from '@/server/db/tenant-db';
import { firestore } from '@/server/db/firestore';
import { openLedger } from '@/server/services/loyalty/ledger-in-tx';
import { loyaltyProgramme } from '@/server/services/loyalty/loyalty-settings';
import { cancelRedemption } from '@/server/services/loyalty/cancel-redemption';
import { redeemCoupon } from '@/server/services/loyalty/redeem-coupon';
import { redeemReward } from '@/server/services/loyalty/redeem-reward';
import { requestPin } from '@/server/services/loyalty/request-pin';
import { sendViewFor } from '@/domain/views/send-view';
import { givePoints, issueCoupon, newRedemptionId, pinFromOutbox } from '../support/loyalty';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Loyalty redeem');
});

const codeOf = (err: unknown) => (err as { code?: string }).code;
const refusal = async (p: Promise<unknown>) => {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err, 'expected a refusal').not.toBeNull();
  return err as { code: string; message: string; details?: Record<string, unknown> };
};

async function ledger(customerId: string) {
  const lines = (await tenantDb(t.orgId).loyaltyLines.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
  return { sum: lines.reduce((s, l) => s + l.points, 0), types: lines.map((l) => l.type).sort() };
}

describe('the PIN', () => {
  it('is texted through the gate, hashed at rest, hidden from budtenders, and confirms one redemption', async () => {
    const clock = middayClock(7);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 300);
    const sent = await requestPin(ctx, customerId);
    expect(sent.sentTo).toMatch(/^•+\d{4}$/);
    const pin = await pinFromOutbox(t.orgId, customerId);
    const state = await tenantDb(t.orgId).loyaltyPins.getOrThrow(customerId);
    expect(JSON.stringify(state)).not.toContain(pin);
    const send = (await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get()).docs[0]!.data();
    expect(send).toMatchObject({ kind: 'transactional', channel: 'sms', status: 'sent' });
    expect(sendViewFor('budtender', send).message).toBeNull();
    expect(sendViewFor('owner', send).message?.text).toContain(pin);

    const id = newRedemptionId();
    const r = await redeemReward(ctx, { redemptionId: id, customerId, rewardId: 'five-off', pin });
    expect(r.redemption).toMatchObject({ confirmedBy: 'pin', pointsCost: 100, status: 'issued' });
    // The same PIN cannot confirm a second redemption.
    const again = await refusal(redeemReward(ctx, { redemptionId: newRedemptionId(), customerId, rewardId: 'five-off', pin }));
    expect(again.code).toBe('pin_invalid');
    expect(again.message).toMatch(/already confirmed a redemption/);
  });

  it('refuses a wrong PIN with the tries left, and after five wrong tries the right one too', async () => {
    const clock = middayClock(8);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 300);
    await requestPin(ctx, customerId);
    const pin = await pinFromOutbox(t.orgId, customerId);
    const wrong = pin === '999999' ? '888888' : '999999';
    for (let left = 4; left >= 0; left--) {
      const err = await refusal(redeemReward(ctx, { redemptionId: newRedemptionId(), customerId, rewardId: 'five-off', pin: wrong }));
      expect(err.code).toBe('pin_invalid');
      expect(err.details).toMatchObject({ triesLeft: left });
      expect(err.message).toBe(left > 0 ? `Wrong PIN: ${left} ${left === 1 ? 'try' : 'tries'} left.` : 'Wrong PIN, and that was the last try. Text a new PIN.');
    }
    const locked = await refusal(redeemReward(ctx, { redemptionId: newRedemptionId(), customerId, rewardId: 'five-off', pin }));
    expect(locked.code).toBe('pin_expired');
    expect(locked.message).toMatch(/Five wrong tries/);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).loyalty?.available).toBe(300);
  });

  it('expires after ten minutes', async () => {
    const clock = middayClock(9);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 300);
    await requestPin(ctx, customerId);
    const pin = await pinFromOutbox(t.orgId, customerId);
    clock.advance(10 * MINUTE);
    const err = await refusal(redeemReward(ctx, { redemptionId: newRedemptionId(), customerId, rewardId: 'five-off', pin }));
    expect(err.code).toBe('pin_expired');
    expect(err.message).toBe('The PIN has expired (they last 10 minutes). Text a new PIN.');
  });

  it('is texted at most three times in fifteen minutes per customer', async () => {
    const clock = middayClock(10);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    for (let i = 0; i < 3; i++) {
      await requestPin(ctx, customerId);
      clock.advance(MINUTE);
    }
    const err = await refusal(requestPin(ctx, customerId));
    expect(err.code).toBe('rate_limited');
    expect(err.message).toMatch(/Try again in 12 minutes/);
    clock.advance(12 * MINUTE);
    await expect(requestPin(ctx, customerId)).resolves.toMatchObject({ triesLeft: 5 });
    // Another customer is not held up by this one.
    await expect(requestPin(ctx, await seedMessagingCustomer(t))).resolves.toMatchObject({ triesLeft: 5 });
  });

  it('says why it cannot be texted to a customer without SMS consent', async () => {
    const clock = middayClock(11);
    const customerId = await seedMessagingCustomer(t, {
      consent: { email: { status: 'unknown', source: 'x', at: null }, sms: { status: 'unknown', source: 'x', at: null } },
    });
    const err = await refusal(requestPin(t.ctx('budtender', clock), customerId));
    expect(err.message).toMatch(/^The PIN could not be texted: SMS needs an explicit opt-in.*Use a staff override with a reason\.$/);
  });
});

describe('redeem and cancel', () => {
  it('spends the points, issues a coupon, is idempotent on its id, and cancelling gives the points back once', async () => {
    const clock = middayClock(12);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 500);
    const id = newRedemptionId();
    const input = { redemptionId: id, customerId, rewardId: 'ten-off', override: { reason: 'Phone left at home' } };
    const first = await redeemReward(ctx, input);
    const retry = await redeemReward(ctx, input);
    expect(first.duplicate).toBe(false);
    expect(retry.duplicate).toBe(true);
    expect(retry.redemption.couponCode).toBe(first.redemption.couponCode);
    expect(first.available).toBe(300);
    expect(first.redemption).toMatchObject({ couponValueCents: 1_000, confirmedBy: 'override', overrideReason: 'Phone left at home' });
    expect(first.redemption.expiresAt).toEqual(new Date(clock.now().getTime() + 30 * DAY));
    const coupon = await tenantDb(t.orgId).loyaltyCoupons.getOrThrow(first.redemption.couponCode);
    expect(coupon).toMatchObject({ status: 'issued', valueCents: 1_000, customerId });
    const audit = (await tenantDb(t.orgId).loyaltyAudit.ref.where('redemptionId', '==', id).get()).docs.map((d) => d.data());
    expect(audit).toEqual([expect.objectContaining({ action: 'pin_override', reason: 'Phone left at home', customerId })]);

    const short = await refusal(redeemReward(ctx, { ...input, redemptionId: newRedemptionId(), rewardId: 'twenty-five-off' }));
    expect(short.code).toBe('insufficient_points');
    expect(short.message).toBe('Not enough points: this reward needs 500 and 300 are available to spend.');

    const cancelled = await cancelRedemption(ctx, id);
    const cancelledAgain = await cancelRedemption(ctx, id);
    expect(cancelled).toMatchObject({ duplicate: false, available: 500 });
    expect(cancelledAgain).toMatchObject({ duplicate: true, available: 500 });
    expect(await ledger(customerId)).toEqual({ sum: 500, types: ['opening_balance', 'redeem', 'redeem_cancel'] });
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).pointsBalance).toBe(500);
    const gone = await refusal(redeemCoupon(ctx, first.redemption.couponCode, { kind: 'order', orderId: 'ord_late' }));
    expect(gone.code).toBe('coupon_cancelled');
  });

  it("adds the tier's discount percent to the coupon", async () => {
    const clock = middayClock(13);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    const programme = await loyaltyProgramme(ctx);
    await firestore().runTransaction(async (tx) => {
      const s = await openLedger(tx, t.orgId, customerId, [], programme, clock.now());
      s.addSpend(160_000, clock.now());
      s.reviewTier();
      s.write(tx);
    });
    await givePoints(ctx, customerId, 200);
    const r = await redeemReward(ctx, {
      redemptionId: newRedemptionId(),
      customerId,
      rewardId: 'ten-off',
      override: { reason: 'Gold member, phone flat: '.padEnd(300, '.') },
    });
    expect(r.redemption).toMatchObject({ tierId: 'gold', discountPercent: 10, couponValueCents: 1_100 });
  });

  it('keeps the points of a used coupon', async () => {
    const clock = middayClock(14);
    const ctx = t.ctx('budtender', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 100);
    const red = await issueCoupon(ctx, customerId);
    await redeemCoupon(ctx, red.couponCode, { kind: 'order', orderId: 'ord_1' });
    const err = await refusal(cancelRedemption(ctx, red.id));
    expect(err.code).toBe('coupon_used');
    expect(err.message).toMatch(/^The coupon was already used on .+, so its points cannot be given back\.$/);
    expect((await ledger(customerId)).sum).toBe(0);
  });
});

describe('coupons', () => {
  it('of two uses at the same moment exactly one wins; the other is refused, recorded and reported', async () => {
    const clock = middayClock(15);
    const ctx = t.ctx('owner', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 100);
    const red = await issueCoupon(ctx, customerId);
    const results = await Promise.allSettled([
      redeemCoupon(ctx, red.couponCode, { kind: 'order', orderId: 'ord_a' }),
      redeemCoupon(ctx, red.couponCode.toLowerCase(), { kind: 'order', orderId: 'ord_b' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(codeOf(lost[0]!.reason)).toBe('coupon_used');
    expect((lost[0]!.reason as Error).message).toMatch(/was already used on .+ \(order ord_[ab]\); it works once\.$/);
    const coupon = await tenantDb(t.orgId).loyaltyCoupons.getOrThrow(red.couponCode);
    const redemption = await tenantDb(t.orgId).loyaltyRedemptions.getOrThrow(red.id);
    expect(coupon.status).toBe('used');
    expect(redemption.usedBy).toEqual(coupon.usedBy);
    // The winner again (a redelivered order) is the same use, not a second one.
    const winner = coupon.usedBy!.kind === 'order' ? coupon.usedBy!.orderId : '';
    await expect(redeemCoupon(ctx, red.couponCode, { kind: 'order', orderId: winner })).resolves.toMatchObject({ duplicate: true });
    const notes = (await tenantDb(t.orgId).notifications.ref.where('sourceId', '==', red.id).get()).docs.map((d) => d.data());
    expect(notes).toEqual([expect.objectContaining({ title: expect.stringMatching(/^Coupon .+ used twice$/), audience: 'all_staff', severity: 'warning' })]);
    const audit = (await tenantDb(t.orgId).loyaltyAudit.ref.where('couponCode', '==', red.couponCode).get()).docs.map((d) => d.data().action);
    expect(audit.sort()).toEqual(['coupon_reuse_refused', 'pin_override']);
  });

  it('expires after the days the programme gives it', async () => {
    const clock = middayClock(16);
    const ctx = t.ctx('owner', clock);
    const customerId = await seedMessagingCustomer(t);
    await givePoints(ctx, customerId, 100);
    const red = await issueCoupon(ctx, customerId);
    clock.advance(30 * DAY);
    const err = await refusal(redeemCoupon(ctx, red.couponCode, { kind: 'order', orderId: 'ord_late' }));
    expect(err.code).toBe('coupon_expired');
    expect(err.message).toMatch(/^Coupon [A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4} expired on Jun 15, 2031\.$/);
    const unknown = await refusal(redeemCoupon(ctx, 'AAAA-BBBB-CCCC', { kind: 'order', orderId: 'ord_x' }));
    expect(unknown).toMatchObject({ code: 'not_found', message: 'Coupon not found.' });
  });
});
