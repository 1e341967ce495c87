import type { DocumentReference, DocumentSnapshot, Query, QuerySnapshot, Transaction } from 'firebase-admin/firestore';
import type { AnalyticsSettings } from '@/domain/analytics/analytics-settings';
import { attributeOrder, normalizeCode, touchFromSend, type Attribution, type CodeOwner, type Touch } from '@/domain/analytics/attribution';
import { applyRefund } from '@/domain/analytics/attribution-refund';
import { attributionDelta, memberDelta, mergeDelta, type RollupDelta } from '@/domain/analytics/rollup';
import { withMemberOrder } from '@/domain/analytics/split-member';
import { DAY } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import type { Order } from '@/domain/order';
import { nothingCanEarn } from '@/domain/analytics/touch-marks';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { cachedAnalyticsSettings } from './analytics-settings';
import { rollupTimeZone, writeRollupDeltaInTx } from './rollups-in-tx';

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
 * split its customer is being measured in, with the rollups of all three, in one transaction, opened
 * only when something changes (docs/analytics.md, Attribution and Incremental lift). Idempotent: a redelivery or a retry after a
 * crash finds the attribution and the members already at the order's worth and writes nothing.
 */
export async function settleOrderAnalytics(
  ctx: ServiceContext,
  orderId: string,
  opts: {
    discountCodes?: readonly string[];
    /**
     * The order as the commit that created it left it, with its customer's profile: no attribution
     * or refund of it can exist yet, so when no code was used and the customer's touch marks prove
     * no message or split can be credited (domain/analytics/touch-marks.ts), nothing is read.
     */
    created?: { order: Order; customer: Customer | null };
  } = {},
): Promise<SettledOrder> {
  const [timeZone, settings] = await Promise.all([rollupTimeZone(ctx.orgId), cachedAnalyticsSettings(ctx.orgId)]);
  const codes = [...new Set((opts.discountCodes ?? []).map(normalizeCode).filter((c) => /^[A-Z0-9]{3,30}$/.test(c)))].slice(0, 10);
  if (opts.created && !codes.length) {
    const { order, customer } = opts.created;
    const w = settings.attribution;
    const longest = Math.max(w.clickWindowDays, w.viewWindowDays.email, w.viewWindowDays.sms);
    if (!order.customerId || (customer?.id === order.customerId && nothingCanEarn(customer, order.placedAt, longest))) return { attribution: null, members: 0 };
  }
  const input = { ctx, orderId, codes, settings, timeZone };
  // Most orders were earned by no message and fall in no A/B split: plain reads find that, and no
  // transaction is opened. Otherwise the same plan runs again inside one, on what it reads there.
  const first = await plan(plainReads, input);
  if (!first.writes) return first.result;
  return firestore().runTransaction(async (tx) => {
    const p = await plan(txReads(tx), input);
    p.writes?.(tx);
    return p.result;
  });
}

interface Reads {
  query<T>(q: Query<T>): Promise<QuerySnapshot<T>>;
  docs<T>(refs: Array<DocumentReference<T>>): Promise<Array<DocumentSnapshot<T>>>;
}
const plainReads: Reads = {
  query: (q) => q.get(),
  docs: async (refs) => (refs.length ? ((await firestore().getAll(...(refs as DocumentReference[]))) as never) : []),
};
const txReads = (tx: Transaction): Reads => ({
  query: (q) => tx.get(q),
  docs: async (refs) => (refs.length ? ((await tx.getAll(...(refs as DocumentReference[]))) as never) : []),
});

interface PlanInput {
  ctx: ServiceContext;
  orderId: string;
  codes: string[];
  settings: AnalyticsSettings;
  timeZone: string;
}

/** What settling the order would change, from what `read` sees: the result, and the writes (absent when nothing changes). */
async function plan(
  read: Reads,
  { ctx, orderId, codes, settings, timeZone }: PlanInput,
): Promise<{ result: SettledOrder; writes?: (tx: Transaction) => void }> {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const [orderSnap, refundsSnap, attrSnap] = await read.docs<unknown>([
    tdb.orders.doc(orderId) as DocumentReference<unknown>,
    tdb.refunds.doc(orderId) as DocumentReference<unknown>,
    tdb.attributions.doc(orderId) as DocumentReference<unknown>,
  ]);
  const order = orderSnap!.data() as Order | undefined;
  const before = (attrSnap!.data() as Attribution | undefined) ?? null;
  if (!order?.customerId) return { result: { attribution: before, members: 0 } };
  const paid = PAID.has(order.status);
  const refunds = (refundsSnap!.data() as { refunds?: Array<{ externalId: string; amountCents: number }> } | undefined)?.refunds ?? [];

  const membersQuery = read.query(tdb.splitMembers.ref.where('customerId', '==', order.customerId).limit(100));
  let after = before;
  if (!before && paid) {
    const [touches, owners] = await Promise.all([touchesBefore(read, ctx.orgId, order, settings), codeOwners(read, ctx.orgId, codes)]);
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
  const sets: Array<[DocumentReference, object]> = [];
  if (after && after !== before) sets.push([tdb.attributions.doc(orderId), after]);

  const net = paid ? Math.max(0, order.totalCents - order.refundedCents) : 0;
  let members = 0;
  for (const doc of (await membersQuery).docs) {
    const m = doc.data();
    const next = withMemberOrder(m, { id: order.id, placedAt: order.placedAt, netCents: net }, now);
    if (next === m) continue;
    members++;
    sets.push([doc.ref, next]);
    delta = mergeDelta(delta, memberDelta(m, next, timeZone));
  }
  const result = { attribution: after, members };
  if (!sets.length && !Object.keys(delta).length) return { result };
  return {
    result,
    writes: (tx) => {
      for (const [ref, data] of sets) tx.set(ref, data);
      writeRollupDeltaInTx(tx, ctx.orgId, delta, now);
    },
  };
}

/** The customer's messages that could have earned the order: created inside the longest window before it. */
async function touchesBefore(read: Reads, orgId: string, order: Order, settings: AnalyticsSettings): Promise<Touch[]> {
  const w = settings.attribution;
  const longest = Math.max(w.clickWindowDays, w.viewWindowDays.email, w.viewWindowDays.sms);
  const snap = await read.query(
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
async function codeOwners(read: Reads, orgId: string, codes: readonly string[]): Promise<CodeOwner[]> {
  if (!codes.length) return [];
  const tdb = tenantDb(orgId);
  const [coupons, campaignCodes] = await Promise.all([
    read.docs(codes.map((c) => tdb.loyaltyCoupons.doc(c))),
    read.docs(codes.map((c) => tdb.campaignCodes.doc(c))),
  ]);
  const out: CodeOwner[] = [];
  for (const d of coupons.map((s) => s.data()))
    if (d) out.push({ kind: 'redemption', code: d.id, redemptionId: d.redemptionId, issuedAt: d.createdAt, source: {}, label: d.description });
  for (const d of campaignCodes.map((s) => s.data()))
    if (d) out.push({ kind: 'campaign', code: d.id, campaignId: d.campaignId, issuedAt: d.issuedAt, source: {}, label: d.label });
  return out;
}
