import type { RenderedMessage, Send } from '../messaging/send';
import { pickFields, seesRevenue, type Viewer } from './viewer';

const COUNTER_SEND_FIELDS = [
  'id',
  'customerId',
  'channel',
  'kind',
  'purpose',
  'templateId',
  'source',
  'status',
  'decision',
  'to',
  'provider',
  'sandbox',
  'attempts',
  'lastError',
  'dueAt',
  'sentAt',
  'deliveredAt',
  'openedAt',
  'clickedAt',
  'failedAt',
  'cancelledAt',
  'cancelReason',
  'events',
  'createdAt',
  'updatedAt',
] as const satisfies ReadonlyArray<keyof Send>;

/** A send as one viewer may see it; `message` is null when its text is withheld. */
export type SendView = Pick<Send, (typeof COUNTER_SEND_FIELDS)[number]> & Partial<Omit<Send, 'message'>> & { message: RenderedMessage | null };

/**
 * A budtender sees every send's status and the gate's reasons, and its text unless the text
 * shows an order or cart amount (or predates that check).
 */
export function sendViewFor(viewer: Viewer, send: Send): SendView {
  if (seesRevenue(viewer)) return send;
  const textShown = send.revenueInText === false;
  return { ...pickFields(send, COUNTER_SEND_FIELDS), message: textShown ? send.message : null, ...(textShown ? { links: send.links } : {}) };
}
