import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { AppError, errors } from '@/domain/errors';
import { InsufficientPointsError } from '@/domain/loyalty/ledger';
import { issuedRedemption, lotsTaken, PinSchema, RedemptionIdSchema, type LoyaltyAudit, type Redemption } from '@/domain/loyalty/redemption';
import { tierById } from '@/domain/loyalty/settings';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { newCouponCode, writeIssued } from './issue-coupon';
import { openLedger } from './ledger-in-tx';
import { ledgerActorOf } from './loyalty-actor';
import { loyaltyProgramme } from './loyalty-settings';
import { loyaltyLocks } from './post-points';
import { confirmPin } from './request-pin';

export const RedeemInputSchema = z
  .object({
    /** Made up by the tablet for this attempt: a retried request redeems once. */
    redemptionId: RedemptionIdSchema,
    customerId: IdSchema,
    rewardId: z.string().min(1).max(40),
    pin: PinSchema.optional(),
    override: z.object({ reason: z.string().trim().min(5, 'Say why the PIN was skipped (at least 5 characters)').max(300) }).optional(),
  })
  .strict()
  .refine((v) => !!v.pin !== !!v.override, { message: 'Confirm with the PIN the customer received, or a staff override with a reason', path: ['pin'] });
export type RedeemInput = z.input<typeof RedeemInputSchema>;

export interface Redeemed {
  redemption: Redemption;
  /** The customer's spendable points after it. */
  available: number;
  /** True when this redemption had been made before (a retried request). */
  duplicate: boolean;
}

/**
 * Spends a reward's points and issues its single-use coupon, confirmed by the customer's PIN or a
 * staff override (recorded for owners). The ledger line, the account, the profile, the redemption,
 * the coupon and any override entry are one transaction: all of it, or none. Never overdraws.
 */
export async function redeemReward(ctx: ServiceContext, raw: RedeemInput): Promise<Redeemed> {
  const parsed = RedeemInputSchema.safeParse(raw);
  if (!parsed.success) throw errors.validation(parsed.error);
  const input = parsed.data;
  const tdb = tenantDb(ctx.orgId);
  const earlier = await tdb.loyaltyRedemptions.get(input.redemptionId);
  if (earlier) return repeated(ctx, earlier, input);

  const programme = await loyaltyProgramme(ctx);
  const reward = programme.settings.redemptions.rewards.find((r) => r.id === input.rewardId && r.active);
  if (!reward) throw errors.notFound('Reward', input.rewardId);
  const customer = await tdb.customers.getOrThrow(input.customerId);
  // Refused before the PIN is spent on it: the common refusal costs the customer nothing.
  const available = customer.loyalty?.available ?? customer.pointsBalance;
  if (available < reward.pointsCost) throw insufficient(reward.pointsCost, available);
  if (input.pin) await confirmPin(ctx, input.customerId, input.pin, input.redemptionId);

  const actor = ledgerActorOf(ctx);
  const code = newCouponCode();
  const result = await loyaltyLocks.run([`${ctx.orgId}:${input.customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const key = `redeem:${input.redemptionId}`;
      const session = await openLedger(tx, ctx.orgId, input.customerId, [key], programme, now);
      const raced = (await tx.get(tdb.loyaltyRedemptions.doc(input.redemptionId))).data();
      if (raced) return { redemption: raced, available: session.summary().available, duplicate: true };
      const before = session.current.lots;
      try {
        session.post({
          key,
          posting: { kind: 'spend', type: 'redeem', points: reward.pointsCost },
          source: { redemptionId: input.redemptionId },
          actor,
          reason: (input.override ? `${reward.description} (staff override: ${input.override.reason})` : reward.description).slice(0, 300),
        });
      } catch (err) {
        if (err instanceof InsufficientPointsError) throw insufficient(err.needed, err.available);
        throw err;
      }
      const summary = session.summary();
      const tier = tierById(programme.settings.tiers.tiers, summary.tierId);
      const { redemption, coupon } = issuedRedemption({
        id: input.redemptionId,
        customerId: input.customerId,
        reward,
        tier: tier ?? null,
        code,
        lotsTaken: lotsTaken(before, session.current.lots),
        confirmedBy: input.override ? 'override' : 'pin',
        overrideReason: input.override?.reason ?? null,
        staff: actor,
        now,
        validDays: programme.settings.redemptions.couponValidDays,
      });
      writeIssued(tx, ctx.orgId, redemption, coupon);
      if (input.override) {
        const entry: LoyaltyAudit = {
          id: `aud_${randomBytes(12).toString('hex')}`,
          action: 'pin_override',
          customerId: input.customerId,
          redemptionId: redemption.id,
          couponCode: code,
          actor,
          reason: input.override.reason,
          detail: `${actor.name} redeemed ${reward.pointsCost.toLocaleString('en-US')} points (${reward.description}) without the customer's PIN.`,
          at: now,
        };
        tx.create(tdb.loyaltyAudit.doc(entry.id), tdb.loyaltyAudit.parse(entry));
      }
      session.write(tx);
      return { redemption, available: summary.available, duplicate: false };
    }),
  );
  ctx.log?.info(
    { redemptionId: input.redemptionId, customerId: input.customerId, by: result.redemption.confirmedBy, duplicate: result.duplicate },
    'reward redeemed',
  );
  return result;
}

function insufficient(needed: number, available: number) {
  return new AppError(
    'insufficient_points',
    `Not enough points: this reward needs ${needed.toLocaleString('en-US')} and ${available.toLocaleString('en-US')} are available to spend.`,
    { needed, available },
  );
}

async function repeated(ctx: ServiceContext, earlier: Redemption, input: z.output<typeof RedeemInputSchema>): Promise<Redeemed> {
  if (earlier.customerId !== input.customerId || earlier.rewardId !== input.rewardId)
    throw errors.conflict('This redemption id was already used for another redemption; start a new one.');
  const customer = await tenantDb(ctx.orgId).customers.getOrThrow(earlier.customerId);
  return { redemption: earlier, available: customer.loyalty?.available ?? customer.pointsBalance, duplicate: true };
}
