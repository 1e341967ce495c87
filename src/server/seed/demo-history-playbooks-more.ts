import { enterSplit, withMemberOrder } from '@/domain/analytics/split-member';
import { DAY, HOUR, MINUTE } from '@/domain/clock';
import type { Customer } from '@/domain/customer';
import { assignSplit } from '@/domain/playbooks/ab-split';
import type { StepResult } from '@/domain/playbooks/run';
import type { Step } from '@/domain/playbooks/steps';
import { buildRun, stepResult } from './demo-history-records';
import { empty, inWindow, isMessage, message, meta, paidOrders, stepOf, type Made, type PlaybookHistory, type RunFrame } from './demo-history-playbooks';

const at = (t: number) => new Date(t);

function customerRun(
  made: Made,
  r: { frame: RunFrame; customer: Customer; eventName: string; segment?: boolean; results: StepResult[]; startedAt: Date; finishedAt: Date },
) {
  made.runs.push(
    buildRun({
      ...r.frame,
      playbook: meta(r.frame.playbook),
      trigger: { type: r.segment ? 'segment_entered' : 'event', eventName: r.eventName, eventId: String(r.frame.event.id) },
      keyKind: 'customerId',
      runKey: r.customer.id,
      customerId: r.customer.id,
      steps: r.results,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    }),
  );
}

/** A welcome email at signup; two days later a text to those who have not bought. Only runs that have finished by now. */
const welcome: PlaybookHistory = {
  name: 'welcome',
  matches: (p) => p.installedFrom === 'welcome',
  generate(rng, scope, p) {
    const made = empty();
    const [email, wait, condition] = p.steps;
    const nudge = stepOf(p, (s) => s.action === 'send_sms');
    if (!email || !wait || !condition || !nudge) return made;
    for (const c of scope.customers) {
      const nudgeAt = at(c.createdAt.getTime() + 2 * DAY);
      if (!inWindow(scope, c.createdAt) || nudgeAt > scope.now) continue;
      const event = { name: 'customer.created', id: `seed-customer-${c.id}`, keys: { customerId: c.id } };
      const frame: RunFrame = { id: rng.id(), playbook: p, event, vars: {} };
      const results = [message(rng, scope, frame, email, c, c.createdAt, made), stepResult(wait.id, wait.action, nudgeAt, 'done', 'Waited 2 days')];
      const bought = paidOrders(scope, c.id).some((o) => o.placedAt <= nudgeAt);
      results.push(
        stepResult(condition.id, condition.action, nudgeAt, 'done', bought ? 'Condition false' : 'Condition true', { branch: bought ? 'else' : 'then' }),
      );
      if (!bought) results.push(message(rng, scope, frame, nudge, c, nudgeAt, made));
      customerRun(made, { frame, customer: c, eventName: event.name, results, startedAt: c.createdAt, finishedAt: nudgeAt });
    }
    return made;
  },
};

/** Birthday email and text at 10:00 (the dispensary's zone, near enough for a demo) on each birthday in the window. */
const birthday: PlaybookHistory = {
  name: 'birthday',
  matches: (p) => p.installedFrom === 'birthday',
  generate(rng, scope, p) {
    const made = empty();
    const wait = stepOf(p, (s) => s.action === 'wait');
    const sends = p.steps.filter(isMessage);
    if (!wait || !sends.length) return made;
    for (const c of scope.customers) {
      if (!c.dateOfBirth) continue;
      const [, m, d] = c.dateOfBirth.split('-').map(Number) as [number, number, number];
      for (const year of [scope.now.getUTCFullYear() - 1, scope.now.getUTCFullYear()]) {
        const midnight = at(Date.UTC(year, m - 1, d, 5));
        const tenAm = at(midnight.getTime() + 10 * HOUR);
        if (!inWindow(scope, midnight) || tenAm > scope.now) continue;
        const event = { name: 'customer.birthday', id: `seed-birthday-${c.id}-${year}`, keys: { customerId: c.id } };
        const frame: RunFrame = { id: rng.id(), playbook: p, event, vars: {} };
        const results = [
          stepResult(wait.id, wait.action, tenAm, 'done', 'Waited until 10:00'),
          ...sends.map((s) => message(rng, scope, frame, s, c, tenAm, made)),
        ];
        customerRun(made, { frame, customer: c, eventName: event.name, results, startedAt: midnight, finishedAt: tenAm });
      }
    }
    return made;
  },
};

/** A tag and a thank-you call for customers past 10 orders and $1,000, at most every 90 days. */
const vipCheckIn: PlaybookHistory = {
  name: 'vip_check_in',
  matches: (p) => p.installedFrom === 'vip_check_in',
  generate(rng, scope, p) {
    const made = empty();
    const tag = stepOf(p, (s) => s.action === 'add_tag');
    const task = stepOf(p, (s) => s.action === 'create_task');
    if (!tag || !task) return made;
    for (const c of scope.customers) {
      let count = 0;
      let spent = 0;
      let last = -Infinity;
      for (const o of paidOrders(scope, c.id)) {
        count++;
        spent += o.totalCents;
        const t = o.placedAt.getTime() + MINUTE;
        if (!inWindow(scope, o.placedAt) || count < 10 || spent < 100_000 || t - last < 90 * DAY || t > scope.now.getTime()) continue;
        last = t;
        const event = { name: 'order.created', id: `seed-order-${o.id}`, keys: { orderId: o.id, customerId: c.id } };
        const frame: RunFrame = { id: rng.id(), playbook: p, event, vars: {} };
        const results = [
          stepResult(tag.id, tag.action, at(t), 'done', 'Tagged vip'),
          stepResult(task.id, task.action, at(t), 'done', `Task for admins: Call ${c.firstName} ${c.lastName} to say thanks`),
        ];
        customerRun(made, { frame, customer: c, eventName: event.name, results, startedAt: at(t), finishedAt: at(t) });
      }
    }
    return made;
  },
};

/**
 * An A/B split with a holdout: customers enter at some moment of the 90 days, land in the arm
 * `assignSplit` gives them (as the engine would), and the treated get their variant's message. The
 * orders exist already, so the lift is made by when customers enter: a treated customer more often
 * enters a few days before one of their orders than a held-out one. Every member's orders are then
 * exactly their paid orders inside [entry, entry + click window], by `withMemberOrder`.
 */
/** The longest a treated customer enters before the order their entry is placed near. */
const MAX_LEAD = 6 * DAY;

const splitTest: PlaybookHistory = {
  name: 'ab_split',
  matches: (p) => !!stepOf(p, (s) => s.action === 'ab_split'),
  generate(rng, scope, p) {
    const made = empty();
    const split = stepOf(p, (s) => s.action === 'ab_split')!;
    const variants = (split.variants as Array<{ name: string; weight: number; steps: Step[] }>) ?? [];
    const holdoutPercent = (split.holdoutPercent as number | undefined) ?? 0;
    const trigger = p.triggers[0];
    const segment = trigger?.type === 'segment_entered';
    const eventName = segment ? 'customer.segment_changed' : trigger?.type === 'event' ? trigger.eventName : 'manual';
    const span = scope.now.getTime() - scope.start.getTime();
    for (const c of scope.customers) {
      if (!c.orderCount || !rng.chance(0.45)) continue;
      const arm = assignSplit({ playbookId: p.id, stepId: split.id, customerId: c.id }, variants, holdoutPercent);
      const armName = arm.kind === 'holdout' ? 'holdout' : arm.name;
      // Orders late enough that the longest lead still enters the customer inside the 90 days.
      const recent = paidOrders(scope, c.id).filter((o) => o.placedAt.getTime() - scope.start.getTime() > MAX_LEAD);
      const lead = rng.float(2 * HOUR, MAX_LEAD);
      const nearOrder = recent.length > 0 && rng.chance(arm.kind === 'holdout' ? 0.03 : 0.15);
      const pickedOrder = recent.length ? rng.pick(recent) : null;
      const enteredAt = nearOrder ? at(pickedOrder!.placedAt.getTime() - lead) : at(scope.start.getTime() + rng.next() * (span - HOUR));
      const event = { name: eventName, id: `seed-split-${c.id}`, keys: { customerId: c.id }, data: segment ? { segment: trigger.segment } : {} };
      const frame: RunFrame = { id: rng.id(), playbook: p, event, vars: { [`split_${split.id}`]: armName } };
      const results: StepResult[] = [
        arm.kind === 'holdout'
          ? stepResult(split.id, split.action, enteredAt, 'holdout', 'Holdout: receives nothing from this split (measures lift)')
          : stepResult(split.id, split.action, enteredAt, 'done', `Variant ${arm.name}`, { branch: `variant:${arm.name}` }),
      ];
      const variant = arm.kind === 'variant' ? variants.find((v) => v.name === arm.name) : undefined;
      for (const s of variant?.steps ?? []) if (isMessage(s)) results.push(message(rng, scope, frame, s, c, enteredAt, made));
      customerRun(made, { frame, customer: c, eventName, segment, results, startedAt: enteredAt, finishedAt: enteredAt });

      let member = enterSplit(null, {
        playbookId: p.id,
        stepId: split.id,
        customerId: c.id,
        arm: armName,
        at: enteredAt,
        windowDays: scope.settings.clickWindowDays,
      });
      for (const o of paidOrders(scope, c.id))
        member = withMemberOrder(member, { id: o.id, placedAt: o.placedAt, netCents: Math.max(0, o.totalCents - o.refundedCents) }, o.placedAt);
      made.members.push(member);
    }
    return made;
  },
};

export const MORE_HISTORIES: readonly PlaybookHistory[] = [welcome, birthday, vipCheckIn, splitTest];
