import type { ConsentEvent } from '../messaging/records';
import type { Send } from '../messaging/send';
import type { LedgerLine } from '../loyalty/ledger';
import type { Order } from '../order';
import type { PlaybookRun } from '../playbooks/run';
import type { StaffTask } from '../task';
import type { StoredEvent } from '../events/stored-event';
import { formatCents } from '../money';
import type { SegmentHistoryEntry } from './segments';
import type { CustomerNote } from './notes';
import type { TagChange } from './tags';
import type { TimelineEntry, TimelineKind, TimelineSource } from './timeline';
import type { Attribution } from '../analytics/attribution';
import { explainAttribution } from '../analytics/explain-attribution';

/**
 * Turns each store's record into a timeline entry in plain words, as the viewer may read it:
 * `revenue` false (budtenders) leaves out every amount (order totals, refunds, spend-quoting reasons).
 */
export interface EntryViewer {
  revenue: boolean;
  uid: string;
  role: string | undefined;
  /** The dispensary's zone, for dates written into sentences. */
  timeZone: string;
}

/** Events from the journal that the timeline shows; the rest have their own source (orders, segments, points) or are not about the customer. */
export const TIMELINE_EVENT_NAMES = [
  'order.refunded',
  'checkout.started',
  'cart.item_added',
  'cart.item_removed',
  'cart.abandoned',
  'product.viewed',
  'menu.viewed',
  'product.searched',
  'wishlist.added',
  'review.posted',
] as const;

const CHANNEL = { email: 'Email', sms: 'Text message' } as const;
const plural = (n: number, one: string) => `${n} ${one}${Math.abs(n) === 1 ? '' : 's'}`;

function entry(source: TimelineSource, id: string, kind: TimelineKind, at: Date, summary: string, more: Partial<TimelineEntry> = {}): TimelineEntry {
  return { key: `${source}:${id}`, source, kind, at, summary, by: null, href: null, ...more };
}

export function orderEntry(o: Order, v: EntryViewer): TimelineEntry {
  const items = o.lineItems.reduce((n, li) => n + li.quantity, 0);
  const label = o.number ? `Order ${o.number}` : 'Order';
  const status = o.status === 'completed' ? 'placed' : o.status.replace('_', ' ');
  const amount = v.revenue ? `, ${formatCents(o.totalCents)}` : '';
  return entry('orders', o.id, 'order', o.placedAt, `${label} ${status}: ${plural(items, 'item')}${amount}`);
}

/** Why an order counts for a message or a code (docs/analytics.md, Attribution): revenue roles only, as it is about money earned. */
export function attributionEntry(a: Attribution, v: EntryViewer): TimelineEntry | null {
  if (!v.revenue) return null;
  return entry('attributions', a.id, 'attribution', a.placedAt, `Order credited to ${creditedTo(a)}. ${explainAttribution(a, v.timeZone)}`);
}

function creditedTo(a: Attribution): string {
  if (a.source.campaignId) return 'a campaign';
  if (a.source.playbookId) return 'a playbook';
  if (a.codeKind === 'redemption') return 'a loyalty reward';
  return 'a message';
}

function productName(data: unknown): string | null {
  const p = (data as { product?: { name?: unknown } }).product;
  return typeof p?.name === 'string' && p.name ? p.name : null;
}

export function eventEntry(e: StoredEvent, v: EntryViewer): TimelineEntry | null {
  const id = e.id;
  const product = productName(e.data);
  switch (e.name) {
    case 'order.refunded': {
      const { order, refund } = e.data;
      const what = order.number ? `order ${order.number}` : 'an order';
      return entry('events', id, 'refund', e.occurredAt, v.revenue ? `Refund of ${formatCents(refund.amountCents)} on ${what}` : `Refund on ${what}`);
    }
    case 'checkout.started':
      return entry('events', id, 'cart', e.occurredAt, `Started checkout with ${plural(e.data.checkout.itemCount, 'item')}`);
    case 'cart.abandoned':
      return entry('events', id, 'cart', e.occurredAt, `Left a cart of ${plural(e.data.checkout.itemCount, 'item')}`);
    case 'cart.item_added':
      return entry('events', id, 'cart', e.occurredAt, `Added ${e.data.quantity} × ${product ?? 'a product'} to the cart`);
    case 'cart.item_removed':
      return entry('events', id, 'cart', e.occurredAt, `Removed ${product ?? 'a product'} from the cart`);
    case 'product.viewed':
      return entry('events', id, 'browse', e.occurredAt, `Viewed ${product ?? 'a product'}`);
    case 'menu.viewed':
      return entry('events', id, 'browse', e.occurredAt, e.data.menu.name ? `Viewed the ${e.data.menu.name} menu` : 'Viewed the menu');
    case 'product.searched':
      return entry('events', id, 'browse', e.occurredAt, `Searched the menu for “${e.data.query.slice(0, 80)}”`);
    case 'wishlist.added':
      return entry('events', id, 'wishlist', e.occurredAt, `Added ${product ?? 'a product'} to the wishlist`);
    case 'review.posted':
      return entry('events', id, 'review', e.occurredAt, `Reviewed ${product ?? 'a product'}: ${e.data.rating} of 5 stars`);
    default:
      return null;
  }
}

const SEND_STATUS: Record<string, string> = {
  queued: 'queued',
  deferred: 'held for later',
  sending: 'sending',
  sent: 'sent',
  delivered: 'delivered',
  opened: 'delivered',
  clicked: 'delivered',
  bounced: 'bounced',
  failed: 'failed',
  skipped: 'not sent',
  cancelled: 'withdrawn',
};

export function sendEntry(s: Send, v: EntryViewer): TimelineEntry {
  // A subject can quote an order total; budtenders read it only when the text shows no money.
  const subject = s.channel === 'email' && s.message.subject && (v.revenue || s.revenueInText === false) ? ` “${s.message.subject.slice(0, 120)}”` : '';
  const engagement = [s.openedAt ? 'opened' : null, s.clickedAt ? 'clicked' : null].filter(Boolean).join(' and ');
  const status = SEND_STATUS[s.status] ?? s.status.replace(/_/g, ' ');
  return entry('sends', s.id, 'message', s.createdAt, `${CHANNEL[s.channel]}${subject} ${status}${engagement ? `, ${engagement}` : ''}`, {
    href: `/dashboard/outbox?id=${encodeURIComponent(s.id)}`,
  });
}

const LEDGER_WORDS: Record<string, string> = {
  earn: 'for an order',
  refund_reversal: 'taken back after a refund',
  redeem: 'spent on a reward',
  redeem_cancel: 'given back (reward cancelled)',
  expire: 'expired',
  adjust: 'adjusted by staff',
  referral: 'for a referral',
  birthday: 'birthday bonus',
  anniversary: 'anniversary bonus',
  bonus: 'bonus',
  opening_balance: 'brought over from the previous programme',
};

export function pointsEntry(l: LedgerLine): TimelineEntry {
  const sign = l.points >= 0 ? `+${l.points}` : `${l.points}`;
  const why = LEDGER_WORDS[l.type] ?? l.type.replace(/_/g, ' ');
  return entry('points', l.id, 'points', l.at, `${sign} points, ${why}; balance ${l.balanceAfter}`, { by: l.actor.kind === 'staff' ? l.actor.name : null });
}

export function runEntry(r: PlaybookRun): TimelineEntry {
  const status = { running: 'running', waiting: 'waiting', completed: 'finished', exited: 'exited early', failed: 'failed' }[r.status];
  return entry('runs', r.id, 'playbook_run', r.startedAt, `Entered playbook “${r.playbookName}” (${status})`, {
    href: `/dashboard/playbooks/${encodeURIComponent(r.playbookId)}?tab=runs`,
  });
}

export function taskEntry(t: StaffTask): TimelineEntry {
  const status = t.status === 'open' ? 'open' : t.status === 'done' ? 'done' : t.status;
  return entry('tasks', t.id, 'task', t.createdAt, `Task for ${t.assignRole}s: “${t.title}” (${status})`, { href: '/dashboard/tasks' });
}

const CONSENT_SOURCE: Record<string, string> = {
  in_store: 'at the counter',
  staff: 'by staff',
  sms_reply: 'by text reply',
  unsubscribe_link: 'by the unsubscribe link',
  mailjet_unsub: 'by the email unsubscribe',
  spam_complaint: 'by a spam complaint',
};

export function consentEntry(c: ConsentEvent & { actorName?: string | null }): TimelineEntry {
  const what = c.status === 'opted_in' ? 'opted in to' : c.status === 'opted_out' ? 'opted out of' : 'has no recorded choice for';
  const how = CONSENT_SOURCE[c.source] ?? `(${c.source.replace(/_/g, ' ')})`;
  const channel = c.channel === 'sms' ? 'text messages' : 'email';
  return entry('consent', c.id, 'consent', c.at, `Customer ${what} marketing ${channel} ${how}`, {
    by: c.actorName ?? null,
  });
}

export function segmentEntry(s: SegmentHistoryEntry, v: EntryViewer): TimelineEntry {
  const from = s.previousSegment ? ` from ${s.previousSegment}` : '';
  // The reason quotes spend: only viewers who see revenue receive it (as on the profile).
  return entry('segments', s.id, 'segment', s.at, `Moved to ${s.segment}${from}${v.revenue ? `. ${s.reason}` : ''}`);
}

export function noteEntry(n: CustomerNote, canDelete: boolean): TimelineEntry {
  return entry('notes', n.id, 'note', n.at, n.text, { by: n.authorName, noteId: n.id, canDelete });
}

export function tagEntry(t: TagChange): TimelineEntry {
  return entry('tags', t.id, 'tag', t.at, t.change === 'added' ? `Tagged “${t.tag}”` : `Tag “${t.tag}” removed`, { by: t.actorName });
}
