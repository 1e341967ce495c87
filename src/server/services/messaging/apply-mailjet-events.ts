import { STATUS_RANK, type Send, type SendStatus } from '@/domain/messaging/send';
import type { MailjetEvent } from '../../integrations/mailjet/mailjet-events';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { rollupTimeZone, writeSendRollupInTx } from '../analytics/rollups-in-tx';
import { withEvent } from './dispatch-send';
import { recordConsent } from './record-consent';

const STATUS_FOR: Record<string, SendStatus | null> = {
  sent: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  blocked: 'failed',
  spam: null,
  unsub: null,
};
const EVENT_NAME: Record<string, string> = {
  sent: 'delivered',
  open: 'opened',
  click: 'clicked',
  bounce: 'bounced',
  blocked: 'blocked',
  spam: 'spam_complaint',
  unsub: 'unsubscribed',
};

export interface MailjetEventsReport {
  received: number;
  applied: number;
  duplicates: number;
  unmatched: number;
  ignored: number;
}

async function findSend(orgId: string, e: MailjetEvent): Promise<Send | null> {
  const db = tenantDb(orgId);
  if (e.CustomID && /^snd_[0-9a-f]{40}$/.test(e.CustomID)) {
    const byId = await db.sends.get(e.CustomID);
    if (byId) return byId;
  }
  if (e.MessageID) {
    const snap = await db.sends.ref.where('providerMessageId', '==', e.MessageID).limit(1).get();
    return snap.docs[0]?.data() ?? null;
  }
  return null;
}

/** The payload we sent names the tenant; an event for another tenant's message is not ours to apply. */
function otherTenant(orgId: string, e: MailjetEvent): boolean {
  if (!e.Payload) return false;
  try {
    const p = JSON.parse(e.Payload) as { orgId?: unknown };
    return typeof p.orgId === 'string' && p.orgId !== orgId;
  } catch {
    return false;
  }
}

/**
 * Applies Mailjet events to the sends and the customers' profiles: status and timestamps on the
 * send, last open and click on the profile, a hard bounce marks the email undeliverable, spam
 * and unsub opt the customer out of email. Redelivered events change nothing.
 */
export async function applyMailjetEvents(ctx: ServiceContext, events: MailjetEvent[]): Promise<MailjetEventsReport> {
  const report: MailjetEventsReport = { received: events.length, applied: 0, duplicates: 0, unmatched: 0, ignored: 0 };
  const db = tenantDb(ctx.orgId);
  const timeZone = await rollupTimeZone(ctx.orgId);
  for (const e of events) {
    if (!(e.event in STATUS_FOR) || otherTenant(ctx.orgId, e)) {
      report.ignored += 1;
      continue;
    }
    const found = await findSend(ctx.orgId, e);
    if (!found || found.channel !== 'email') {
      report.unmatched += 1;
      continue;
    }
    // Consent first: it is idempotent, so a retried delivery still opts out if this failed half-way.
    if (e.event === 'spam' || e.event === 'unsub') {
      await recordConsent(ctx, {
        customerId: found.customerId,
        channel: 'email',
        status: 'opted_out',
        source: e.event === 'spam' ? 'spam_complaint' : 'mailjet_unsub',
        sendId: found.id,
        note: e.event === 'spam' ? 'Reported as spam' : null,
      });
    }
    const at = new Date(e.time * 1000);
    const type = EVENT_NAME[e.event]!;
    const detail =
      [
        e.MessageID ? `MessageID ${e.MessageID}` : null,
        e.url ? `url ${e.url}` : null,
        e.error ? `${e.error_related_to ?? 'error'}: ${e.error}` : null,
        e.hard_bounce ? 'hard bounce' : null,
      ]
        .filter(Boolean)
        .join('; ') || null;
    const applied = await firestore().runTransaction(async (tx) => {
      const send = (await tx.get(db.sends.doc(found.id))).data();
      if (!send) return false;
      if (send.events.some((x) => x.type === type && x.at.getTime() === at.getTime())) return false;
      const target = STATUS_FOR[e.event];
      const forced = e.event === 'bounce' || e.event === 'blocked';
      const status = target && (forced || STATUS_RANK[target] > STATUS_RANK[send.status]) ? target : send.status;
      const patch: Record<string, unknown> = {
        status,
        events: withEvent(send.events, { type, at, detail: detail?.slice(0, 500) ?? null }),
        updatedAt: ctx.clock.now(),
      };
      if (!send.providerMessageId && e.MessageID) patch.providerMessageId = e.MessageID;
      if (e.event === 'sent') patch.deliveredAt = send.deliveredAt ?? at;
      if (e.event === 'open') patch.openedAt = send.openedAt ?? at;
      if (e.event === 'click') patch.clickedAt = send.clickedAt ?? at;
      if (forced) patch.failedAt = send.failedAt ?? at;
      if (forced)
        patch.lastError = {
          code: e.event === 'bounce' ? (e.hard_bounce ? 'hard_bounce' : 'soft_bounce') : 'blocked',
          message: `${e.error_related_to ?? ''} ${e.error ?? ''}`.trim().slice(0, 1000) || e.event,
          retryable: false,
          at,
        };

      const customer = (await tx.get(db.customers.doc(send.customerId))).data();
      db.sends.updateIn(tx, send.id, patch);
      writeSendRollupInTx(tx, ctx.orgId, send, patch, timeZone, ctx.clock.now());
      if (customer) {
        const c: Record<string, unknown> = {};
        if (e.event === 'open' && (!customer.lastEmailOpenAt || customer.lastEmailOpenAt < at)) c.lastEmailOpenAt = at;
        if (e.event === 'click' && (!customer.lastEmailClickAt || customer.lastEmailClickAt < at)) c.lastEmailClickAt = at;
        // Only a hard bounce to the address the customer still has makes it undeliverable.
        if (e.event === 'bounce' && e.hard_bounce && customer.email === send.to)
          c.emailUndeliverable = { reason: `Hard bounce: ${e.error ?? 'rejected'}`.slice(0, 300), at };
        if (Object.keys(c).length) db.customers.updateIn(tx, customer.id, c);
      }
      return true;
    });
    if (!applied) {
      report.duplicates += 1;
      continue;
    }
    report.applied += 1;
  }
  return report;
}
