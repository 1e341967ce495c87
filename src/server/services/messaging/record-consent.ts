import { randomUUID } from 'node:crypto';
import type { Channel, ConsentStatus } from '@/domain/customer';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { activeSavedSegments } from '../crm/saved-segments-cache';
import { dispatchEditEvents, savedSegmentsOnEditInTx } from '../crm/saved-segments-on-edit';

export interface ConsentChange {
  customerId: string;
  channel: Channel;
  status: Exclude<ConsentStatus, 'unknown'>;
  /** sms_reply, unsubscribe_link, mailjet_unsub, spam_complaint, staff... */
  source: string;
  note?: string | null;
  sendId?: string | null;
  /** Counter consent: the text shown to the customer, and the recorder's name. */
  disclosure?: string | null;
  actorName?: string | null;
}

/**
 * Sets a customer's consent for one channel and keeps the change in consent_events. Recording
 * the status a customer already has changes nothing (so a redelivered STOP or unsubscribe event
 * is harmless) and reports changed: false.
 */
export async function recordConsent(ctx: ServiceContext, change: ConsentChange): Promise<{ changed: boolean; previous: ConsentStatus }> {
  const db = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const saved = await activeSavedSegments(ctx.orgId);
  const { events, ...answer } = await firestore().runTransaction(async (tx) => {
    const customer = (await tx.get(db.customers.doc(change.customerId))).data();
    if (!customer) throw errors.notFound('Customer', change.customerId);
    const previous = customer.consent[change.channel].status;
    if (previous === change.status) return { changed: false, previous, events: [] };
    const eventId = `ce_${randomUUID()}`;
    const consent = { status: change.status, source: change.source, at: now };
    // Saved segments on consent move with it (docs/crm.md, Saved segments).
    const segments = savedSegmentsOnEditInTx(tx, ctx.orgId, { ...customer, consent: { ...customer.consent, [change.channel]: consent } }, saved, now, eventId);
    db.customers.updateIn(tx, customer.id, { [`consent.${change.channel}`]: consent, updatedAt: now, ...segments.patch });
    tx.create(db.consentEvents.doc(eventId), {
      id: eventId,
      customerId: customer.id,
      channel: change.channel,
      status: change.status,
      previousStatus: previous,
      source: change.source,
      actor: ctx.actor.uid,
      note: change.note ?? null,
      sendId: change.sendId ?? null,
      actorName: change.actorName ?? null,
      disclosure: change.disclosure ?? null,
      at: now,
    });
    return { changed: true, previous, events: segments.events };
  });
  await dispatchEditEvents(ctx, events);
  return answer;
}
