import type { DocumentReference } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { MessageCapState } from '@/domain/messaging/records';
import { sendMarkAfter } from '@/domain/analytics/touch-marks';
import { errors } from '@/domain/errors';
import { SendMessageInputSchema, type Send, type SendMessageInput, type StoredSendSource, type SystemPurpose } from '@/domain/messaging/send';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { buildSend, decide, reserve } from './build-send';
import { dispatchSend } from './dispatch-send';
import { sendIdFor } from './message-tokens';
import { prepareMessage } from './prepare-message';
import { timed } from '../stage-timer';

export type { SendMessageInput } from '@/domain/messaging/send';

export interface SendOptions {
  /** Internal: BakedBot's own answer to a STOP, START or HELP (never exposed through the API). */
  purpose?: SystemPurpose;
  /**
   * The key has never been used (a playbook step its journal has just started): the send is not
   * looked up first. The transaction still finds one made meanwhile, so this only saves a read.
   */
  newKey?: boolean;
  /** The customer's current profile, when the caller has just read it (rendering uses it; the transaction reads it again). */
  customer?: Customer;
}

/**
 * Sends one email or SMS to one customer through the gate, and returns its send record.
 *
 * - The same idempotencyKey always returns the first send: two concurrent calls with one key
 *   create one send and make at most one provider call (the transaction creates the record once;
 *   only its creator dispatches, and dispatch claims the send in a transaction).
 * - The gate's decision is recorded on the send: skipped with a reason, deferred to the next
 *   allowed minute, or queued and delivered at once.
 * - A provider outage never blocks for longer than the provider timeout and never loses the
 *   message: the send stays queued with its error and the cron tick retries it with backoff.
 */
export function sendMessage(ctx: ServiceContext, rawInput: SendMessageInput, opts: SendOptions = {}): Promise<Send> {
  return timed('send', () => recordAndDispatch(ctx, rawInput, opts));
}

async function recordAndDispatch(ctx: ServiceContext, rawInput: SendMessageInput, opts: SendOptions): Promise<Send> {
  const input = SendMessageInputSchema.parse(rawInput);
  const purpose = opts.purpose ?? 'message';
  const source: StoredSendSource = opts.purpose ? { type: 'system', purpose: opts.purpose } : input.source;
  const db = tenantDb(ctx.orgId);
  const sendId = sendIdFor(input.idempotencyKey);

  // The earlier send (the same key again) is looked up while the message is prepared: preparing
  // only reads and renders, so a repeat wastes a render, and a first send saves a round trip.
  const preparing = prepareMessage(ctx, input, { sendId, purpose, mode: 'send', customer: opts.customer });
  preparing.catch(() => undefined);
  const earlier = opts.newKey ? null : await db.sends.get(sendId);
  if (earlier) return earlier;
  const prepared = await preparing;
  const now = ctx.clock.now();
  const recordSend = () =>
    firestore().runTransaction(async (tx) => {
      // Caps are judged and reserved in the same transaction, so concurrent sends to one customer
      // serialise on this document and can never exceed the cap together. All read at once.
      const capped = prepared.kind === 'marketing' && purpose === 'message';
      const capsRef = db.messageCaps.doc(input.customerId);
      const refs = [db.sends.doc(sendId), db.customers.doc(input.customerId), ...(capped ? [capsRef] : [])] as DocumentReference[];
      const [existing, customerSnap, capsSnap] = await tx.getAll(...refs);
      if (existing!.exists) return { send: existing!.data() as Send, created: false };
      const customer = customerSnap!.data() as Customer | undefined;
      if (!customer) throw errors.notFound('Customer', input.customerId);
      const caps = capped ? ((capsSnap!.data() as MessageCapState | undefined) ?? null) : null;
      const decision = decide(prepared, input, customer, purpose, caps, now);
      const record = buildSend({ ...prepared, customer }, input, sendId, source, purpose, decision, now);
      tx.create(db.sends.doc(sendId), record);
      // The customer's touch mark, so an order they place later can tell whether any message could have earned it (at most once a day).
      const mark = purpose === 'message' ? sendMarkAfter(customer, record.createdAt) : null;
      if (mark) db.customers.updateIn(tx, customer.id, { lastSendAt: mark });
      if (prepared.kind === 'marketing' && purpose === 'message' && decision.outcome !== 'skip') {
        tx.set(capsRef, reserve(caps, customer.id, input.channel, sendId, decision.sendAt ?? now, now));
      }
      return { send: record, created: true };
    });
  // Two calls with one key race to create the send; the loser's transaction normally retries and
  // finds it, but Firestore may instead answer ALREADY_EXISTS or ABORTED, and the emulator closes
  // the losing transaction (INVALID_ARGUMENT). Then the winner's send is the answer, once committed.
  const recordOnce = async (attempt: number): Promise<{ send: Send; created: boolean }> => {
    try {
      return await recordSend();
    } catch (err) {
      if (!isContention(err) || attempt >= 4) throw err;
      const winner = await db.sends.get(sendId);
      if (winner) return { send: winner, created: false };
      await new Promise((r) => setTimeout(r, 25 * 2 ** attempt));
      return recordOnce(attempt + 1);
    }
  };
  const { send, created } = await recordOnce(0);
  ctx.log?.info({ sendId, channel: send.channel, kind: send.kind, status: send.status, reason: send.decision.reason }, 'message recorded');
  if (created && send.status === 'queued') return (await dispatchSend(ctx, sendId, send)) ?? (await db.sends.getOrThrow(sendId));
  return send;
}

const grpcCode = (err: unknown) => (err && typeof err === 'object' && 'code' in err ? (err as { code: unknown }).code : undefined);
/** ALREADY_EXISTS (the other call's create won), ABORTED, or the emulator closing a contended transaction. */
const isContention = (err: unknown) =>
  [6, 10].includes(grpcCode(err) as number) || (grpcCode(err) === 3 && /Transaction is invalid or closed/.test(String((err as Error).message)));
