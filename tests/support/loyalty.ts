import { randomUUID } from 'node:crypto';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { ServiceContext } from '@/server/context';
import { tenantDb } from '@/server/db/tenant-db';
import { postPoints } from '@/server/services/loyalty/post-points';
import { redeemReward } from '@/server/services/loyalty/redeem-reward';
import { triggerPlaybooksForEvent } from '@/server/services/playbooks/trigger-playbooks-for-event';

/** Gives a customer spendable points through the ledger (an opening balance line). */
export async function givePoints(ctx: ServiceContext, customerId: string, points: number) {
  await postPoints(ctx, customerId, [
    {
      key: `opening:${randomUUID()}`,
      posting: { kind: 'credit', type: 'opening_balance', points, availableAt: ctx.clock.now(), expiresAt: null },
      actor: { kind: 'system', id: 'system:test', name: 'test' },
    },
  ]);
}

/** The PIN in the latest text to this customer, read from the outbox as the customer would read their phone. */
export async function pinFromOutbox(orgId: string, customerId: string): Promise<string> {
  const snap = await tenantDb(orgId).sends.ref.where('customerId', '==', customerId).get();
  const latest = snap.docs.map((d) => d.data()).sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || b.id.localeCompare(a.id))[0];
  const m = latest?.message.text.match(/PIN is (\d{6})/);
  if (!m) throw new Error(`no PIN text for ${customerId}`);
  return m[1]!;
}

/** A coupon issued by a staff override (no PIN needed), for tests about coupons themselves. */
export async function issueCoupon(ctx: ServiceContext, customerId: string, rewardId = 'five-off') {
  const r = await redeemReward(ctx, { redemptionId: `r-${randomUUID()}`, customerId, rewardId, override: { reason: 'test coupon' } });
  return r.redemption;
}

export const newRedemptionId = () => `r-${randomUUID()}`;

/**
 * Records a derived (BakedBot) event the way the signal jobs do (detect-abandoned-checkouts): the
 * event stored undispatched, then dispatched to the playbooks listening for it.
 */
export async function recordDerivedEvent(ctx: ServiceContext, event: CanonicalEvent) {
  const now = ctx.clock.now();
  await tenantDb(ctx.orgId)
    .events.ref.doc(event.id)
    .create(tenantDb(ctx.orgId).events.parse({ ...event, deliveryId: null, processedAt: now, dispatchedAt: null }));
  return triggerPlaybooksForEvent(ctx, event, { stored: true });
}
