import { describeDuration, durationMs } from '@/domain/playbooks/duration';
import { assignSplit } from '@/domain/playbooks/ab-split';
import { evaluateCondition, parseExpression, type Expr } from '@/domain/playbooks/expression';
import { localDatePlus, parseHhmm, wallClock, zonedInstant } from '@/domain/messaging/local-time';
import type { Customer } from '@/domain/customer';
import type { PlaybookRun } from '@/domain/playbooks/run';
import { registerStepHandler, type StepRunContext } from '../engine/step-handler';
import { runTimeZone } from './run-zone';
import { enterSplitMember } from '../../analytics/enter-split';

const parsed = new Map<string, Expr>();
/** Conditions were type-checked when the playbook was saved; at run time they are only parsed (once). */
export function conditionAst(source: string): Expr {
  let ast = parsed.get(source);
  if (!ast) {
    ast = parseExpression(source);
    if (parsed.size > 2000) parsed.clear();
    parsed.set(source, ast);
  }
  return ast;
}

export function conditionHolds(ctx: StepRunContext, source: string): boolean {
  return evaluateCondition(conditionAst(source), ctx.data, { now: ctx.clock.now() });
}

function customerOf(ctx: StepRunContext): Customer | null {
  return (ctx.data.customer as Customer | null) ?? null;
}

registerStepHandler('condition', {
  async execute(ctx) {
    const source = ctx.step.if as string;
    const holds = conditionHolds(ctx, source);
    return { kind: 'next', status: 'done', branch: holds ? 'then' : 'else', detail: `${source} → ${holds ? 'yes' : 'no'}` };
  },
});

/** The next moment the zone's clock reads HH:MM (today if still ahead, else tomorrow). */
function nextLocalTime(zone: string, now: Date, hhmm: string): Date {
  const minute = parseHhmm(hhmm);
  for (let days = 0; days < 3; days++) {
    const d = localDatePlus(zone, now, days);
    const at = zonedInstant(zone, d.year, d.month, d.day, minute);
    if (at > now) return at;
  }
  return new Date(now.getTime() + 86_400_000);
}

/** The next birthday at the given local time, today included while the time is still ahead. */
function nextBirthday(zone: string, now: Date, dateOfBirth: string, hhmm: string): Date {
  const [, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const minute = parseHhmm(hhmm);
  const year = wallClock(zone, now).year;
  for (const y of [year, year + 1, year + 2]) {
    // 29 February birthdays are celebrated on 28 February in other years.
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const day = m === 2 && d === 29 && !leap ? 28 : d;
    const at = zonedInstant(zone, y, m, day, minute);
    if (at > now) return at;
  }
  return new Date(now.getTime() + 366 * 86_400_000);
}

registerStepHandler('wait', {
  async execute(ctx) {
    const now = ctx.clock.now();
    const { step } = ctx;
    if (typeof step.duration === 'string') {
      return { kind: 'wait', until: new Date(now.getTime() + durationMs(step.duration)), detail: `Waiting ${describeDuration(step.duration)}` };
    }
    const customer = customerOf(ctx);
    const zone = await runTimeZone(ctx, customer);
    if (typeof step.untilTime === 'string') {
      const until = nextLocalTime(zone, now, step.untilTime);
      return { kind: 'wait', until, detail: `Waiting until ${step.untilTime} (${zone})` };
    }
    if (step.untilDate === 'birthday') {
      if (!customer?.dateOfBirth) return { kind: 'end', detail: 'No birthday on the profile; the run ends here.', skipReason: 'No date of birth on file' };
      const until = nextBirthday(zone, now, customer.dateOfBirth, (step.atTime as string) ?? '10:00');
      return { kind: 'wait', until, detail: `Waiting until the birthday, ${until.toISOString().slice(0, 10)} at ${step.atTime as string} (${zone})` };
    }
    return { kind: 'next', status: 'skipped', detail: 'Nothing to wait for', skipReason: 'The wait has no duration, time or date' };
  },
});

registerStepHandler('wait_for_event', {
  async execute(ctx) {
    const { step, run } = ctx;
    const now = ctx.clock.now();
    const eventName = step.eventName as string;
    if (run.waitingFor?.matchedEventId) {
      return { kind: 'next', status: 'done', branch: 'onEvent', detail: `${eventName} arrived`, refs: { eventId: run.waitingFor.matchedEventId } };
    }
    if (run.waitingFor && run.waitingFor.timeoutAt <= now) {
      return { kind: 'next', status: 'done', branch: 'onTimeout', detail: `No ${eventName} within ${describeDuration(step.timeout as string)}` };
    }
    const timeoutAt = run.waitingFor?.timeoutAt ?? new Date(now.getTime() + durationMs(step.timeout as string));
    const matchOn = step.matchOn as Exclude<PlaybookRun['keyKind'], 'eventId'> | undefined;
    const keyKind = matchOn ?? run.keyKind;
    const triggerKeys = (run.context.event?.keys as Record<string, string | undefined> | undefined) ?? {};
    const key = matchOn ? (triggerKeys[matchOn] ?? (matchOn === 'customerId' ? run.customerId : null)) : run.runKey;
    if (!key)
      return {
        kind: 'next',
        status: 'skipped',
        branch: 'onTimeout',
        detail: `The trigger carries no ${matchOn} to wait on`,
        skipReason: `No ${matchOn} on the trigger`,
      };
    return {
      kind: 'wait_for_event',
      waitingFor: { eventName, keyKind, key, filter: (step.filter as string | undefined) ?? null, timeoutAt, matchedEventId: null },
      detail: `Waiting up to ${describeDuration(step.timeout as string)} for ${eventName} on this ${keyKind}`,
    };
  },
});

registerStepHandler('ab_split', {
  async execute(ctx) {
    const { step, run } = ctx;
    const variants = step.variants as Array<{ name: string; weight: number }>;
    const arm = assignSplit(
      { playbookId: run.playbookId, stepId: step.id, customerId: run.customerId ?? run.runKey },
      variants,
      (step.holdoutPercent as number) ?? 0,
    );
    const vars = { [`split_${step.id}`]: arm.kind === 'holdout' ? 'holdout' : arm.name };
    // Measured from here: what this customer buys counts for their arm (docs/analytics.md, Incremental lift).
    if (!ctx.dryRun && run.customerId && run.playbookId)
      await enterSplitMember(ctx, { playbookId: run.playbookId, stepId: step.id, customerId: run.customerId, arm: vars[`split_${step.id}`]! });
    if (arm.kind === 'holdout') return { kind: 'next', status: 'holdout', detail: 'Holdout: receives nothing from this split (measures lift)', vars };
    return { kind: 'next', status: 'done', branch: `variant:${arm.name}`, detail: `Variant ${arm.name}`, vars };
  },
});
