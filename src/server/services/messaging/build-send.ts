import type { Customer } from '@/domain/customer';
import { evaluateGate } from '@/domain/messaging/gate';
import type { MessageCapState } from '@/domain/messaging/records';
import { UNSENT, type GateDecision, type ParsedSendMessageInput, type Send, type StoredSendSource, type SystemPurpose } from '@/domain/messaging/send';
import type { PreparedMessage } from './prepare-message';

/** Reservations older than the longest allowed cap window no longer matter. */
const KEEP_RESERVATIONS_MS = 14 * 24 * 3_600_000;

export function decide(
  p: PreparedMessage,
  input: { channel: 'email' | 'sms' },
  customer: Customer,
  purpose: 'message' | SystemPurpose,
  caps: MessageCapState | null,
  now: Date,
): GateDecision {
  return evaluateGate({
    now,
    channel: input.channel,
    kind: p.kind,
    purpose,
    customer,
    zone: p.zone,
    settings: p.settings,
    reserved: (caps?.[input.channel] ?? []).map((r) => r.at),
    content: `${p.message.subject ?? ''}\n${p.message.text}`,
  });
}

/** The send record for a decision: skipped, deferred (due at its time) or queued (due now). */
export function buildSend(
  p: PreparedMessage,
  input: ParsedSendMessageInput,
  sendId: string,
  source: StoredSendSource,
  purpose: 'message' | SystemPurpose,
  decision: GateDecision,
  now: Date,
): Send {
  const status = decision.outcome === 'skip' ? 'skipped' : decision.outcome === 'defer' ? 'deferred' : 'queued';
  const to = decision.outcome === 'skip' ? null : input.channel === 'email' ? p.customer.email : p.customer.phone;
  const { links, ...message } = p.message;
  return {
    id: sendId,
    customerId: p.customer.id,
    channel: input.channel,
    kind: p.kind,
    purpose,
    templateId: p.templateId,
    source,
    idempotencyKey: input.idempotencyKey,
    status,
    decision,
    to,
    message,
    revenueInText: p.revenueInText,
    links,
    trackToken: p.trackToken,
    ...UNSENT,
    sandbox: p.settings.sandboxMode,
    dueAt: status === 'skipped' ? null : (decision.sendAt ?? now),
    events: [{ type: status, at: now, detail: decision.detail.slice(0, 500) }],
    createdAt: now,
    updatedAt: now,
  };
}

/** Adds an accepted marketing message to the customer's reservations for its channel. */
export function reserve(caps: MessageCapState | null, customerId: string, channel: 'email' | 'sms', sendId: string, at: Date, now: Date): MessageCapState {
  const keep = (list: MessageCapState['email']) => list.filter((r) => Math.abs(r.at.getTime() - now.getTime()) < KEEP_RESERVATIONS_MS);
  const base: MessageCapState = caps ?? { id: customerId, email: [], sms: [], updatedAt: now };
  return { ...base, email: keep(base.email), sms: keep(base.sms), [channel]: [...keep(base[channel]), { sendId, at }], updatedAt: now };
}
