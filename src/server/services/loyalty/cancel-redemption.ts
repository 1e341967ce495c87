import { randomBytes } from 'node:crypto';
import { AppError, errors } from '@/domain/errors';
import { restoredExpiry, type LoyaltyAudit, type Redemption } from '@/domain/loyalty/redemption';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { openLedger } from './ledger-in-tx';
import { ledgerActorOf, localDay } from './loyalty-actor';
import { loyaltyProgramme } from './loyalty-settings';
import { loyaltyLocks } from './post-points';

export interface CancelledRedemption {
  redemption: Redemption;
  available: number;
  /** True when it had been cancelled before (a retried request). */
  duplicate: boolean;
}

/**
 * Gives back the points of a redemption whose coupon was not used, and voids the coupon: a
 * redeem_cancel line, the coupon and the redemption in one transaction. The points come back
 * spendable at once and expire when the latest of the points it spent would have. A used coupon's
 * points stay spent; cancelling twice gives them back once.
 */
export async function cancelRedemption(ctx: ServiceContext, redemptionId: string): Promise<CancelledRedemption> {
  const tdb = tenantDb(ctx.orgId);
  const found = await tdb.loyaltyRedemptions.get(redemptionId);
  if (!found) throw errors.notFound('Redemption', redemptionId);
  const programme = await loyaltyProgramme(ctx);
  const actor = ledgerActorOf(ctx);
  return loyaltyLocks.run([`${ctx.orgId}:${found.customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const key = `redeem_cancel:${redemptionId}`;
      const session = await openLedger(tx, ctx.orgId, found.customerId, [key], programme, now);
      const r = (await tx.get(tdb.loyaltyRedemptions.doc(redemptionId))).data()!;
      if (r.status === 'cancelled') return { redemption: r, available: session.summary().available, duplicate: true };
      if (r.status === 'used')
        throw new AppError(
          'coupon_used',
          `The coupon was already used${r.usedAt ? ` on ${localDay(r.usedAt, programme.timeZone)}` : ''}, so its points cannot be given back.`,
        );
      // A playbook's gift spent nothing, so nothing comes back and the ledger gets no line.
      if (r.pointsCost > 0)
        session.post({
          key,
          posting: { kind: 'credit', type: 'redeem_cancel', points: r.pointsCost, availableAt: now, expiresAt: restoredExpiry(r.lotsTaken) },
          source: { redemptionId },
          actor,
          reason: `Cancelled: ${r.description}`,
        });
      const cancelled: Redemption = { ...r, status: 'cancelled', cancelledAt: now, cancelledBy: actor };
      tdb.loyaltyRedemptions.updateIn(tx, redemptionId, { status: 'cancelled', cancelledAt: now, cancelledBy: actor });
      tdb.loyaltyCoupons.updateIn(tx, r.couponCode, { status: 'cancelled' });
      const entry: LoyaltyAudit = {
        id: `aud_${randomBytes(12).toString('hex')}`,
        action: 'redemption_cancelled',
        customerId: r.customerId,
        redemptionId,
        couponCode: r.couponCode,
        actor,
        reason: null,
        detail: `${actor.name} cancelled ${r.description}; ${r.pointsCost.toLocaleString('en-US')} points given back.`,
        at: now,
      };
      tx.create(tdb.loyaltyAudit.doc(entry.id), tdb.loyaltyAudit.parse(entry));
      session.write(tx);
      return { redemption: cancelled, available: session.summary().available, duplicate: false };
    }),
  );
}
