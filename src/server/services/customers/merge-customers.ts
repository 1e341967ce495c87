import { withoutTouchMarks } from '@/domain/analytics/touch-marks';
import type { DocumentReference, Query, Transaction } from 'firebase-admin/firestore';
import { z } from 'zod';
import { IdSchema } from '@/domain/common';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { unionCategories } from '@/domain/crm/categories-bought';
import { aggregatesOf, combineAccounts, mergeConsent, MERGE_UNDO_MS, type CustomerMerge } from '@/domain/crm/customer-merge';
import { recomputeSegment } from '@/domain/crm/segment-change';
import { errors } from '@/domain/errors';
import { emptyAccount } from '@/domain/loyalty/ledger';
import { loyaltySummary } from '@/domain/loyalty/summary';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme, type LoyaltyProgramme } from '../loyalty/loyalty-settings';
import { actorDisplayName } from './staff-name';

export const MergeInputSchema = z.object({ survivorId: IdSchema, duplicateId: IdSchema });
export type MergeInput = z.infer<typeof MergeInputSchema>;

/**
 * A merge is one transaction (all of it moves, or none), so it is bounded by Firestore's 500
 * writes: a duplicate with more than this many documents to move is refused with a message.
 */
export const MERGE_MAX_MOVED = 400;

export interface MergePreview {
  survivor: { id: string; name: string };
  duplicate: { id: string; name: string };
  orders: number;
  ledgerLines: number;
  points: { survivorBefore: number; duplicateBefore: number; after: number };
  consent: { email: string; sms: string };
  tagsAdded: string[];
  externalIdsAdded: string[];
  identityKeys: number;
  runs: number;
  sends: number;
  notesAndHistory: number;
  /** Plain words for the confirm dialog. */
  summary: string[];
}

type Read = <T>(q: Query<T>) => Promise<T[]>;
type ReadDoc = <T>(ref: DocumentReference<T>) => Promise<T | null>;

/** Reads everything a merge moves and computes the result; writes nothing. */
async function planMerge(ctx: ServiceContext, input: MergeInput, read: Read, readDoc: ReadDoc, programme: LoyaltyProgramme) {
  const tdb = tenantDb(ctx.orgId);
  const { survivorId, duplicateId } = input;
  if (survivorId === duplicateId) throw errors.badRequest('Choose two different customers to merge.');
  const [survivor, duplicate, sAccount, dAccount] = await Promise.all([
    readDoc(tdb.customers.doc(survivorId)),
    readDoc(tdb.customers.doc(duplicateId)),
    readDoc(tdb.loyaltyAccounts.doc(survivorId)),
    readDoc(tdb.loyaltyAccounts.doc(duplicateId)),
  ]);
  if (!survivor) throw errors.notFound('Customer', survivorId);
  if (!duplicate) throw errors.notFound('Customer', duplicateId);
  if (survivor.mergedInto) throw errors.conflict(`${customerDisplayName(survivor)} was merged into another profile; merge into that one instead.`);
  if (duplicate.mergedInto) throw errors.conflict(`${customerDisplayName(duplicate)} was already merged into another profile.`);
  const cap = MERGE_MAX_MOVED + 1;
  const byDup = <T>(col: { ref: Query<T> }) => read(col.ref.where('customerId', '==', duplicateId).limit(cap));
  const [dOrders, sOrders, lines, identities, runs, sends, notes, tagHistory, segHistory, proposals] = await Promise.all([
    byDup(tdb.orders),
    read(tdb.orders.ref.where('customerId', '==', survivorId).limit(5_000)),
    byDup(tdb.loyaltyLines),
    byDup(tdb.identities),
    byDup(tdb.runs),
    byDup(tdb.sends),
    read(tdb.customerNotes(duplicateId).ref.limit(cap)),
    read(tdb.tagHistory(duplicateId).ref.limit(cap)),
    read(tdb.segmentHistory(duplicateId).ref.limit(cap)),
    // Proposals naming the duplicate are settled by the merge (one of them is this pair).
    read(tdb.duplicateProposals.ref.where('customerIds', 'array-contains', duplicateId).limit(50)),
  ]);
  const copies = [
    ...notes.map((n) => ({ kind: 'notes', doc: n })),
    ...tagHistory.map((n) => ({ kind: 'tag_history', doc: n })),
    ...segHistory.map((n) => ({ kind: 'segment_history', doc: n })),
  ];
  const moved = dOrders.length + lines.length + identities.length + runs.length + sends.length + copies.length;
  if (moved > MERGE_MAX_MOVED)
    throw errors.conflict(
      `This profile has more than ${MERGE_MAX_MOVED} orders, points lines, messages and notes to move; a merge this large is not supported yet.`,
    );

  const now = ctx.clock.now();
  const lower = new Set(survivor.tags.map((t) => t.toLowerCase()));
  const addedTags = duplicate.tags.filter((t) => !lower.has(t.toLowerCase())).slice(0, Math.max(0, 50 - survivor.tags.length));
  const addedExternalIds = duplicate.externalIds.filter((x) => !survivor.externalIds.includes(x));
  const categoriesBought = unionCategories(
    survivor.categoriesBought,
    (duplicate.categoriesBought ?? []).map((category) => ({ category })),
  );
  const addedCategories = categoriesBought.filter((c) => !(survivor.categoriesBought ?? []).includes(c));
  const filledPhone = !survivor.phone && duplicate.phone ? duplicate.phone : null;
  const filledEmail = !survivor.email && duplicate.email ? duplicate.email : null;
  const consent = mergeConsent(survivor.consent, duplicate.consent);
  const account = sAccount || dAccount ? combineAccounts(sAccount ?? emptyAccount(survivorId, now), dAccount ?? emptyAccount(duplicateId, now), now) : null;
  const loyalty = account ? loyaltySummary(account, programme.settings, now, programme.timeZone) : null;
  let after: Customer = {
    ...survivor,
    tags: [...survivor.tags, ...addedTags],
    externalIds: [...survivor.externalIds, ...addedExternalIds],
    ...(categoriesBought.length ? { categoriesBought } : {}),
    phone: survivor.phone ?? filledPhone,
    email: survivor.email ?? filledEmail,
    consent,
    ...aggregatesOf([...sOrders, ...dOrders]),
    ...(loyalty ? { loyalty, pointsBalance: loyalty.available } : {}),
    updatedAt: now,
  };
  const mergeId = tdb.customerMerges.doc().id;
  const seg = recomputeSegment(after, programme.settings.segments, now, 'merge', mergeId);
  after = seg.customer;

  const survivorName = customerDisplayName(survivor);
  const duplicateName = customerDisplayName(duplicate);
  const consentWords = (ch: 'email' | 'sms') => ({ opted_in: 'opted in', opted_out: 'opted out', unknown: 'not asked' })[consent[ch].status];
  const points = { survivorBefore: sAccount?.balance ?? 0, duplicateBefore: dAccount?.balance ?? 0, after: account?.balance ?? 0 };
  const preview: MergePreview = {
    survivor: { id: survivorId, name: survivorName },
    duplicate: { id: duplicateId, name: duplicateName },
    orders: dOrders.length,
    ledgerLines: lines.length,
    points,
    consent: { email: consentWords('email'), sms: consentWords('sms') },
    tagsAdded: addedTags,
    externalIdsAdded: addedExternalIds,
    identityKeys: identities.length,
    runs: runs.length,
    sends: sends.length,
    notesAndHistory: copies.length,
    summary: [
      `${dOrders.length} order${dOrders.length === 1 ? '' : 's'} and ${lines.length} points line${lines.length === 1 ? '' : 's'} move from ${duplicateName} to ${survivorName}.`,
      `Points: ${points.survivorBefore} + ${points.duplicateBefore} = ${points.after}.`,
      `Consent after the merge: email ${consentWords('email')}, text ${consentWords('sms')} (the more careful answer of the two is kept).`,
      addedTags.length ? `Tags added: ${addedTags.join(', ')}.` : 'No new tags.',
      `${duplicateName} is kept but hidden from the customer list and search; you can undo this for ${MERGE_UNDO_MS / 86_400_000} days.`,
    ],
  };
  const record: CustomerMerge = {
    id: mergeId,
    survivorId,
    duplicateId,
    survivorName,
    duplicateName,
    status: 'merged',
    moved: {
      orderIds: dOrders.map((o) => o.id),
      lineIds: lines.map((l) => l.id),
      identityIds: identities.map((i) => i.id),
      runIds: runs.map((r) => r.id),
      sendIds: sends.map((s) => s.id),
      copiedDocs: copies.map((c) => `${c.kind}/${c.doc.id}`),
    },
    duplicateBefore: duplicate,
    duplicateAccount: dAccount,
    survivorChanges: {
      addedTags,
      addedExternalIds,
      addedCategories,
      filledPhone,
      filledEmail,
      priorConsent: survivor.consent,
      mergedConsent: consent,
      priorTier: sAccount?.tier ?? null,
    },
    pointsBefore: { survivor: points.survivorBefore, duplicate: points.duplicateBefore },
    pointsAfter: points.after,
    mergedBy: ctx.actor.uid,
    mergedByName: null,
    at: now,
    undoUntil: new Date(now.getTime() + MERGE_UNDO_MS),
    undoneBy: null,
    undoneAt: null,
  };
  return { preview, record, after, account, duplicate, copies, proposals, segEntry: seg.entry, survivorId, duplicateId, now };
}

const plain: Read = async (q) => (await q.get()).docs.map((d) => d.data());
const plainDoc: ReadDoc = async (ref) => (await ref.get()).data() ?? null;

/** What a merge would move, in numbers and plain words; writes nothing. */
export async function previewCustomerMerge(ctx: ServiceContext, input: MergeInput): Promise<MergePreview> {
  return (await planMerge(ctx, input, plain, plainDoc, await loyaltyProgramme(ctx))).preview;
}

/**
 * Merges the duplicate into the survivor in one transaction: orders, points lines, identity keys,
 * runs and sends are re-pointed, notes and histories copied, the survivor's account, figures and
 * segment recomputed, and the duplicate marked merged (kept, found by no search). The record keeps
 * what moved for the undo.
 */
export async function mergeCustomers(ctx: ServiceContext, input: MergeInput): Promise<{ merge: CustomerMerge; preview: MergePreview }> {
  const tdb = tenantDb(ctx.orgId);
  const [programme, byName] = await Promise.all([loyaltyProgramme(ctx), actorDisplayName(ctx)]);
  const result = await firestore().runTransaction(async (tx: Transaction) => {
    const p = await planMerge(
      ctx,
      input,
      async (q) => (await tx.get(q)).docs.map((d) => d.data()),
      async (ref) => (await tx.get(ref)).data() ?? null,
      programme,
    );
    const record = { ...p.record, mergedByName: byName };
    const to = { customerId: p.survivorId };
    for (const id of record.moved.orderIds) tx.update(tdb.orders.doc(id), { ...to, updatedAt: p.now });
    for (const id of record.moved.lineIds) tx.update(tdb.loyaltyLines.doc(id), to);
    for (const id of record.moved.identityIds) tx.update(tdb.identities.doc(id), to);
    for (const id of record.moved.runIds) tx.update(tdb.runs.doc(id), to);
    for (const id of record.moved.sendIds) tx.update(tdb.sends.doc(id), to);
    for (const c of p.copies) tx.set(firestore().doc(`${tdb.base}/customers/${p.survivorId}/${c.kind}/${c.doc.id}`), c.doc);
    if (p.segEntry) tx.set(tdb.segmentHistory(p.survivorId).doc(p.segEntry.id), p.segEntry);
    if (p.account) tx.set(tdb.loyaltyAccounts.doc(p.survivorId), tdb.loyaltyAccounts.parse(p.account));
    if (record.duplicateAccount) tx.delete(tdb.loyaltyAccounts.doc(p.duplicateId));
    // The survivor now holds the duplicate's sends: its touch marks no longer hold (domain/analytics/touch-marks.ts).
    tx.set(tdb.customers.doc(p.survivorId), tdb.customers.parse(withoutTouchMarks(p.after)));
    const { loyalty: _dropped, ...dupRest } = p.duplicate;
    const mergedDup: Customer = {
      ...dupRest,
      ...aggregatesOf([]),
      pointsBalance: 0,
      // In no segment, so no segment campaign or playbook reaches the person twice.
      segment: null,
      segmentReason: null,
      segmentSince: null,
      mergedInto: p.survivorId,
      mergedAt: p.now,
      mergedBy: ctx.actor.uid,
      updatedAt: p.now,
    };
    tx.set(tdb.customers.doc(p.duplicateId), tdb.customers.parse(withoutTouchMarks(mergedDup)));
    for (const prop of p.proposals) tx.delete(tdb.duplicateProposals.doc(prop.id));
    tx.create(tdb.customerMerges.doc(record.id), tdb.customerMerges.parse(record));
    return { merge: record, preview: p.preview };
  });
  ctx.log?.info({ mergeId: result.merge.id, survivorId: input.survivorId, duplicateId: input.duplicateId, by: ctx.actor.uid }, 'customers merged');
  return result;
}
