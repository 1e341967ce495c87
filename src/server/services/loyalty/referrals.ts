import type { Customer } from '@/domain/customer';
import { AppError } from '@/domain/errors';
import { expiresAtFor, monthKey } from '@/domain/loyalty/earning';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import {
  normalizeReferralCode,
  REFERRAL_CODE_NOT_FOUND,
  referralKeys,
  referralReasons,
  referralRefusal,
  referrerWithinCap,
  type Referral,
  type ReferredBy,
  type ReferralSource,
} from '@/domain/loyalty/referral';
import { orderCounts } from '@/domain/order';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { openLedger } from './ledger-in-tx';
import { loyaltyProgramme } from './loyalty-settings';
import { loyaltyLocks } from './post-points';

const REFERRALS: LedgerActor = { kind: 'system', id: 'system:referrals', name: 'Referrals' };

const fieldError = (message: string) => new AppError('validation_failed', message, { issues: [{ path: 'referralCode', message }] });

/**
 * The referral a sign-up names, checked before the new customer is created: null when no code
 * was given; a 422 on the `referralCode` field when the code is unknown, or belongs to the same
 * person (same phone or email). The code is never reassigned, so reading it before the sign-up's
 * transaction is safe.
 */
export async function referralForSignUp(
  ctx: Pick<ServiceContext, 'orgId' | 'clock'>,
  rawCode: string | null | undefined,
  referred: { id: string; phone: string | null; email: string | null },
  source: ReferralSource,
): Promise<ReferredBy | null> {
  if (!rawCode?.trim()) return null;
  const code = normalizeReferralCode(rawCode);
  const tdb = tenantDb(ctx.orgId);
  const owner = code ? await tdb.referralCodes.get(code) : null;
  const referrer = owner ? await tdb.customers.get(owner.customerId) : null;
  if (!code || !owner || !referrer) throw fieldError(REFERRAL_CODE_NOT_FOUND);
  const refusal = referralRefusal(referred, referrer);
  if (refusal) throw fieldError(refusal);
  return { code, customerId: referrer.id, at: ctx.clock.now(), source };
}

export type OrderReferralOutcome =
  { status: 'none' } | { status: 'ignored'; reason: string } | { status: 'already'; referral: Referral } | { status: Referral['status']; referral: Referral };

/**
 * For the order pipeline, after the order's own commit (and again on every redelivery): a
 * referral code among the order's discount codes links a customer who has none yet and no earlier
 * counting order; then, when the order counts as a purchase and the customer was referred, the
 * referral is decided once (both bonuses, or the referred side only when the referrer's month is
 * full). Expected refusals are logged, never thrown, so they never stop the order.
 */
export async function applyOrderReferral(
  ctx: ServiceContext,
  input: { orderId: string; discountCodes?: readonly string[] | null },
): Promise<OrderReferralOutcome> {
  const tdb = tenantDb(ctx.orgId);
  const order = await tdb.orders.get(input.orderId);
  if (!order?.customerId || !orderCounts(order)) return { status: 'none' };
  const codes = [...new Set((input.discountCodes ?? []).map(normalizeReferralCode).filter((c): c is string => !!c))];
  let customer = await tdb.customers.get(order.customerId);
  if (!customer) return { status: 'none' };
  if (codes.length && !customer.referredBy) {
    const linked = await linkFromOrder(ctx, customer, codes, order.placedAt);
    if (linked.status === 'ignored') ctx.log?.info({ orderId: order.id, customerId: customer.id, reason: linked.reason }, 'referral code on order ignored');
    customer = linked.customer;
  }
  if (!customer.referredBy) return { status: 'none' };
  try {
    const outcome = await creditReferral(ctx, customer.id, order.id);
    if (outcome.status !== 'already' && 'referral' in outcome) ctx.log?.info({ orderId: order.id, referral: outcome.referral }, 'referral decided');
    return outcome;
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    ctx.log?.warn({ orderId: order.id, err: err.message }, 'referral not credited');
    return { status: 'ignored', reason: err.message };
  }
}

async function linkFromOrder(
  ctx: ServiceContext,
  customer: Customer,
  codes: string[],
  placedAt: Date,
): Promise<{ status: 'linked' | 'ignored'; customer: Customer; reason?: string }> {
  const tdb = tenantDb(ctx.orgId);
  const owners = (await Promise.all(codes.map((c) => tdb.referralCodes.get(c)))).filter((o) => !!o);
  if (!owners.length) return { status: 'ignored', customer, reason: 'no referral code among the discount codes' };
  // firstOrderAt is the customer's earliest counting order, this one included: anything earlier means this is not their first purchase.
  if (customer.firstOrderAt && customer.firstOrderAt < placedAt) return { status: 'ignored', customer, reason: 'the customer had bought before' };
  const owner = owners[0]!;
  const referrer = await tdb.customers.get(owner.customerId);
  if (!referrer) return { status: 'ignored', customer, reason: 'the referrer no longer exists' };
  const refusal = referralRefusal(customer, referrer);
  if (refusal) return { status: 'ignored', customer, reason: refusal };
  const now = ctx.clock.now();
  const referredBy: ReferredBy = { code: owner.id, customerId: referrer.id, at: now, source: 'storefront_order' };
  const after = await firestore().runTransaction(async (tx) => {
    const fresh = (await tx.get(tdb.customers.doc(customer.id))).data();
    if (!fresh || fresh.referredBy) return fresh ?? customer;
    tdb.customers.updateIn(tx, customer.id, { referredBy, updatedAt: now });
    return { ...fresh, referredBy };
  });
  return { status: 'linked', customer: after };
}

/**
 * Decides the referral of `referredId` once, in one transaction with both customers' ledgers:
 * `referral:{id}:referred` and `referral:{id}:referrer` lines (spendable at once, expiring on the
 * programme's schedule) and tenants/{orgId}/referrals/{id}. The referrer's bonus is refused when
 * they have had `maxRewardsPerMonth` credited this local month already.
 */
export async function creditReferral(ctx: ServiceContext, referredId: string, orderId: string): Promise<OrderReferralOutcome> {
  const tdb = tenantDb(ctx.orgId);
  const programme = await loyaltyProgramme(ctx);
  const { referral: rules, expiryMonths } = programme.settings.points;
  const peek = await tdb.customers.get(referredId);
  const referrerId = peek?.referredBy?.customerId;
  if (!peek || !referrerId) return { status: 'none' };
  const keys = referralKeys(referredId);
  const locks = [...new Set([`${ctx.orgId}:${referredId}`, `${ctx.orgId}:${referrerId}`])];
  return loyaltyLocks.run(locks, () =>
    firestore().runTransaction(async (tx): Promise<OrderReferralOutcome> => {
      const now = ctx.clock.now();
      const month = monthKey(now, programme.timeZone);
      const [existing, referredSnap, referrerSnap] = await Promise.all([
        tx.get(tdb.referrals.doc(referredId)),
        tx.get(tdb.customers.doc(referredId)),
        tx.get(tdb.customers.doc(referrerId)),
      ]);
      if (existing.exists) return { status: 'already', referral: existing.data()! };
      const referred = referredSnap.data();
      const referrer = referrerSnap.data();
      const by = referred?.referredBy;
      if (!referred || !by || !referrer) return { status: 'none' };
      // Read in the transaction, so two referrals completing at once cannot both take the last place.
      const credited = await tx.get(
        tdb.referrals.ref.where('referrerId', '==', referrerId).where('month', '==', month).where('status', '==', 'credited').select(),
      );
      const refusal = referralRefusal(referred, referrer);
      const status: Referral['status'] = refusal ? 'refused_self' : referrerWithinCap(credited.size, rules.maxRewardsPerMonth) ? 'credited' : 'refused_cap';
      const referredPoints = status === 'refused_self' ? 0 : rules.refereeBonus;
      const referrerPoints = status === 'credited' ? rules.referrerBonus : 0;
      const [referredLedger, referrerLedger] = await Promise.all([
        openLedger(tx, ctx.orgId, referredId, [keys.referred], programme, now, { customerKnown: true }),
        openLedger(tx, ctx.orgId, referrerId, [keys.referrer], programme, now, { customerKnown: true }),
      ]);
      const reasons = referralReasons({ referrer: referrer.firstName, referred: referred.firstName });
      const credit = (points: number) => ({
        kind: 'credit' as const,
        type: 'referral' as const,
        points,
        availableAt: now,
        expiresAt: expiresAtFor(now, expiryMonths, programme.timeZone),
      });
      const source = { referralId: referredId, orderId };
      if (referredPoints > 0) referredLedger.post({ key: keys.referred, posting: credit(referredPoints), source, actor: REFERRALS, reason: reasons.referred });
      if (referrerPoints > 0) referrerLedger.post({ key: keys.referrer, posting: credit(referrerPoints), source, actor: REFERRALS, reason: reasons.referrer });
      const referral: Referral = {
        id: referredId,
        referrerId,
        referredCustomerId: referredId,
        code: by.code,
        source: by.source,
        status,
        orderId,
        month,
        referrerPoints,
        referredPoints,
        reason:
          status === 'refused_cap'
            ? `${referrer.firstName || 'The referrer'} already had ${credited.size} referral rewards in ${month} (at most ${rules.maxRewardsPerMonth} a month)`
            : refusal,
        at: now,
      };
      referredLedger.write(tx);
      referrerLedger.write(tx);
      tx.create(tdb.referrals.doc(referredId), tdb.referrals.parse(referral));
      return { status, referral };
    }),
  );
}
