import { memberDelta } from '@/domain/analytics/rollup';
import { enterSplit, splitMemberId, type SplitMember } from '@/domain/analytics/split-member';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { rollupTimeZone, writeRollupDeltaInTx } from './rollups-in-tx';
import { cachedAnalyticsSettings } from './analytics-settings';

/**
 * A customer reached an A/B split: their arm is recorded (once per split, counted on that day's
 * rollups) and their orders are measured for the click window from this entry, so a holdout, who
 * gets no message, is compared on what they bought (docs/analytics.md, Incremental lift). A retried
 * step finds the member and changes nothing.
 */
export async function enterSplitMember(ctx: ServiceContext, e: { playbookId: string; stepId: string; customerId: string; arm: string }): Promise<SplitMember> {
  const [timeZone, settings] = await Promise.all([rollupTimeZone(ctx.orgId), cachedAnalyticsSettings(ctx.orgId)]);
  const ref = tenantDb(ctx.orgId).splitMembers.doc(splitMemberId(e.playbookId, e.stepId, e.customerId));
  return firestore().runTransaction(async (tx) => {
    const existing = (await tx.get(ref)).data() ?? null;
    const now = ctx.clock.now();
    const next = enterSplit(existing, { ...e, at: now, windowDays: settings.attribution.clickWindowDays });
    if (next === existing) return existing;
    tx.set(ref, next);
    if (!existing) writeRollupDeltaInTx(tx, ctx.orgId, memberDelta(null, next, timeZone), now);
    return next;
  });
}
