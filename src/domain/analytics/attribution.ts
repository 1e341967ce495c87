import { z } from 'zod';
import { DAY } from '../clock';
import { ChannelSchema, type Channel } from '../customer';
import type { Send, SendStatus } from '../messaging/send';
import type { AttributionSettings } from './attribution-settings';

/**
 * Which message (or code) earned an order. Pure: the service hands in the order, the customer's
 * touches before it and the codes it knows, and stores what comes back. Rules, ties and the
 * sends that never count: docs/analytics.md, "Attribution".
 */

/** What a conversion is credited to, so rollups can group by playbook, step, variant, campaign or agent. */
export const AttributionSourceSchema = z.object({
  playbookId: z.string().min(1).max(200).optional(),
  stepId: z.string().min(1).max(200).optional(),
  variant: z.string().min(1).max(40).optional(),
  campaignId: z.string().min(1).max(200).optional(),
  agent: z.string().min(1).max(40).optional(),
  redemptionId: z.string().min(1).max(200).optional(),
});
export type AttributionSource = z.infer<typeof AttributionSourceSchema>;

/** A send reduced to what attribution reads. */
export interface Touch {
  sendId: string;
  channel: Channel;
  source: AttributionSource;
  /** deliveredAt, or sentAt when the provider never confirmed delivery. */
  receivedAt: Date;
  clickedAt: Date | null;
  /** How the explanation names the message: the email's subject, the playbook's name… */
  label: string | null;
}

/** A code the tenant can trace to its origin: a loyalty coupon, or a code a campaign handed out. */
export type CodeOwner =
  | { kind: 'redemption'; code: string; redemptionId: string; issuedAt: Date; source: AttributionSource; label: string | null }
  | { kind: 'campaign'; code: string; campaignId: string; issuedAt: Date; source: AttributionSource; label: string | null };

export interface AttributableOrder {
  id: string;
  customerId: string;
  placedAt: Date;
  totalCents: number;
  couponCodes?: readonly string[];
}

export const AttributionRuleSchema = z.enum(['code', 'click', 'view']);
export type AttributionRule = z.infer<typeof AttributionRuleSchema>;

/**
 * tenants/{orgId}/attributions/{orderId}: one per order, in its own document (never a list on the
 * customer). Carries enough to explain itself without reading the send again.
 */
export const AttributionSchema = z.object({
  /** The order's id: one attribution per order. */
  id: z.string().min(1),
  orderId: z.string().min(1),
  customerId: z.string().min(1),
  sendId: z.string().nullable(),
  code: z.string().nullable(),
  codeKind: z.enum(['redemption', 'campaign']).nullable(),
  rule: AttributionRuleSchema,
  /** The click, the receipt, or the code's issue: the moment the rule looked at. */
  touchAt: z.date(),
  /** The window the rule applied; null for a code (codes attribute directly). */
  windowDays: z.number().int().positive().nullable(),
  channel: ChannelSchema.nullable(),
  label: z.string().nullable(),
  /** The order's total when attributed. */
  orderTotalCents: z.number().int().nonnegative(),
  /** What the rollups count: the total less refunds, never below 0. */
  revenueCents: z.number().int().nonnegative(),
  refundedCents: z.number().int().nonnegative(),
  /** Refunds already taken off, so a replayed refund takes nothing more. */
  refundIds: z.array(z.string().min(1)).max(200),
  attributedAt: z.date(),
  placedAt: z.date(),
  source: AttributionSourceSchema,
});
export type Attribution = z.infer<typeof AttributionSchema>;

/** Statuses whose message reached the customer. A bounce, a failure, a skip or a cancel never did. */
const REACHED: ReadonlySet<SendStatus> = new Set(['sent', 'delivered', 'opened', 'clicked']);

/**
 * The touch a send makes, or null when it cannot have moved the customer: it never reached them,
 * or it was BakedBot answering a STOP/HELP (a system message, not marketing). `extra` carries what
 * the send does not know: the A/B variant and agent from the run, a readable label.
 */
export function touchFromSend(
  send: Pick<Send, 'id' | 'channel' | 'status' | 'purpose' | 'source' | 'sentAt' | 'deliveredAt' | 'clickedAt' | 'message'>,
  extra: { variant?: string; agent?: string; label?: string | null } = {},
): Touch | null {
  if (!REACHED.has(send.status) || send.purpose !== 'message') return null;
  const receivedAt = send.deliveredAt ?? send.sentAt;
  if (!receivedAt) return null;
  const source: AttributionSource = {};
  if (send.source.type === 'playbook') {
    if (send.source.playbookId) source.playbookId = send.source.playbookId;
    source.stepId = send.source.stepId;
  } else if (send.source.type === 'campaign') source.campaignId = send.source.id;
  const variant = extra.variant ?? (send.source.type === 'playbook' ? send.source.variant : undefined);
  const agent = extra.agent ?? (send.source.type === 'playbook' ? send.source.agent : undefined);
  if (variant) source.variant = variant;
  if (agent) source.agent = agent;
  return {
    sendId: send.id,
    channel: send.channel,
    source,
    receivedAt,
    clickedAt: send.clickedAt,
    label: extra.label !== undefined ? extra.label : (send.message.subject ?? null),
  };
}

/** Codes are typed by people: case, spaces and dashes do not matter ("abcd-efgh 2345" is ABCDEFGH2345). */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

/** Later wins; on the same instant the smaller id, so the answer never depends on the order of the input. */
function later<T>(a: T | null, b: T, at: (x: T) => number, id: (x: T) => string): T {
  if (!a) return b;
  const d = at(b) - at(a);
  if (d !== 0) return d > 0 ? b : a;
  return id(b) < id(a) ? b : a;
}

export interface AttributeOrderInput {
  order: AttributableOrder;
  touches: readonly Touch[];
  codes: readonly CodeOwner[];
  settings: AttributionSettings;
  now: Date;
}

/** Code, then last click in the click window, then last receipt in its channel's view window; null when none. */
export function attributeOrder({ order, touches, codes, settings, now }: AttributeOrderInput): Attribution | null {
  const placed = order.placedAt.getTime();
  const base = {
    id: order.id,
    orderId: order.id,
    customerId: order.customerId,
    orderTotalCents: order.totalCents,
    revenueCents: order.totalCents,
    refundedCents: 0,
    refundIds: [],
    attributedAt: now,
    placedAt: order.placedAt,
  };

  const onOrder = new Set((order.couponCodes ?? []).map(normalizeCode));
  let code: CodeOwner | null = null;
  for (const c of codes) {
    // A code issued after the order cannot have brought it.
    if (onOrder.has(normalizeCode(c.code)) && c.issuedAt.getTime() <= placed)
      code = later(
        code,
        c,
        (x) => x.issuedAt.getTime(),
        (x) => normalizeCode(x.code),
      );
  }
  if (code)
    return {
      ...base,
      sendId: null,
      code: normalizeCode(code.code),
      codeKind: code.kind,
      rule: 'code',
      touchAt: code.issuedAt,
      windowDays: null,
      channel: null,
      label: code.label,
      source: code.kind === 'redemption' ? { ...code.source, redemptionId: code.redemptionId } : { ...code.source, campaignId: code.campaignId },
    };

  // Nothing after the order can have caused it. A click proves receipt, so it is judged on its own
  // time: a delivery receipt the provider stamped late does not hide a click before the order.
  const inWindow = (at: Date, days: number) => at.getTime() <= placed && placed - at.getTime() <= days * DAY;

  let click: Touch | null = null;
  for (const t of touches)
    if (t.clickedAt && inWindow(t.clickedAt, settings.clickWindowDays))
      click = later(
        click,
        t,
        (x) => x.clickedAt!.getTime(),
        (x) => x.sendId,
      );
  if (click) return fromTouch(base, click, 'click', click.clickedAt!, settings.clickWindowDays);

  let view: Touch | null = null;
  for (const t of touches)
    if (inWindow(t.receivedAt, settings.viewWindowDays[t.channel]))
      view = later(
        view,
        t,
        (x) => x.receivedAt.getTime(),
        (x) => x.sendId,
      );
  if (view) return fromTouch(base, view, 'view', view.receivedAt, settings.viewWindowDays[view.channel]);
  return null;
}

function fromTouch(
  base: Omit<Attribution, 'sendId' | 'code' | 'codeKind' | 'rule' | 'touchAt' | 'windowDays' | 'channel' | 'label' | 'source'>,
  t: Touch,
  rule: 'click' | 'view',
  touchAt: Date,
  windowDays: number,
): Attribution {
  return { ...base, sendId: t.sendId, code: null, codeKind: null, rule, touchAt, windowDays, channel: t.channel, label: t.label, source: { ...t.source } };
}
