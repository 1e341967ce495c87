import type { DocumentReference, DocumentSnapshot, QueryDocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { Send } from '@/domain/messaging/send';
import { firestore } from '../../db/firestore';
import { GroupCommit } from '../../db/group-commit';
import { tenantDb } from '../../db/tenant-db';
import { isFailedPrecondition } from '../../db/typed-collection';
import { cancelPatch, capsWithout, holdsCapPlace } from './cancel-sends';
import { attemptDelivery, dispatchCheckRefs, dispatchDecision, dispatchSend, dueState, recordOutcome, type DispatchContext } from './dispatch-send';

/** The documents a page's sends are checked against (runs, playbooks, customers), by path. */
export type SendPage = Map<string, DocumentSnapshot>;

export type DueSendOutcome = 'sent' | 'retryLater' | 'failed' | 'skipped' | 'cancelled' | 'notOurs';

/**
 * Reads, in one getAll, every run, playbook and customer a page of due sends is checked against
 * (a run's playbook is read once for the page). A copy read this way is up to two pages' work
 * old (seconds: it is read ahead): an exit cancels its run's waiting sends itself, and that write
 * to the send makes the claim below fail, so the copy only stands in for the check the claim
 * transaction used to read (an exit whose cancellation never ran is still caught, unless it
 * lands within those seconds).
 */
export async function prepareSendPage(docs: QueryDocumentSnapshot[]): Promise<SendPage> {
  const refs = new Map<string, DocumentReference>();
  for (const doc of docs) {
    const [, orgId] = doc.ref.path.split('/');
    if (!orgId) continue;
    let send: Send;
    try {
      send = doc.data() as Send;
    } catch {
      continue; // A send that does not parse fails on its own in dispatchDueSend, not the whole page.
    }
    for (const ref of dispatchCheckRefs(tenantDb(orgId), send)) refs.set(ref.path, ref);
  }
  const page: SendPage = new Map();
  if (!refs.size) return page;
  const snaps = await firestore().getAll(...refs.values());
  for (const snap of snaps) page.set(snap.ref.path, snap);
  return page;
}

/**
 * The tick's dispatch of one due send, without a transaction: decided from the send as the page
 * query returned it and the page's prepared documents, and written on condition that the send is
 * unchanged since that query (a second tick, the inline call or a cancellation that got there
 * first makes it 'notOurs'). The outcome is then recorded on condition of the claim's write time.
 * Per send: one conditional write, the provider call, one batch.
 */
export async function dispatchDueSend(ctx: DispatchContext, doc: QueryDocumentSnapshot, page: SendPage): Promise<DueSendOutcome> {
  const db = tenantDb(ctx.orgId);
  const send = doc.data() as Send;
  const now = ctx.clock.now();
  const state = dueState(send, now);
  if (!state) return 'notOurs';
  const checked = dispatchCheckRefs(db, send).map((ref) => page.get(ref.path));
  // Not prepared (the page was read for another copy of the send): the transaction reads for itself.
  if (checked.some((s) => !s)) return outcomeOf(await dispatchSend(ctx, send.id));
  const snaps = checked as DocumentSnapshot[];
  const decision = dispatchDecision(send, state.leaseExpired, snaps.slice(0, -1), snaps.at(-1)!.data() as Customer | undefined, now);
  const ref = db.sends.doc(send.id);

  if (decision.kind === 'cancel') {
    // The send and its cap place go together (a batch): on the query's copy of the send and the cap document as read now.
    const capsRef = db.messageCaps.doc(send.customerId);
    const caps = holdsCapPlace(send) ? await capsRef.get() : null;
    const batch = firestore().batch();
    batch.update(ref, db.sends.patch(send.id, cancelPatch(send, decision.why, now)), { lastUpdateTime: doc.updateTime });
    if (caps?.exists) batch.update(capsRef, db.messageCaps.patch(caps.id, capsWithout(caps.data()!, send, now)), { lastUpdateTime: caps.updateTime! });
    try {
      await batch.commit();
      return 'cancelled';
    } catch (err) {
      if (!isFailedPrecondition(err)) throw err;
      // The send or its cap document moved: decide again on what is stored now.
      return outcomeOf(await dispatchSend(ctx, send.id));
    }
  }
  if (decision.kind === 'skip') return (await claim(ref, db.sends.patch(send.id, decision.patch), doc.updateTime)) ? 'skipped' : 'notOurs';

  const claimedAt = await claim(ref, db.sends.patch(send.id, decision.patch), doc.updateTime);
  if (!claimedAt) return 'notOurs';
  const claimed = { ...send, ...decision.patch } as Send;
  const result = await attemptDelivery(ctx, claimed, decision.toName, decision.ambiguous);
  return outcomeOf(await recordOutcome(ctx, claimed, result, claimedAt));
}

/** A tick's concurrent claims share one commit (group-commit.ts); each stays conditional on its own copy. */
const claims = new GroupCommit();

/** The write time of the claim, or null when the send changed since the page query (someone else's now). */
function claim(ref: DocumentReference, patch: Record<string, unknown>, lastUpdateTime: Timestamp): Promise<Timestamp | null> {
  return claims.commitIfUnchanged((batch) => batch.update(ref, patch, { lastUpdateTime }), { writes: 1 });
}

function outcomeOf(result: Send | null): DueSendOutcome {
  if (!result) return 'notOurs';
  if (result.status === 'skipped') return 'skipped';
  if (result.status === 'cancelled') return 'cancelled';
  if (result.status === 'failed') return 'failed';
  if (result.status === 'queued') return 'retryLater';
  return 'sent';
}
