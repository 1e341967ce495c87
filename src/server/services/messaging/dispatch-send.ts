import type { DocumentReference, DocumentSnapshot, Timestamp } from 'firebase-admin/firestore';
import { customerDisplayName, type Customer } from '@/domain/customer';
import { deliveryBlocker } from '@/domain/messaging/gate';
import { STATUS_RANK, type Send, type SendEvent } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { GroupCommit } from '../../db/group-commit';
import { tenantDb, type TenantDb } from '../../db/tenant-db';
import { isFailedPrecondition } from '../../db/typed-collection';
import { rollupTimeZone, writeSendRollupInTx } from '../analytics/rollups-in-tx';
import { cancelInTx, playbookStopReason, playbookStopRefs } from './cancel-sends';
import { ProviderError, type Delivered } from './channel-provider';
import { getMessagingSettings } from './messaging-settings';
import { emailProvider, smsProvider } from './resolve-providers';

/** How long a worker owns a send it is delivering; after that the tick may take it over. */
export const LEASE_MS = 2 * 60_000;
/** Attempts before a retryable failure becomes final: 1, 2, 4, 8, 16 minutes apart (about half an hour in all). */
export const MAX_ATTEMPTS = 6;

export function backoffMs(attempt: number): number {
  return Math.min(60, 2 ** Math.max(0, attempt - 1)) * 60_000;
}

export function withEvent(events: SendEvent[], e: SendEvent): SendEvent[] {
  return [...events, e].slice(-200);
}

export type DispatchContext = Pick<ServiceContext, 'orgId' | 'clock' | 'log'>;

/** Whether a send is the tick's to take now: queued or deferred and due, or `sending` with its lease run out (null: not now). */
export function dueState(send: Send, now: Date): { leaseExpired: boolean } | null {
  const due = send.dueAt !== null && send.dueAt.getTime() <= now.getTime();
  const leaseExpired = send.status === 'sending' && send.leaseUntil !== null && send.leaseUntil.getTime() <= now.getTime();
  if (!((send.status === 'queued' || send.status === 'deferred') && due) && !leaseExpired) return null;
  return { leaseExpired };
}

export type DispatchDecision =
  | { kind: 'cancel'; why: string }
  | { kind: 'skip'; patch: Record<string, unknown> }
  | { kind: 'claim'; patch: Record<string, unknown>; ambiguous: boolean; toName: string };

/**
 * What becomes of a due send, from the send and the documents the check reads with it (the
 * snapshots of playbookStopRefs, then the customer): cancelled (its run ended), skipped (the
 * customer may no longer be messaged) or claimed for an attempt.
 */
export function dispatchDecision(
  send: Send,
  leaseExpired: boolean,
  stopSnaps: DocumentSnapshot[],
  customer: Customer | undefined,
  now: Date,
): DispatchDecision {
  // The safety net behind the cancellation an exit makes: a playbook's message goes only while its run may still send.
  const stop = playbookStopReason(send.source, stopSnaps);
  if (stop) return { kind: 'cancel', why: leaseExpired ? `${stop} An earlier attempt may already have reached the provider.` : stop };
  // A staff report goes to a staff member's address (src/server/services/messaging/send-staff-email.ts): no customer behind it.
  const staff = send.purpose === 'staff_report';
  const blocker = staff
    ? null
    : customer
      ? deliveryBlocker(send.channel, send.purpose, customer, send.decision.timeZone ?? 'UTC')
      : { reason: 'no_address' as const, note: 'The customer no longer exists.' };
  if (blocker) {
    const patch = {
      status: 'skipped',
      dueAt: null,
      leaseUntil: null,
      decision: { ...send.decision, outcome: 'skip', reason: blocker.reason, detail: blocker.note, sendAt: null, decidedAt: now },
      events: withEvent(send.events, { type: 'skipped', at: now, detail: blocker.note }),
      updatedAt: now,
    };
    return { kind: 'skip', patch };
  }
  const { patch, ambiguous } = claimPatch(send, leaseExpired, now);
  return { kind: 'claim', patch, ambiguous, toName: staff ? '' : customerDisplayName(customer!) };
}

/**
 * Delivers one due send (queued, deferred and due, or a lease that ran out). The claim is a
 * transaction, so concurrent ticks and the inline call never deliver the same send twice; the
 * result is recorded only while the claim still holds. A playbook's send whose run has ended
 * (exited, failed) or whose playbook is gone is cancelled instead. Returns null when the send was
 * not due or someone else holds it. (The tick claims from its query's copy instead: claim-due-send.ts.)
 */
export async function dispatchSend(ctx: DispatchContext, sendId: string, known?: Pick<Send, 'source' | 'customerId'>): Promise<Send | null> {
  const db = tenantDb(ctx.orgId);
  const ref = db.sends.doc(sendId);
  const now = ctx.clock.now();
  // What the check needs (the run, the playbook, the customer) depends only on the send's source
  // and customer, which never change: a caller that knows them has everything read at once.
  const checkRefs = (s: Pick<Send, 'source' | 'customerId'>) => dispatchCheckRefs(db, s);

  const claim = await firestore().runTransaction(async (tx) => {
    const [sendSnap, ...guessed] = await tx.getAll(ref as DocumentReference, ...(known ? checkRefs(known) : []));
    const send = sendSnap!.data() as Send | undefined;
    if (!send) return null;
    const state = dueState(send, now);
    if (!state) return null;
    const sameRefs = known && JSON.stringify(checkRefs(known).map((r) => r.path)) === JSON.stringify(checkRefs(send).map((r) => r.path));
    const checked = sameRefs ? guessed : await tx.getAll(...checkRefs(send));
    const decision = dispatchDecision(send, state.leaseExpired, checked.slice(0, -1), checked.at(-1)!.data() as Customer | undefined, now);
    if (decision.kind === 'cancel')
      return { kind: 'cancelled' as const, send: await cancelInTx(tx, db, send, decision.why, now), ambiguous: false, toName: '' };
    db.sends.updateIn(tx, sendId, decision.patch);
    const after = { ...send, ...decision.patch } as Send;
    if (decision.kind === 'skip') return { kind: 'skipped' as const, send: after, ambiguous: false, toName: '' };
    return { kind: 'claimed' as const, send: after, ambiguous: decision.ambiguous, toName: decision.toName };
  });
  if (!claim) return null;
  if (claim.kind !== 'claimed') return claim.send;
  const result = await attemptDelivery(ctx, claim.send, claim.toName, claim.ambiguous);
  // A transaction's commit time is not returned, so this claim's outcome is recorded by reading the send again.
  return recordOutcome(ctx, claim.send, result, null);
}

/** The documents the dispatch check reads for a send: playbookStopRefs, then its customer. */
export function dispatchCheckRefs(db: TenantDb, s: Pick<Send, 'source' | 'customerId'>): DocumentReference[] {
  return [...playbookStopRefs(db, s.source), db.customers.doc(s.customerId) as DocumentReference];
}

/** Concurrent outcomes of a tick share commits (group-commit.ts). */
const outcomeWrites = new GroupCommit();

/**
 * Records an attempt's result on the send it claimed, with the rollup it moves. Given the claim's
 * write time, in one batch conditional on it (nothing written since the claim, so the claimed copy
 * is the send as stored); otherwise, or when something was written since (a provider webhook's
 * status, a takeover after the lease ran out), in a transaction that reads the send again, so
 * neither that write nor this outcome is lost.
 */
export async function recordOutcome(ctx: DispatchContext, send: Send, result: DeliveryResult, claimedAt: Timestamp | null): Promise<Send | null> {
  const db = tenantDb(ctx.orgId);
  const timeZone = await rollupTimeZone(ctx.orgId);
  if (claimedAt) {
    const at = ctx.clock.now();
    const patch = outcomePatch(send, send, result, at);
    try {
      // Concurrent outcomes of a tick share one commit (group-commit.ts); each stays conditional on its own claim.
      await outcomeWrites.commit(
        (batch) => {
          batch.update(db.sends.doc(send.id), db.sends.patch(send.id, patch), { lastUpdateTime: claimedAt });
          writeSendRollupInTx(batch, ctx.orgId, send, patch, timeZone, at);
        },
        { writes: 4 },
      );
      logOutcome(ctx, send, patch, result);
      return { ...send, ...patch } as Send;
    } catch (err) {
      if (!isFailedPrecondition(err)) throw err;
    }
  }
  return firestore().runTransaction(async (tx) => {
    const cur = (await tx.get(db.sends.doc(send.id))).data();
    // Someone took over after our lease ran out: their outcome stands.
    if (!cur || cur.attempts !== send.attempts) return cur ?? null;
    const patch = outcomePatch(cur, send, result, ctx.clock.now());
    db.sends.updateIn(tx, send.id, patch);
    writeSendRollupInTx(tx, ctx.orgId, cur, patch, timeZone, ctx.clock.now());
    logOutcome(ctx, send, patch, result);
    return { ...cur, ...patch } as Send;
  });
}

export type DeliveryResult = { delivered: (Delivered & { provider: Send['provider'] }) | null; failure: ProviderError | null };

/** The fields that take a send to its next attempt (claimed, leased to this worker), and whether an earlier attempt may have reached the provider. */
export function claimPatch(send: Send, leaseExpired: boolean, now: Date) {
  // A lease that ran out, or an attempt that timed out, may have reached the provider.
  const ambiguous = leaseExpired || send.lastError?.code === 'timeout';
  const leaseUntil = new Date(now.getTime() + LEASE_MS);
  const patch = {
    status: 'sending',
    attempts: send.attempts + 1,
    leaseUntil,
    dueAt: leaseUntil,
    updatedAt: now,
    events: withEvent(send.events, {
      type: 'attempt',
      at: now,
      detail: `Attempt ${send.attempts + 1}${leaseExpired ? ' (taking over an expired lease)' : ''}`,
    }),
  };
  return { patch, ambiguous };
}

/** Calls the provider for a claimed send; a failure is returned, not thrown. */
export async function attemptDelivery(ctx: DispatchContext, send: Send, toName: string, ambiguous: boolean): Promise<DeliveryResult> {
  try {
    return { delivered: await deliver(ctx, send, toName, ambiguous), failure: null };
  } catch (err) {
    if (!(err instanceof ProviderError)) ctx.log?.error({ err, sendId: send.id }, 'delivery failed unexpectedly');
    const failure =
      err instanceof ProviderError ? err : new ProviderError('retryable', 'internal', `Unexpected error while delivering: ${(err as Error).message}`);
    return { delivered: null, failure };
  }
}

export function logOutcome(ctx: DispatchContext, send: Send, patch: Record<string, unknown>, { delivered, failure }: DeliveryResult) {
  ctx.log?.info(
    { sendId: send.id, status: patch.status, attempts: send.attempts, code: failure?.code },
    delivered ? 'message delivered to provider' : 'message delivery failed',
  );
}

/** The fields an attempt's result leaves on the send; `cur` is the send as stored now, `send` as this attempt claimed it. */
export function outcomePatch(cur: Send, send: Send, { delivered, failure }: DeliveryResult, at: Date): Record<string, unknown> {
  let patch: Record<string, unknown>;
  if (delivered) {
    patch = {
      status: STATUS_RANK[cur.status] > STATUS_RANK.sent ? cur.status : 'sent',
      provider: delivered.provider,
      providerMessageId: delivered.providerMessageId,
      sentAt: cur.sentAt ?? at,
      dueAt: null,
      leaseUntil: null,
      lastError: null,
      events: withEvent(cur.events, {
        type: 'sent',
        at,
        detail:
          `${delivered.provider}${delivered.reconciled ? ': found the earlier attempt already accepted; not sent again' : ''} (${delivered.providerMessageId})`.slice(
            0,
            500,
          ),
      }),
    };
  } else {
    const f = failure!;
    const final = f.kind === 'permanent' || send.attempts >= MAX_ATTEMPTS;
    const retryAt = new Date(at.getTime() + backoffMs(send.attempts));
    patch = {
      status: final ? 'failed' : 'queued',
      dueAt: final ? null : retryAt,
      leaseUntil: null,
      failedAt: final ? at : null,
      lastError: { code: f.ambiguous ? 'timeout' : f.code, message: f.message.slice(0, 1000), retryable: !final, at },
      events: withEvent(cur.events, {
        type: final ? 'failed' : 'retry_scheduled',
        at,
        detail: (final ? f.message : `${f.message} Retrying at ${retryAt.toISOString()} (attempt ${send.attempts + 1} of ${MAX_ATTEMPTS}).`).slice(0, 500),
      }),
    };
  }
  patch.updatedAt = at;
  return patch;
}

async function deliver(ctx: DispatchContext, send: Send, toName: string, ambiguous: boolean): Promise<Delivered & { provider: Send['provider'] }> {
  if (!send.to) throw new ProviderError('permanent', 'no_address', 'The send has no address.');
  const attempt = { previousAttemptAmbiguous: ambiguous };
  if (send.channel === 'email') {
    const settings = await getMessagingSettings(ctx);
    const provider = await emailProvider(ctx.orgId);
    const res = await provider.sendEmail(
      {
        sendId: send.id,
        orgId: ctx.orgId,
        to: send.to,
        toName,
        from: { email: settings.sender.fromEmail, name: settings.sender.fromName },
        replyTo: settings.sender.replyTo,
        subject: send.message.subject ?? '',
        html: send.message.html ?? '',
        text: send.message.text,
        headers: send.message.headers,
        sandbox: send.sandbox,
      },
      attempt,
    );
    return { ...res, provider: provider.name };
  }
  const provider = await smsProvider(ctx.orgId, send.sandbox);
  const res = await provider.sendSms({ sendId: send.id, orgId: ctx.orgId, to: send.to, text: send.message.text }, attempt);
  return { ...res, provider: provider.name };
}
