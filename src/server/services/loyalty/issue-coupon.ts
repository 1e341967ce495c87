import { randomBytes } from 'node:crypto';
import type { Transaction } from 'firebase-admin/firestore';
import { errors } from '@/domain/errors';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { couponCodeFrom, issuedRedemption, type Coupon, type Redemption } from '@/domain/loyalty/redemption';
import { tierById, type RedemptionTier } from '@/domain/loyalty/settings';
import { stableId } from '@/domain/signals/records';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from './loyalty-settings';

/** A fresh random code (rejection sampling needs more bytes now and then). */
export function newCouponCode(): string {
  for (;;) {
    const code = couponCodeFrom(randomBytes(32));
    if (code) return code;
  }
}

/** Queues the redemption and its coupon. create(): a code that somehow exists fails the whole write rather than replacing a coupon. */
export function writeIssued(tx: Transaction, orgId: string, redemption: Redemption, coupon: Coupon) {
  const tdb = tenantDb(orgId);
  tx.create(tdb.loyaltyRedemptions.doc(redemption.id), tdb.loyaltyRedemptions.parse(redemption));
  tx.create(tdb.loyaltyCoupons.doc(coupon.id), tdb.loyaltyCoupons.parse(coupon));
}

export interface GiftCouponInput {
  /** The effect's natural key (a playbook step's runId:stepId): the same key issues one coupon. */
  key: string;
  customerId: string;
  /** One of the programme's active rewards (its value plus the customer's tier bonus, as at the counter)... */
  rewardId?: string;
  /** ...or a value of the step's own, exactly as set. */
  offer?: { valueCents: number; description: string };
  validDays: number;
  actor: LedgerActor;
}

/**
 * Gives a customer a single-use coupon without spending points (a playbook's gift). It is a
 * redemption of 0 points confirmed by `playbook`, so the tablet lists it with the customer's open
 * coupons and it is used, refused and cancelled like any other. Idempotent on `key`.
 */
export async function issueGiftCoupon(ctx: ServiceContext, input: GiftCouponInput): Promise<{ redemption: Redemption; duplicate: boolean }> {
  const tdb = tenantDb(ctx.orgId);
  const id = stableId('rdm', `gift:${input.key}`);
  const earlier = await tdb.loyaltyRedemptions.get(id);
  if (earlier) return { redemption: earlier, duplicate: true };
  const programme = await loyaltyProgramme(ctx);
  let reward: Pick<RedemptionTier, 'id' | 'description' | 'pointsCost' | 'rewardValueCents'>;
  if (input.rewardId) {
    const found = programme.settings.redemptions.rewards.find((r) => r.id === input.rewardId && r.active);
    if (!found) throw errors.notFound('Reward', input.rewardId);
    reward = { ...found, pointsCost: 0 };
  } else if (input.offer) {
    reward = { id: 'playbook-offer', description: input.offer.description, pointsCost: 0, rewardValueCents: input.offer.valueCents };
  } else throw errors.badRequest('Choose a reward or set an offer');
  const code = newCouponCode();
  return firestore().runTransaction(async (tx) => {
    const [raced, customer] = await Promise.all([tx.get(tdb.loyaltyRedemptions.doc(id)), tx.get(tdb.customers.doc(input.customerId))]);
    if (raced.exists) return { redemption: raced.data()!, duplicate: true };
    if (!customer.exists) throw errors.notFound('Customer', input.customerId);
    // The tier bonus belongs to the programme's rewards; a value the step sets is the value.
    const tier = input.rewardId ? (tierById(programme.settings.tiers.tiers, customer.data()!.loyalty?.tierId) ?? null) : null;
    const { redemption, coupon } = issuedRedemption({
      id,
      customerId: input.customerId,
      reward,
      tier,
      code,
      lotsTaken: [],
      confirmedBy: 'playbook',
      overrideReason: null,
      staff: input.actor,
      now: ctx.clock.now(),
      validDays: input.validDays,
    });
    writeIssued(tx, ctx.orgId, redemption, coupon);
    return { redemption, duplicate: false };
  });
}
