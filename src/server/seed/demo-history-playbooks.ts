import { runCredit } from '@/domain/analytics/credit';
import type { SplitMember } from '@/domain/analytics/split-member';
import { DAY, HOUR, MINUTE } from '@/domain/clock';
import type { Channel, Customer } from '@/domain/customer';
import type { Send } from '@/domain/messaging/send';
import type { Order } from '@/domain/order';
import type { Playbook } from '@/domain/playbooks/playbook';
import type { PlaybookRun, StepResult } from '@/domain/playbooks/run';
import { walkSteps, type Step } from '@/domain/playbooks/steps';
import { buildRun, buildSend, reachable, stepResult } from './demo-history-records';
import type { DemoHistoryInput } from './demo-history';
import type { Rng } from './demo-random';

export interface HistoryScope extends DemoHistoryInput {
  start: Date;
  /** Each customer's orders, oldest first. */
  ordersOf: ReadonlyMap<string, readonly Order[]>;
  customerById: ReadonlyMap<string, Customer>;
}

interface Made {
  runs: PlaybookRun[];
  sends: Send[];
  members: SplitMember[];
}

interface PlaybookHistory {
  name: string;
  matches(p: Playbook): boolean;
  generate(rng: Rng, scope: HistoryScope, playbook: Playbook): Made;
}

const PAID = new Set<Order['status']>(['completed', 'partially_refunded', 'refunded']);
const paidOrders = (scope: HistoryScope, customerId: string) => (scope.ordersOf.get(customerId) ?? []).filter((o) => PAID.has(o.status));
/** Whether the customer placed a paid order in (at, at + ms]. */
const buysWithin = (scope: HistoryScope, customerId: string, at: Date, ms: number) =>
  paidOrders(scope, customerId).some((o) => o.placedAt > at && o.placedAt.getTime() <= at.getTime() + ms);
const steps = (p: Playbook) => [...walkSteps(p.steps)].map((w) => w.step);
const stepOf = (p: Playbook, pred: (s: Step) => boolean) => steps(p).find(pred) ?? null;
const isMessage = (s: Step) => s.action === 'send_email' || s.action === 'send_sms';
const channelOf = (s: Step): Channel => (s.action === 'send_sms' ? 'sms' : 'email');
const at = (t: number) => new Date(t);

/** What the demo's messages say, by template; the real render would come from the tenant's templates. */
const COPY: Record<string, [subject: string | null, text: string]> = {
  thank_you: ['Thanks for your order', 'Thank you for shopping with us. Your order earned loyalty points.'],
  abandoned_cart_1h: ['You left something behind', 'Your cart is still waiting for you.'],
  abandoned_cart_24h: ['Still thinking it over?', 'Your cart is saved. Pick up today.'],
  abandoned_cart_72h: [null, 'Last call: your cart expires soon.'],
  win_back: ['We miss you', 'It has been a while. Come see what is new on the menu.'],
  win_back_sms: [null, 'We miss you! New arrivals are in.'],
  welcome: ['Welcome!', 'Welcome to the family. Here is what to expect on your first visit.'],
  welcome_sms: [null, 'Welcome! Show this text on your first visit.'],
  birthday: ['Happy birthday!', 'Happy birthday from all of us. A treat is waiting for you.'],
  birthday_sms: [null, 'Happy birthday! Stop by this week for a treat.'],
};

interface RunFrame {
  id: string;
  playbook: Playbook;
  event: Record<string, unknown>;
  vars: Record<string, unknown>;
}

/** A message step of a run at `when`: a send that went out, or the step skipped when the customer cannot get that channel. */
function message(rng: Rng, scope: HistoryScope, run: RunFrame, step: Step, customer: Customer, when: Date, made: Made): StepResult {
  const channel = channelOf(step);
  if (!reachable(customer, channel))
    return stepResult(step.id, step.action, when, 'skipped', channel === 'email' ? 'No email to send to' : 'No SMS opt-in', {
      skipReason: channel === 'email' ? 'no_address' : 'not_opted_in',
    });
  const template = String(step.template ?? '');
  const [subject, text] = COPY[template] ?? [step.label ?? 'A message', 'A message from your dispensary.'];
  const id = rng.id();
  made.sends.push(
    buildSend(rng, {
      id,
      customer,
      channel,
      kind: template === 'thank_you' ? 'transactional' : 'marketing',
      templateId: template,
      subject: channel === 'email' ? subject : null,
      text,
      source: {
        type: 'playbook',
        runId: run.id,
        stepId: step.id,
        playbookId: run.playbook.id,
        ...runCredit({ context: { event: run.event, vars: run.vars } }),
      },
      createdAt: when,
      eager: buysWithin(scope, customer.id, when, 3 * DAY),
      timeZone: scope.timeZone,
      now: scope.now,
    }),
  );
  return stepResult(step.id, step.action, when, 'done', `${channel === 'email' ? 'Email' : 'Text'} sent (send ${id})`, { refs: { sendId: id } });
}

const meta = (p: Playbook) => ({ id: p.id, name: p.name, version: p.version, exitEvents: p.exit.onEvents.map((e) => e.eventName) });
const empty = (): Made => ({ runs: [], sends: [], members: [] });
const inWindow = (scope: HistoryScope, t: Date) => t >= scope.start && t <= scope.now;

/**
 * A thank-you email a minute after every order, over the last 30 days only: it is by far the busiest
 * playbook (one run per order), and 90 days of it would add about 10,000 documents to every first
 * start for a transactional message that rarely earns a sale. The demo says it was switched on then.
 */
export const THANK_YOU_HISTORY_DAYS = 30;

/** Thank-you email a minute after every order. */
const thankYou: PlaybookHistory = {
  name: 'order_thank_you',
  matches: (p) => p.installedFrom === 'order_thank_you',
  generate(rng, scope, p) {
    const made = empty();
    const step = stepOf(p, isMessage);
    if (!step) return made;
    const since = scope.now.getTime() - THANK_YOU_HISTORY_DAYS * DAY;
    for (const o of scope.orders) {
      if (!o.customerId || o.totalCents <= 0 || !inWindow(scope, o.placedAt) || o.placedAt.getTime() < since) continue;
      const customer = scope.customerById.get(o.customerId)!;
      const when = at(o.placedAt.getTime() + MINUTE);
      if (when > scope.now) continue;
      const event = { name: 'order.created', id: `seed-order-${o.id}`, keys: { orderId: o.id, customerId: o.customerId } };
      const run: RunFrame = { id: rng.id(), playbook: p, event, vars: {} };
      const result = message(rng, scope, run, step, customer, when, made);
      made.runs.push(
        buildRun({
          ...run,
          playbook: meta(p),
          trigger: { type: 'event', eventName: 'order.created', eventId: event.id },
          keyKind: 'orderId',
          runKey: o.id,
          customerId: o.customerId,
          steps: [result],
          startedAt: when,
          finishedAt: when,
        }),
      );
    }
    return made;
  },
};

/** Checkouts started online: most finish within the hour; the rest get reminders until they order or the last one goes. */
const abandonedCheckout: PlaybookHistory = {
  name: 'abandoned_checkout',
  matches: (p) => p.installedFrom === 'abandoned_checkout',
  generate(rng, scope, p) {
    const made = empty();
    const wait = stepOf(p, (s) => s.action === 'wait_for_event');
    const reminders = steps(p).filter(isMessage);
    if (!wait || reminders.length < 3) return made;
    const offsets = [HOUR, 24 * HOUR, 72 * HOUR];
    const online = scope.customers.filter((c) => c.externalIds.some((x) => x.startsWith('shopify:')));
    const one = (customer: Customer, startedAt: Date, order: Order | null) => {
      const token = `chk_${rng.id(16)}`;
      const event = { name: 'checkout.started', id: `seed-checkout-${token}`, keys: { checkoutToken: token, customerId: customer.id } };
      const run: RunFrame = { id: rng.id(), playbook: p, event, vars: {} };
      const results: StepResult[] = [];
      const until = order ? order.placedAt.getTime() : Infinity;
      offsets.forEach((offset, i) => {
        const when = at(startedAt.getTime() + offset);
        if (when.getTime() >= until || when > scope.now) return;
        if (i === 0) results.push(stepResult(wait.id, wait.action, when, 'done', 'No order.created within 1 hour', { branch: 'onTimeout' }));
        results.push(message(rng, scope, run, reminders[i]!, customer, when, made));
      });
      const finishedAt = order ? order.placedAt : at(startedAt.getTime() + offsets[2]!);
      made.runs.push(
        buildRun({
          ...run,
          playbook: meta(p),
          trigger: { type: 'event', eventName: 'checkout.started', eventId: event.id },
          keyKind: 'checkoutToken',
          runKey: token,
          customerId: customer.id,
          steps: results,
          startedAt,
          finishedAt,
          exitedBy: order ? { eventName: 'order.created', eventId: `seed-order-${order.id}` } : null,
        }),
      );
    };
    let finished = 0;
    for (const c of online)
      for (const o of paidOrders(scope, c.id)) {
        if (!inWindow(scope, o.placedAt) || !rng.chance(0.35)) continue;
        const gap = rng.weighted([
          [rng.int(5, 55) * MINUTE, 55],
          [rng.int(61, 23 * 60) * MINUTE, 30],
          [rng.int(24 * 60 + 1, 71 * 60) * MINUTE, 15],
        ] as const);
        const startedAt = at(o.placedAt.getTime() - gap);
        if (startedAt < scope.start) continue;
        one(c, startedAt, o);
        finished++;
      }
    // Carts left for good: about as many as the ones that were finished late.
    for (let i = 0; i < Math.round(finished * 0.5) && online.length; i++) {
      const c = rng.pick(online);
      const startedAt = at(scope.start.getTime() + rng.next() * (scope.now.getTime() - scope.start.getTime() - 73 * HOUR));
      if (buysWithin(scope, c.id, startedAt, 4 * DAY)) continue;
      one(c, startedAt, null);
    }
    return made;
  },
};

/** A reorder task twice a week or so. */
const lowStock: PlaybookHistory = {
  name: 'low_stock_alert',
  matches: (p) => p.installedFrom === 'low_stock_alert',
  generate(rng, scope, p) {
    const made = empty();
    const task = stepOf(p, (s) => s.action === 'create_task');
    const products = scope.products.filter((x) => x.active);
    if (!task || !products.length) return made;
    const days = Math.round((scope.now.getTime() - scope.start.getTime()) / DAY);
    for (let i = 0; i < Math.round((days / 7) * 2); i++) {
      const product = rng.pick(products);
      const when = at(scope.start.getTime() + rng.next() * (scope.now.getTime() - scope.start.getTime()));
      const event = { name: 'inventory.low_stock', id: `seed-stock-${rng.id(12)}`, keys: { productId: product.id } };
      made.runs.push(
        buildRun({
          id: rng.id(),
          playbook: meta(p),
          event,
          trigger: { type: 'event', eventName: event.name, eventId: event.id },
          keyKind: 'productId',
          runKey: product.id,
          customerId: null,
          steps: [stepResult(task.id, task.action, when, 'done', `Task for admins: Reorder ${product.name}`)],
          startedAt: when,
          finishedAt: when,
        }),
      );
    }
    return made;
  },
};

export const FIRST_HISTORIES: readonly PlaybookHistory[] = [thankYou, abandonedCheckout, lowStock];

export { buysWithin, message, meta, empty, inWindow, stepOf, steps, isMessage, paidOrders, type Made, type PlaybookHistory, type RunFrame };
