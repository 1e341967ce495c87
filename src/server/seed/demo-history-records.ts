import { MINUTE } from '@/domain/clock';
import type { Channel, Customer } from '@/domain/customer';
import type { Send, SendSource, SendStatus } from '@/domain/messaging/send';
import type { PlaybookRun, StepResult } from '@/domain/playbooks/run';
import type { Rng } from './demo-random';

const SECOND = 1_000;

/**
 * Builders for the records the demo's message history is made of: sends as the dispatcher leaves
 * them once the provider has reported back, and finished playbook runs as the executor leaves them.
 */

/** Likelihoods of each step of engagement; `eager` is for a customer about to buy anyway. */
export interface Engagement {
  delivered: number;
  opened: number;
  clicked: number;
}
const ENGAGEMENT: Record<Channel, { usual: Engagement; eager: Engagement }> = {
  email: { usual: { delivered: 0.97, opened: 0.32, clicked: 0.1 }, eager: { delivered: 0.98, opened: 0.6, clicked: 0.45 } },
  // Texts have no open receipts; a click on the tracked link is the only engagement.
  sms: { usual: { delivered: 0.95, opened: 0, clicked: 0.06 }, eager: { delivered: 0.97, opened: 0, clicked: 0.35 } },
};

export const canEmail = (c: Customer) => !!c.email && c.consent.email.status !== 'opted_out';
export const canText = (c: Customer) => !!c.phone && c.consent.sms.status === 'opted_in';
export const reachable = (c: Customer, channel: Channel) => (channel === 'email' ? canEmail(c) : canText(c));

export interface SendSpec {
  id: string;
  customer: Customer;
  channel: Channel;
  kind: Send['kind'];
  templateId: string;
  subject: string | null;
  text: string;
  source: SendSource;
  createdAt: Date;
  /** The customer buys soon after: more likely to have opened and clicked. */
  eager: boolean;
  timeZone: string;
  now: Date;
}

/** A send the provider has finished with: sent, then perhaps delivered, opened and clicked, never after `now`. */
export function buildSend(rng: Rng, s: SendSpec): Send {
  const odds = ENGAGEMENT[s.channel][s.eager ? 'eager' : 'usual'];
  const rolls = { delivered: rng.next(), bounced: rng.next(), opened: rng.next(), clicked: rng.next() };
  const gaps = { sent: rng.int(2, 40) * SECOND, delivered: rng.int(1, 30) * SECOND, opened: rng.int(1, 600) * MINUTE, clicked: rng.int(1, 20) * MINUTE };
  const by = (t: Date | null, gap: number) => (t && t.getTime() + gap <= s.now.getTime() ? new Date(t.getTime() + gap) : null);

  const sentAt = by(s.createdAt, gaps.sent);
  const bounced = !!sentAt && rolls.delivered >= odds.delivered && s.channel === 'email' && rolls.bounced < 0.5;
  const deliveredAt = rolls.delivered < odds.delivered ? by(sentAt, gaps.delivered) : null;
  // Delivery receipts for texts are common but not universal; an open implies delivery for email.
  const openedAt = s.channel === 'email' && rolls.opened < odds.opened ? by(deliveredAt, gaps.opened) : null;
  const clickedAt = rolls.clicked < odds.clicked ? by(s.channel === 'email' ? openedAt : deliveredAt, gaps.clicked) : null;
  let status: SendStatus = 'sent';
  if (bounced) status = 'bounced';
  else if (clickedAt) status = 'clicked';
  else if (openedAt) status = 'opened';
  else if (deliveredAt) status = 'delivered';
  const events = [
    ['sent', sentAt],
    ['bounced', bounced ? sentAt : null],
    ['delivered', deliveredAt],
    ['opened', openedAt],
    ['clicked', clickedAt],
  ]
    .filter((e): e is [string, Date] => e[1] instanceof Date)
    .map(([type, at]) => ({ type, at, detail: null }));
  const link = `https://shop.example/${s.templateId.replace(/_/g, '-')}`;
  return {
    id: s.id,
    customerId: s.customer.id,
    channel: s.channel,
    kind: s.kind,
    purpose: 'message',
    templateId: s.templateId,
    source: s.source,
    idempotencyKey: `seed:${s.id}`,
    status,
    decision: {
      outcome: 'send',
      reason: 'ok',
      detail: 'Every check passed.',
      sendAt: null,
      timeZone: s.customer.timeZone ?? s.timeZone,
      zoneFrom: s.customer.timeZone ? 'customer' : 'tenant',
      checks: [],
      decidedAt: s.createdAt,
    },
    to: s.channel === 'email' ? s.customer.email! : s.customer.phone!,
    message: {
      subject: s.subject,
      html: s.channel === 'email' ? `<p>${s.text}</p><p><a href="${link}">Shop now</a></p>` : null,
      text: s.channel === 'email' ? `${s.text}\n\nShop now: ${link}` : `${s.text} ${link} Reply STOP to opt out`,
      segments: s.channel === 'sms' ? { count: 1, encoding: 'GSM-7', characters: s.text.length + link.length + 22 } : null,
      headers: {},
    },
    revenueInText: false,
    links: [link],
    trackToken: s.id.slice(0, 16).padEnd(8, 'x'),
    provider: sentAt ? 'outbox' : null,
    providerMessageId: sentAt ? `seed-${s.id}` : null,
    sandbox: false,
    attempts: sentAt ? 1 : 0,
    lastError: null,
    dueAt: null,
    leaseUntil: null,
    sentAt,
    deliveredAt,
    openedAt,
    clickedAt,
    failedAt: null,
    cancelledAt: null,
    cancelReason: null,
    events,
    createdAt: s.createdAt,
    updatedAt: events.at(-1)?.at ?? s.createdAt,
  };
}

export interface RunSpec {
  id: string;
  playbook: { id: string; name: string; version: number; exitEvents: string[] };
  trigger: PlaybookRun['trigger'];
  keyKind: PlaybookRun['keyKind'];
  runKey: string;
  customerId: string | null;
  vars?: Record<string, unknown>;
  event: Record<string, unknown>;
  steps: StepResult[];
  startedAt: Date;
  finishedAt: Date;
  exitedBy?: PlaybookRun['exitedBy'];
}

/** A run the executor has finished: completed, or exited by one of its exit events. */
export function buildRun(r: RunSpec): PlaybookRun {
  return {
    id: r.id,
    playbookId: r.playbook.id,
    playbookName: r.playbook.name,
    version: r.playbook.version,
    trigger: r.trigger,
    keyKind: r.keyKind,
    runKey: r.runKey,
    customerId: r.customerId,
    status: r.exitedBy ? 'exited' : 'completed',
    cursor: null,
    resumeAt: null,
    waitingFor: null,
    exitEvents: r.playbook.exitEvents,
    context: { event: r.event, customer: null, vars: r.vars ?? {} },
    stepResults: r.steps,
    lease: null,
    attempts: r.steps.length || 1,
    failures: 0,
    error: null,
    exitedBy: r.exitedBy ?? null,
    pendingExit: null,
    dryRun: false,
    startedAt: r.startedAt,
    updatedAt: r.finishedAt,
    finishedAt: r.finishedAt,
  };
}

/** One line of a run's log. */
export function stepResult(
  stepId: string,
  action: string,
  at: Date,
  status: StepResult['status'],
  detail: string,
  more: Partial<Pick<StepResult, 'skipReason' | 'branch' | 'refs'>> = {},
): StepResult {
  return {
    stepId,
    action,
    status,
    startedAt: at,
    finishedAt: at,
    ms: 0,
    detail,
    skipReason: more.skipReason ?? null,
    branch: more.branch ?? null,
    refs: more.refs ?? {},
  };
}
