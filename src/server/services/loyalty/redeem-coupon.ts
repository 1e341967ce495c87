import { randomBytes } from 'node:crypto';
import { AppError, errors } from '@/domain/errors';
import { formatCouponCode, normalizeCouponCode, sameUse, type Coupon, type CouponUseSource, type LoyaltyAudit } from '@/domain/loyalty/redemption';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { createNotification } from '../notifications/create-notification';
import { ledgerActorOf, localDay } from './loyalty-actor';
import { loyaltyProgramme } from './loyalty-settings';

export interface RedeemedCoupon {
  coupon: Coupon;
  /** True when this same use had been recorded before (a redelivered order, a retried call). */
  duplicate: boolean;
}

const describeUse = (u: CouponUseSource | null) => (!u ? 'an earlier use' : u.kind === 'order' ? `order ${u.orderId}` : 'the POS');

/**
 * Marks a coupon used, exactly once: the check and the write are one transaction, so of two uses at
 * the same moment one wins and the other is refused. The same use again (the same order
 * redelivered, the same POS reference) is answered as before. A second, different use is refused
 * with the date of the first, recorded for owners and reported to staff.
 */
export async function redeemCoupon(ctx: ServiceContext, rawCode: string, source: CouponUseSource): Promise<RedeemedCoupon> {
  const code = normalizeCouponCode(rawCode);
  if (!code) throw errors.notFound('Coupon');
  const tdb = tenantDb(ctx.orgId);
  const { timeZone } = await loyaltyProgramme(ctx);
  const now = ctx.clock.now();
  const outcome = await firestore().runTransaction(async (tx) => {
    const coupon = (await tx.get(tdb.loyaltyCoupons.doc(code))).data();
    if (!coupon) throw errors.notFound('Coupon');
    if (coupon.status === 'used') {
      if (coupon.usedBy && sameUse(coupon.usedBy, source)) return { coupon, duplicate: true, refused: false as const };
      return { coupon, duplicate: false, refused: true as const };
    }
    if (coupon.status === 'cancelled')
      throw new AppError('coupon_cancelled', `Coupon ${formatCouponCode(code)} was cancelled and its points given back; it cannot be used.`);
    if (coupon.expiresAt <= now) throw new AppError('coupon_expired', `Coupon ${formatCouponCode(code)} expired on ${localDay(coupon.expiresAt, timeZone)}.`);
    const used: Coupon = { ...coupon, status: 'used', usedAt: now, usedBy: source };
    tdb.loyaltyCoupons.updateIn(tx, code, { status: 'used', usedAt: now, usedBy: source });
    tdb.loyaltyRedemptions.updateIn(tx, coupon.redemptionId, { status: 'used', usedAt: now, usedBy: source });
    return { coupon: used, duplicate: false, refused: false as const };
  });
  if (!outcome.refused) return { coupon: outcome.coupon, duplicate: outcome.duplicate };
  await reportReuse(ctx, outcome.coupon, source, timeZone);
  const first = outcome.coupon;
  throw new AppError(
    'coupon_used',
    `Coupon ${formatCouponCode(code)} was already used${first.usedAt ? ` on ${localDay(first.usedAt, timeZone)}` : ''} (${describeUse(first.usedBy)}); it works once.`,
    { usedAt: first.usedAt },
  );
}

async function reportReuse(ctx: ServiceContext, coupon: Coupon, source: CouponUseSource, timeZone: string) {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const shown = formatCouponCode(coupon.id);
  const detail = `A second use of coupon ${shown} (${describeUse(source)}) was refused: it was used${coupon.usedAt ? ` on ${localDay(coupon.usedAt, timeZone)}` : ''} by ${describeUse(coupon.usedBy)}.`;
  const entry: LoyaltyAudit = {
    id: `aud_${randomBytes(12).toString('hex')}`,
    action: 'coupon_reuse_refused',
    customerId: coupon.customerId,
    redemptionId: coupon.redemptionId,
    couponCode: coupon.id,
    actor: ledgerActorOf(ctx),
    reason: null,
    detail,
    at: now,
  };
  await tdb.loyaltyAudit.create(entry);
  // No amounts in it, so every role may read it: the budtender at the register needs to know.
  await createNotification(ctx, {
    kind: 'system',
    severity: 'warning',
    audience: 'all_staff',
    title: `Coupon ${shown} used twice`,
    body: detail,
    link: `/dashboard/customers/${coupon.customerId}`,
    sourceId: coupon.redemptionId,
    dedupeKey: `coupon-reuse:${coupon.id}:${source.kind === 'order' ? source.orderId : `${source.apiKeyId}:${source.reference ?? now.toISOString()}`}`,
  });
}

export interface OrderCouponResult {
  code: string;
  outcome: 'used' | 'already_this_order' | 'refused' | 'not_ours';
  message?: string;
}

/**
 * For the order pipeline: marks the loyalty coupons an order carries as used by that order. Codes
 * that are not ours (the store's own promotions) are skipped; a refused coupon (used by another
 * order, expired, cancelled) is reported and never stops the order from being processed.
 * Idempotent on the order id, so a redelivered or updated order changes nothing.
 */
export async function redeemOrderCoupons(
  ctx: ServiceContext,
  order: { id: string; status?: string; discountCodes?: readonly string[] | null },
): Promise<OrderCouponResult[]> {
  // A cancelled order used nothing.
  if (order.status === 'cancelled') return [];
  const codes = [...new Set((order.discountCodes ?? []).map((c) => normalizeCouponCode(c)).filter((c): c is string => !!c))];
  const results: OrderCouponResult[] = [];
  for (const code of codes) {
    try {
      const r = await redeemCoupon(ctx, code, { kind: 'order', orderId: order.id });
      results.push({ code, outcome: r.duplicate ? 'already_this_order' : 'used' });
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      results.push({ code, outcome: err.code === 'not_found' ? 'not_ours' : 'refused', message: err.message });
    }
  }
  if (results.length) ctx.log?.info({ orderId: order.id, coupons: results }, 'loyalty coupons on order');
  return results;
}
