import type { DocumentReference } from 'firebase-admin/firestore';
import { memberDelta } from '@/domain/analytics/rollup';
import { splitMarkAfter } from '@/domain/analytics/touch-marks';
import type { Customer } from '@/domain/customer';
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
  const tdb = tenantDb(ctx.orgId);
  const ref = tdb.splitMembers.doc(splitMemberId(e.playbookId, e.stepId, e.customerId));
  return firestore().runTransaction(async (tx) => {
    const [memberSnap, customerSnap] = await tx.getAll(ref as DocumentReference, tdb.customers.doc(e.customerId) as DocumentReference);
    const existing = (memberSnap!.data() as SplitMember | undefined) ?? null;
    const customer = customerSnap!.data() as Customer | undefined;
    const now = ctx.clock.now();
    const next = enterSplit(existing, { ...e, at: now, windowDays: settings.attribution.clickWindowDays });
    if (next === existing) return existing;
    tx.set(ref, next);
    // The customer's touch mark follows the measured window (domain/analytics/touch-marks.ts).
    const mark = customer ? splitMarkAfter(customer, next.windowEndsAt) : null;
    if (mark) tdb.customers.updateIn(tx, e.customerId, { splitWindowEndsAt: mark });
    if (!existing) writeRollupDeltaInTx(tx, ctx.orgId, memberDelta(null, next, timeZone), now);
    return next;
  });
}
