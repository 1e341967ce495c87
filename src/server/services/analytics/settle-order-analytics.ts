import type { Transaction } from 'firebase-admin/firestore';
import { defaultAnalyticsSettings, type AnalyticsSettings } from '@/domain/analytics/analytics-settings';
import { attributeOrder, normalizeCode, touchFromSend, type Attribution, type CodeOwner, type Touch } from '@/domain/analytics/attribution';
import { applyRefund } from '@/domain/analytics/attribution-refund';
import { attributionDelta, memberDelta, mergeDelta, type RollupDelta } from '@/domain/analytics/rollup';
import { withMemberOrder } from '@/domain/analytics/split-member';
import { DAY } from '@/domain/clock';
import type { Order } from '@/domain/order';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { ShortCache } from '../cache/short-cache';
import { rollupTimeZone, writeRollupDeltaInTx } from './rollups-in-tx';

const settingsCache = new ShortCache<AnalyticsSettings>(30_000, 2_000);

/** The tenant's attribution windows and unit costs (defaults until an owner saves them). */
export function cachedAnalyticsSettings(orgId: string): Promise<AnalyticsSettings> {
  return settingsCache.get(orgId, async () => (await tenantDb(orgId).analyticsSettings.get('current')) ?? defaultAnalyticsSettings());
}
export const forgetAnalyticsSettings = (orgId: string) => settingsCache.forget(orgId);

/** Orders whose money counts: the ones rollups count as sales. */
const PAID = new Set<Order['status']>(['completed', 'partially_refunded', 'refunded']);
/** The most sends looked at before one order: far more than a customer gets in a month. */
const MAX_TOUCHES = 200;

export interface SettledOrder {
  attribution: Attribution | null;
  /** A/B split members whose measured revenue the order changed. */
  members: number;
}

/**
 * After an order (or a refund of it) commits: credits it to the message or code that earned it, keeps
 * the attribution's revenue equal to the order's total less its refunds, and counts it for every A/B
 * split its customer is being measured in, with the rollups of all three, in one transaction
 * (docs/analytics.md, Attribution and Incremental lift). Idempotent: a redelivery or a retry after a
 * crash finds the attribution and the members already at the order's worth and writes nothing.
 */
export async function settleOrderAnalytics(ctx: ServiceContext, orderId: string, opts: { discountCodes?: readonly string[] } = {}): Promise<SettledOrder> {
  const tdb = tenantDb(ctx.orgId);
  const [timeZone, settings] = await Promise.all([rollupTimeZone(ctx.orgId), cachedAnalyticsSettings(ctx.orgId)]);
  const codes = [...new Set((opts.discountCodes ?? []).map(normalizeCode).filter((c) => /^[A-Z0-9]{3,30}$/.test(c)))].slice(0, 10);

  return firestore().runTransaction(async (tx) => {
    const now = ctx.clock.now();
    const [orderSnap, refundsSnap, attrSnap] = await Promise.all([
      tx.get(tdb.orders.doc(orderId)),
      tx.get(tdb.refunds.doc(orderId)),
      tx.get(tdb.attributions.doc(orderId)),
    ]);
    const order = orderSnap.data() as Order | undefined;
    if (!order?.customerId) return { attribution: (attrSnap.data() as Attribution | undefined) ?? null, members: 0 };
    const paid = PAID.has(order.status);
    const refunds = (refundsSnap.data() as { refunds?: Array<{ externalId: string; amountCents: number }> } | undefined)?.refunds ?? [];
    const before = (attrSnap.data() as Attribution | undefined) ?? null;

    const membersQuery = tx.get(tdb.splitMembers.ref.where('customerId', '==', order.customerId).limit(100));
    let after = before;
    if (!before && paid) {
      const [touches, owners] = await Promise.all([touchesBefore(tx, ctx.orgId, order, settings), codeOwners(tx, ctx.orgId, codes)]);
      after = attributeOrder({
        order: { id: order.id, customerId: order.customerId, placedAt: order.placedAt, totalCents: order.totalCents, couponCodes: codes },
        touches,
        codes: owners,
        settings: settings.attribution,
        now,
      });
    }
    if (after) for (const r of refunds) after = applyRefund(after, { id: r.externalId, cents: r.amountCents }).attribution;

    let delta: RollupDelta = before || after ? attributionDelta(before, after, timeZone) : {};
    if (after && after !== before) tx.set(tdb.attributions.doc(orderId), after);

    const net = paid ? Math.max(0, order.totalCents - order.refundedCents) : 0;
    let members = 0;
    for (const doc of (await membersQuery).docs) {
      const m = doc.data();
      const next = withMemberOrder(m, { id: order.id, placedAt: order.placedAt, netCents: net }, now);
      if (next === m) continue;
      members++;
      tx.set(doc.ref, next);
      delta = mergeDelta(delta, memberDelta(m, next, timeZone));
    }
    writeRollupDeltaInTx(tx, ctx.orgId, delta, now);
    return { attribution: after, members };
  });
}

/** The customer's messages that could have earned the order: created inside the longest window before it. */
async function touchesBefore(tx: Transaction, orgId: string, order: Order, settings: AnalyticsSettings): Promise<Touch[]> {
  const w = settings.attribution;
  const longest = Math.max(w.clickWindowDays, w.viewWindowDays.email, w.viewWindowDays.sms);
  const snap = await tx.get(
    tenantDb(orgId)
      .sends.ref.where('customerId', '==', order.customerId)
      .where('createdAt', '>=', new Date(order.placedAt.getTime() - longest * DAY))
      .where('createdAt', '<=', order.placedAt)
      .orderBy('createdAt', 'desc')
      .limit(MAX_TOUCHES),
  );
  return snap.docs.map((d) => touchFromSend(d.data())).filter((t): t is Touch => t !== null);
}

/** Who handed out each code the order carries: a loyalty coupon, or a campaign's code. */
async function codeOwners(tx: Transaction, orgId: string, codes: readonly string[]): Promise<CodeOwner[]> {
  if (!codes.length) return [];
  const tdb = tenantDb(orgId);
  const [coupons, campaignCodes] = await Promise.all([
    tx.getAll(...codes.map((c) => tdb.loyaltyCoupons.doc(c))),
    tx.getAll(...codes.map((c) => tdb.campaignCodes.doc(c))),
  ]);
  const out: CodeOwner[] = [];
  for (const d of coupons.map((s) => s.data()))
    if (d) out.push({ kind: 'redemption', code: d.id, redemptionId: d.redemptionId, issuedAt: d.createdAt, source: {}, label: d.description });
  for (const d of campaignCodes.map((s) => s.data()))
    if (d) out.push({ kind: 'campaign', code: d.id, campaignId: d.campaignId, issuedAt: d.issuedAt, source: {}, label: d.label });
  return out;
}
