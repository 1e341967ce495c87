import { withoutTouchMarks } from '@/domain/analytics/touch-marks';
import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import { categoriesOfOrders } from '@/domain/crm/categories-bought';
import { aggregatesOf, MERGE_UNDO_DAYS, splitAccount, type CustomerMerge } from '@/domain/crm/customer-merge';
import { recomputeSegment } from '@/domain/crm/segment-change';
import { AppError, errors } from '@/domain/errors';
import { loyaltySummary } from '@/domain/loyalty/summary';
import type { Order } from '@/domain/order';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from '../loyalty/loyalty-settings';

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * Takes a merge back within 30 days: what moved goes back to the duplicate, the duplicate profile
 * is restored as it was, and the survivor loses exactly what the merge gave it (a tag or consent
 * staff changed since is left as they set it). Both accounts and figures are recomputed.
 */
export async function undoCustomerMerge(ctx: ServiceContext, mergeId: string): Promise<CustomerMerge> {
  const tdb = tenantDb(ctx.orgId);
  const programme = await loyaltyProgramme(ctx);
  const done = await firestore().runTransaction(async (tx: Transaction) => {
    const now = ctx.clock.now();
    const m = (await tx.get(tdb.customerMerges.doc(mergeId))).data();
    if (!m) throw errors.notFound('Merge', mergeId);
    if (m.status === 'undone') throw errors.conflict('This merge was already undone.');
    if (now > m.undoUntil)
      throw errors.conflict(
        `A merge can be undone for ${MERGE_UNDO_DAYS} days; this one was on ${m.at.toISOString().slice(0, 10)} and can no longer be undone.`,
      );
    const { survivorId, duplicateId, moved } = m;
    const getAll = async <T>(refs: FirebaseFirestore.DocumentReference<T>[]) => (refs.length ? (await tx.getAll(...refs)).map((s) => s.data() ?? null) : []);
    const [survivorSnap, dupSnap, accountSnap, orders, lines, identities, runs, sends, survivorOrdersSnap] = await Promise.all([
      tx.get(tdb.customers.doc(survivorId)),
      tx.get(tdb.customers.doc(duplicateId)),
      tx.get(tdb.loyaltyAccounts.doc(survivorId)),
      getAll(moved.orderIds.map((id) => tdb.orders.doc(id))),
      getAll(moved.lineIds.map((id) => tdb.loyaltyLines.doc(id))),
      getAll(moved.identityIds.map((id) => tdb.identities.doc(id))),
      getAll(moved.runIds.map((id) => tdb.runs.doc(id))),
      getAll(moved.sendIds.map((id) => tdb.sends.doc(id))),
      tx.get(tdb.orders.ref.where('customerId', '==', survivorId).limit(5_000)),
    ]);
    const survivor = survivorSnap.data();
    if (!survivor || !dupSnap.exists) throw errors.notFound('Customer');

    // The survivor's account without the duplicate's share; refused when those points were spent or expired meanwhile.
    const current = accountSnap.data() ?? null;
    const account = m.duplicateAccount && current ? splitAccount(current, m.duplicateAccount, m.survivorChanges.priorTier, now) : current;
    if (m.duplicateAccount && !account)
      throw new AppError(
        'conflict',
        `Some of ${m.duplicateName}'s points were spent or expired on ${m.survivorName}'s account after the merge, so the balances cannot be split back. Nothing was changed; adjust the points by hand instead.`,
      );

    // Only what is still where the merge put it goes back.
    const back = <T extends { id: string; customerId: string | null } | null>(docs: T[]) =>
      docs.filter((d): d is NonNullable<T> => d?.customerId === survivorId);
    const ordersBack = back(orders) as Order[];
    const toDup = { customerId: duplicateId };
    for (const o of ordersBack) tx.update(tdb.orders.doc(o.id), { ...toDup, updatedAt: now });
    for (const l of back(lines)) tx.update(tdb.loyaltyLines.doc(l.id), toDup);
    for (const i of back(identities)) tx.update(tdb.identities.doc(i.id), toDup);
    for (const r of back(runs)) tx.update(tdb.runs.doc(r.id), toDup);
    for (const s of back(sends)) tx.update(tdb.sends.doc(s.id), toDup);
    for (const path of moved.copiedDocs) tx.delete(firestore().doc(`${tdb.base}/customers/${survivorId}/${path}`));

    const c = m.survivorChanges;
    const addedTags = new Set(c.addedTags.map((t) => t.toLowerCase()));
    const backIds = new Set(ordersBack.map((o) => o.id));
    const remaining = survivorOrdersSnap.docs.map((d) => d.data()).filter((o) => !backIds.has(o.id));
    // A category the merge brought stays only when one of the survivor's own orders bought it too.
    const stillBought = new Set(categoriesOfOrders(remaining));
    const droppedCategories = new Set((c.addedCategories ?? []).filter((cat) => !stillBought.has(cat)));
    const loyalty = account ? loyaltySummary(account, programme.settings, now, programme.timeZone) : null;
    let restored: Customer = {
      ...survivor,
      tags: survivor.tags.filter((t) => !addedTags.has(t.toLowerCase())),
      externalIds: survivor.externalIds.filter((x) => !c.addedExternalIds.includes(x)),
      ...(survivor.categoriesBought ? { categoriesBought: survivor.categoriesBought.filter((cat) => !droppedCategories.has(cat)) } : {}),
      phone: c.filledPhone && survivor.phone === c.filledPhone ? null : survivor.phone,
      email: c.filledEmail && survivor.email === c.filledEmail ? null : survivor.email,
      consent: {
        email: same(survivor.consent.email, c.mergedConsent.email) ? c.priorConsent.email : survivor.consent.email,
        sms: same(survivor.consent.sms, c.mergedConsent.sms) ? c.priorConsent.sms : survivor.consent.sms,
      },
      ...aggregatesOf(remaining),
      ...(loyalty ? { loyalty, pointsBalance: loyalty.available } : {}),
      updatedAt: now,
    };
    const seg = recomputeSegment(restored, programme.settings.segments, now, 'merge', `undo:${m.id}`);
    restored = seg.customer;
    if (seg.entry) tx.set(tdb.segmentHistory(survivorId).doc(seg.entry.id), seg.entry);
    if (account) tx.set(tdb.loyaltyAccounts.doc(survivorId), tdb.loyaltyAccounts.parse(account));
    if (m.duplicateAccount) tx.set(tdb.loyaltyAccounts.doc(duplicateId), tdb.loyaltyAccounts.parse({ ...m.duplicateAccount, updatedAt: now }));
    // Sends move back to the duplicate: neither profile's touch marks hold any more (domain/analytics/touch-marks.ts).
    tx.set(tdb.customers.doc(survivorId), tdb.customers.parse(withoutTouchMarks(restored)));
    const dup: Customer = { ...m.duplicateBefore, ...aggregatesOf(ordersBack), mergedInto: null, mergedAt: null, mergedBy: null, updatedAt: now };
    tx.set(tdb.customers.doc(duplicateId), tdb.customers.parse(withoutTouchMarks(dup)));
    const undone: CustomerMerge = { ...m, status: 'undone', undoneBy: ctx.actor.uid, undoneAt: now };
    tx.set(tdb.customerMerges.doc(m.id), tdb.customerMerges.parse(undone));
    return undone;
  });
  ctx.log?.info({ mergeId, survivorId: done.survivorId, duplicateId: done.duplicateId, by: ctx.actor.uid }, 'customer merge undone');
  return done;
}

export interface MergeListItem {
  id: string;
  survivorId: string;
  duplicateId: string;
  survivorName: string;
  duplicateName: string;
  status: CustomerMerge['status'];
  mergedByName: string | null;
  at: Date;
  undoUntil: Date;
  undoneAt: Date | null;
  canUndo: boolean;
}

/** The latest merges, newest first (one indexed query); `customerId` narrows to merges that kept that customer. */
export async function listCustomerMerges(ctx: ServiceContext, opts: { limit?: number; customerId?: string } = {}): Promise<MergeListItem[]> {
  let q = tenantDb(ctx.orgId).customerMerges.ref.orderBy('at', 'desc');
  if (opts.customerId) q = tenantDb(ctx.orgId).customerMerges.ref.where('survivorId', '==', opts.customerId).orderBy('at', 'desc');
  const snap = await q.limit(opts.limit ?? 50).get();
  const now = ctx.clock.now();
  return snap.docs.map((d) => {
    const m = d.data();
    return {
      id: m.id,
      survivorId: m.survivorId,
      duplicateId: m.duplicateId,
      survivorName: m.survivorName,
      duplicateName: m.duplicateName,
      status: m.status,
      mergedByName: m.mergedByName,
      at: m.at,
      undoUntil: m.undoUntil,
      undoneAt: m.undoneAt,
      canUndo: m.status === 'merged' && now <= m.undoUntil,
    };
  });
}
