import { FieldPath, type Query } from 'firebase-admin/firestore';
import { z } from 'zod';
import { errors } from '@/domain/errors';
import type { TimelineItem } from '@/domain/messaging/timeline';
import { ChannelSchema } from '@/domain/customer';
import { SendStatusSchema, type Send } from '@/domain/messaging/send';
import { sendViewFor, type SendView } from '@/domain/views/send-view';
import { viewerOf } from '@/domain/views/viewer';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';

export const ListSendsQuerySchema = z.object({
  status: SendStatusSchema.optional(),
  channel: ChannelSchema.optional(),
  customerId: z.string().max(128).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type ListSendsQuery = z.input<typeof ListSendsQuerySchema>;

type ReadContext = Pick<ServiceContext, 'orgId' | 'actor'>;

/** The outbox: every message the dispensary sent, deferred or did not send, newest first, as the caller's role may see it. */
export async function listSends(ctx: ReadContext, query: ListSendsQuery): Promise<{ sends: SendView[]; nextCursor: string | null }> {
  const q = ListSendsQuerySchema.parse(query);
  let ref = tenantDb(ctx.orgId).sends.ref as Query<Send>;
  if (q.customerId) ref = ref.where('customerId', '==', q.customerId);
  else {
    if (q.channel) ref = ref.where('channel', '==', q.channel);
    if (q.status) ref = ref.where('status', '==', q.status);
  }
  ref = ref
    .orderBy('createdAt', 'desc')
    .orderBy(FieldPath.documentId(), 'desc')
    .limit(q.limit + 1);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    ref = ref.startAfter(c.at, c.id);
  }
  const rows = (await ref.get()).docs.map((d) => d.data());
  const sends = rows.slice(0, q.limit);
  const last = sends.at(-1);
  return {
    sends: sends.map((s) => sendViewFor(viewerOf(ctx.actor), s)),
    nextCursor: rows.length > q.limit && last ? Buffer.from(JSON.stringify({ at: last.createdAt.toISOString(), id: last.id })).toString('base64url') : null,
  };
}

function decodeCursor(cursor: string): { at: Date; id: string } {
  try {
    const raw = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { at: string; id: string };
    const at = new Date(raw.at);
    if (Number.isNaN(at.getTime()) || typeof raw.id !== 'string') throw new Error('bad');
    return { at, id: raw.id };
  } catch {
    throw errors.badRequest('The page cursor is not valid; start from the first page.');
  }
}

export async function getSendOrThrow(ctx: ReadContext, sendId: string): Promise<SendView> {
  return sendViewFor(viewerOf(ctx.actor), await tenantDb(ctx.orgId).sends.getOrThrow(sendId));
}

export type { TimelineItem } from '@/domain/messaging/timeline';

/** A customer's messages both ways and consent changes, newest first. */
export async function customerTimeline(ctx: ReadContext, customerId: string, limit = 50): Promise<TimelineItem[]> {
  const db = tenantDb(ctx.orgId);
  const [sends, inbound, consent] = await Promise.all([
    db.sends.ref.where('customerId', '==', customerId).orderBy('createdAt', 'desc').limit(limit).get(),
    db.inboundMessages.ref.where('customerId', '==', customerId).orderBy('receivedAt', 'desc').limit(limit).get(),
    db.consentEvents.ref.where('customerId', '==', customerId).orderBy('at', 'desc').limit(limit).get(),
  ]);
  const items: TimelineItem[] = [
    ...sends.docs.map((d) => ({ kind: 'send' as const, at: d.data().createdAt, send: sendViewFor(viewerOf(ctx.actor), d.data()) })),
    ...inbound.docs.map((d) => ({ kind: 'inbound' as const, at: d.data().receivedAt, inbound: d.data() })),
    ...consent.docs.map((d) => ({ kind: 'consent' as const, at: d.data().at, consent: d.data() })),
  ];
  return items.sort((a, b) => b.at.getTime() - a.at.getTime()).slice(0, limit);
}
