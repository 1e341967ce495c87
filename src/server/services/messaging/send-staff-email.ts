import { UNSENT, type Send } from '@/domain/messaging/send';
import type { StaffMember } from '@/domain/staff';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { dispatchSend } from './dispatch-send';
import { getMessagingSettings } from './messaging-settings';
import { newTrackToken, sendIdFor } from './message-tokens';

export interface StaffEmail {
  subject: string;
  html: string;
  text: string;
  /** The same key always yields the same send: a retried step never emails twice. */
  idempotencyKey: string;
}

/**
 * Emails a report to a staff member through the customer messages' own record and dispatch, so it
 * is in the outbox with its delivery and retries. A staff member is not a customer: consent, age,
 * caps and quiet hours do not apply (the decision says so), and the send carries the purpose
 * `staff_report`, so rollups and engagement figures leave it out. Its customerId names the staff
 * member (`staff:<uid>`), which no customer id can be.
 */
export async function sendStaffEmail(
  ctx: Pick<ServiceContext, 'orgId' | 'clock' | 'log'>,
  to: Pick<StaffMember, 'id' | 'email'>,
  email: StaffEmail,
): Promise<Send> {
  const db = tenantDb(ctx.orgId);
  const sendId = sendIdFor(email.idempotencyKey);
  const settings = await getMessagingSettings(ctx);
  const now = ctx.clock.now();
  const detail = 'A report to a staff member: customer consent, age, caps and quiet hours do not apply.';
  const record: Send = {
    id: sendId,
    customerId: `staff:${to.id}`.slice(0, 128),
    channel: 'email',
    kind: 'transactional',
    purpose: 'staff_report',
    templateId: null,
    source: { type: 'system', purpose: 'staff_report' },
    idempotencyKey: email.idempotencyKey,
    status: 'queued',
    decision: { outcome: 'send', reason: 'ok', detail, sendAt: null, timeZone: null, zoneFrom: null, checks: [], decidedAt: now },
    to: to.email,
    message: { subject: email.subject, html: email.html, text: email.text, segments: null, headers: {} },
    revenueInText: true,
    links: [],
    trackToken: newTrackToken(),
    ...UNSENT,
    sandbox: settings.sandboxMode,
    dueAt: now,
    events: [{ type: 'queued', at: now, detail }],
    createdAt: now,
    updatedAt: now,
  };
  const created = await firestore().runTransaction(async (tx) => {
    const existing = await tx.get(db.sends.doc(sendId));
    if (existing.exists) return { send: existing.data()!, created: false };
    tx.create(db.sends.doc(sendId), record);
    return { send: record, created: true };
  });
  ctx.log?.info({ sendId, created: created.created }, 'staff report recorded');
  if (!created.created || created.send.status !== 'queued') return created.send;
  return (await dispatchSend(ctx, sendId, record)) ?? (await db.sends.getOrThrow(sendId));
}
