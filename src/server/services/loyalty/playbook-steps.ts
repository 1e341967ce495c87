import { AppError } from '@/domain/errors';
import { expiresAtFor } from '@/domain/loyalty/earning';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { formatCouponCode } from '@/domain/loyalty/redemption';
import { registerStepHandler, type StepOutcome, type StepRunContext } from '../playbooks/engine/step-handler';
import { issueGiftCoupon } from './issue-coupon';
import { localDay } from './loyalty-actor';
import { loyaltyProgramme } from './loyalty-settings';
import { postPoints } from './post-points';

/** Who the ledger and the coupon name: the playbook, as the customer's history reads it. */
function playbookActor(ctx: StepRunContext): LedgerActor {
  return { kind: 'system', id: `system:playbook:${ctx.run.playbookId}`, name: `Playbook: ${ctx.version.name}`.slice(0, 120) };
}

const noCustomer = (what: string): StepOutcome => ({
  kind: 'next',
  status: 'skipped',
  detail: `No customer to ${what}: this run did not start from a customer`,
  skipReason: 'This run has no customer',
});

/** Expected refusals (a deleted customer, a reward taken out of the programme) will not change on a retry. */
function refused(err: unknown, what: string): StepOutcome {
  if (!(err instanceof AppError)) throw err;
  return { kind: 'next', status: 'skipped', detail: `${what}: ${err.message}`, skipReason: err.message };
}

const n = (v: number) => v.toLocaleString('en-US');

registerStepHandler('award_points', {
  // The ledger line's id comes from bonus:{runId}:{stepId}: a repeat finds the first line.
  idempotentByKey: true,
  async execute(ctx) {
    const points = ctx.step.points as number;
    const customerId = ctx.run.customerId;
    if (!customerId) return noCustomer('award points to');
    if (ctx.dryRun) return { kind: 'next', status: 'done', detail: `Would award ${n(points)} bonus points` };
    const { settings, timeZone } = await loyaltyProgramme(ctx);
    const now = ctx.clock.now();
    const reason = (ctx.step.reason as string | undefined)?.trim() || `Bonus from ${ctx.version.name}`;
    try {
      const posted = await postPoints(ctx, customerId, [
        {
          key: `bonus:${ctx.idempotencyKey}`,
          // A bonus has no order to return, so no return window: spendable at once, expiring as earned points do.
          posting: { kind: 'credit', type: 'bonus', points, availableAt: now, expiresAt: expiresAtFor(now, settings.points.expiryMonths, timeZone) },
          source: { runId: ctx.run.id, stepId: ctx.step.id },
          actor: playbookActor(ctx),
          reason: reason.slice(0, 300),
        },
      ]);
      const line = posted.lines[0]!;
      return {
        kind: 'next',
        status: 'done',
        detail: `${posted.duplicate ? 'Already awarded' : 'Awarded'} ${n(line.points)} bonus points (balance ${n(posted.summary.available)})`,
        refs: { ledgerLineId: line.id },
      };
    } catch (err) {
      return refused(err, 'Points not awarded');
    }
  },
});

registerStepHandler('issue_coupon', {
  // The redemption's id comes from runId:stepId: a repeat returns the first coupon.
  idempotentByKey: true,
  async execute(ctx) {
    const customerId = ctx.run.customerId;
    if (!customerId) return noCustomer('give a coupon to');
    const rewardId = ctx.step.rewardId as string | undefined;
    const offer = ctx.step.offer as { valueCents: number; description: string } | undefined;
    const validDays = ctx.step.validDays as number;
    const { settings, timeZone } = await loyaltyProgramme(ctx);
    if (ctx.dryRun) {
      const reward = rewardId ? settings.redemptions.rewards.find((r) => r.id === rewardId && r.active) : null;
      if (rewardId && !reward)
        return { kind: 'next', status: 'skipped', detail: `No active reward “${rewardId}” in the programme`, skipReason: 'Unknown reward' };
      const description = reward?.description ?? offer?.description ?? '';
      // An example code, so the messages after it can be previewed with their offer.
      const example = { code: 'ABCD-EFGH-JKMN', description, expires: localDay(new Date(ctx.clock.now().getTime() + validDays * 86_400_000), timeZone) };
      return { kind: 'next', status: 'done', detail: `Would give a coupon: ${description}, valid ${validDays} days`, vars: { offer: example } };
    }
    try {
      const { redemption, duplicate } = await issueGiftCoupon(ctx, {
        key: ctx.idempotencyKey,
        customerId,
        rewardId,
        offer,
        validDays,
        actor: playbookActor(ctx),
      });
      const code = formatCouponCode(redemption.couponCode);
      return {
        kind: 'next',
        status: 'done',
        detail: `${duplicate ? 'Already gave' : 'Gave'} a coupon: ${redemption.description}, valid until ${localDay(redemption.expiresAt, timeZone)}`,
        refs: { redemptionId: redemption.id },
        vars: { offer: { code, description: redemption.description, expires: localDay(redemption.expiresAt, timeZone) } },
      };
    } catch (err) {
      return refused(err, 'No coupon given');
    }
  },
});
