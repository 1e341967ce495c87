import type { DocumentReference, DocumentSnapshot, Query, Transaction } from 'firebase-admin/firestore';
import { IdSchema } from '@/domain/common';
import type { MessageCapState } from '@/domain/messaging/records';
import { PENDING_SEND_STATUSES, type Send } from '@/domain/messaging/send';
import { runEndedReason, type PlaybookRun } from '@/domain/playbooks/run';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, type TenantDb } from '../../db/tenant-db';

type CancelContext = Pick<ServiceContext, 'orgId' | 'clock' | 'log'>;

/** The fields that withdraw a queued or deferred send. */
export function cancelPatch(send: Send, reason: string, now: Date) {
  return {
    status: 'cancelled',
    dueAt: null,
    leaseUntil: null,
    cancelledAt: now,
    cancelReason: reason.slice(0, 500),
    events: [...send.events, { type: 'cancelled', at: now, detail: reason.slice(0, 500) }].slice(-200),
    updatedAt: now,
  };
}

/** Whether withdrawing the send frees a place under the customer's frequency cap (its cap document must be written too). */
export const holdsCapPlace = (send: Send) => send.kind === 'marketing' && send.purpose === 'message';

/** The cap document without the withdrawn send's place (it never went, so it must not keep a later message from going). */
export function capsWithout(caps: MessageCapState, send: Send, now: Date) {
  return { [send.channel]: caps[send.channel].filter((r) => r.sendId !== send.id), updatedAt: now };
}

/**
 * Withdraws a queued or deferred send, and its place under the frequency cap. Reads the cap
 * document, so call it before the transaction's writes.
 */
export async function cancelInTx(tx: Transaction, db: TenantDb, send: Send, reason: string, now: Date): Promise<Send> {
  const caps = holdsCapPlace(send) ? (await tx.get(db.messageCaps.doc(send.customerId))).data() : undefined;
  const patch = cancelPatch(send, reason, now);
  db.sends.updateIn(tx, send.id, patch);
  if (caps) db.messageCaps.updateIn(tx, caps.id, capsWithout(caps, send, now));
  return { ...send, ...patch } as Send;
}

/** Cancels each send that is still queued or deferred; returns those it cancelled. */
export async function cancelPendingSends(ctx: CancelContext, sendIds: string[], reason: string): Promise<string[]> {
  const db = tenantDb(ctx.orgId);
  const cancelled: string[] = [];
  for (const id of sendIds) {
    const done = await firestore().runTransaction(async (tx) => {
      const send = (await tx.get(db.sends.doc(id))).data();
      if (!send || !(PENDING_SEND_STATUSES as readonly string[]).includes(send.status)) return false;
      await cancelInTx(tx, db, send, reason, ctx.clock.now());
      return true;
    });
    if (done) cancelled.push(id);
  }
  if (cancelled.length) ctx.log?.info({ event: 'sends.cancelled', sendIds: cancelled, reason }, 'pending messages cancelled');
  return cancelled;
}

/** A run's messages still waiting to go (a run has a handful of sends, so all are read). */
export async function pendingSendsOfRun(ctx: CancelContext, runId: string): Promise<Send[]> {
  const snap = await tenantDb(ctx.orgId).sends.ref.where('source.runId', '==', runId).get();
  return snap.docs.map((d) => d.data()).filter((s) => (PENDING_SEND_STATUSES as readonly string[]).includes(s.status));
}

/** Withdraws what a run that ended (exited or failed) still had waiting. */
export async function cancelRunSends(ctx: CancelContext, runId: string, reason: string): Promise<string[]> {
  const pending = await pendingSendsOfRun(ctx, runId);
  return pending.length
    ? cancelPendingSends(
        ctx,
        pending.map((s) => s.id),
        reason,
      )
    : [];
}

/** Queued and deferred sends matching a query's equality filter (a playbook, a campaign, a customer). */
export async function pendingSendsWhere(ctx: CancelContext, field: 'source.playbookId' | 'source.id' | 'customerId', value: string): Promise<Send[]> {
  const q = tenantDb(ctx.orgId)
    .sends.ref.where(field, '==', value)
    .where('status', 'in', [...PENDING_SEND_STATUSES]) as Query<Send>;
  return (await q.limit(500).get()).docs.map((d) => d.data());
}

/** The documents the dispatch-time check reads for a send: its run and playbook (none for a send not from a stored run). */
export function playbookStopRefs(db: TenantDb, source: Send['source']): DocumentReference[] {
  if (source.type !== 'playbook' || !IdSchema.safeParse(source.runId).success) return [];
  const refs: DocumentReference[] = [db.runs.doc(source.runId) as DocumentReference];
  if (source.playbookId && IdSchema.safeParse(source.playbookId).success) refs.push(db.playbooks.doc(source.playbookId) as DocumentReference);
  return refs;
}

/**
 * The dispatch-time check behind the prompt cancellation: why a playbook's send must not go now
 * (its run exited, failed or is exiting; its playbook was deleted), or null. A run that completed
 * keeps its messages. A run that is not stored (a caller naming a run of its own) is not judged.
 * Takes the snapshots of playbookStopRefs, read in the dispatch's transaction.
 */
export function playbookStopReason(source: Send['source'], snaps: DocumentSnapshot[]): string | null {
  if (source.type !== 'playbook' || !snaps.length) return null;
  const run = snaps[0]!.data() as PlaybookRun | undefined;
  const reason = run ? runEndedReason(run) : null;
  if (reason) return reason;
  if (snaps[1] && !snaps[1].exists) return 'The playbook was deleted.';
  return null;
}
