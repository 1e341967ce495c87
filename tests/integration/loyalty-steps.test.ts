// The loyalty playbook steps through the real engine and ledger: bonus points credited once however
// often the step runs, the new balance in the next message, a coupon given without spending points
// that works once at the till, and a playbook started by loyalty.tier_changed.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalEventId, makeEvent } from '@/domain/events/canonical-event';
import type { PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import { tenantDb } from '@/server/db/tenant-db';
import { redeemCoupon } from '@/server/services/loyalty/redeem-coupon';
import { loadVersion } from '@/server/services/playbooks/engine/execute-run';
import { stepHandler, type StepRunContext } from '@/server/services/playbooks/engine/step-handler';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import '@/server/services/playbooks/steps';
import { givePoints, recordDerivedEvent } from '../support/loyalty';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook, runsOf, sendsTo } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));

const manual = (name: string, steps: PlaybookDefinitionInput['steps']): PlaybookDefinitionInput => ({
  name,
  triggers: [{ type: 'manual' }],
  entry: { runKey: 'customerId', reentry: 'always' },
  steps,
});

async function linesOf(orgId: string, customerId: string) {
  return (await tenantDb(orgId).loyaltyLines.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
}

/** The step as the engine calls it again after a crash or a throw: the same run, step and key. */
async function callAgain(t: TestTenant, clock: ReturnType<typeof middayClock>, runId: string, stepId: string) {
  const run = (await tenantDb(t.orgId).runs.getOrThrow(runId))!;
  const { version, flow } = await loadVersion(t.orgId, run.playbookId, run.version);
  const node = flow.nodes.get(stepId)!;
  const ctx: StepRunContext = {
    ...t.ctx('admin', clock),
    run,
    version,
    flow,
    node,
    step: node.step,
    idempotencyKey: `${run.id}:${stepId}`,
    data: { vars: run.context.vars },
    dryRun: false,
  };
  return stepHandler(node.step.action)!.execute(ctx);
}

describe('award_points', () => {
  it('credits the bonus once, however often the step runs, and the next text shows the new balance', async () => {
    const t = await createTestTenant();
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t);
    await givePoints(t.ctx('admin', clock), customerId, 100);
    const playbook = await activePlaybook(
      t,
      manual('Spring bonus', [
        { action: 'award_points', id: 'bonus', points: 250, reason: 'Spring loyalty bonus' },
        { action: 'send_sms', id: 'tell', body: 'You now have {{ loyalty.points }} points at {{ dispensary.name }}.' },
      ]),
      clock,
    );
    const started = await runPlaybookManually(t.ctx('admin', clock), playbook.id, { customerId });
    expect(started.started).toBe(1);

    const customer = await tenantDb(t.orgId).customers.getOrThrow(customerId);
    expect(customer.pointsBalance).toBe(350);
    const sends = await sendsTo(t.orgId, customerId);
    expect(sends).toHaveLength(1);
    expect(sends[0]!.message.text).toContain('You now have 350 points');

    const bonus = (await linesOf(t.orgId, customerId)).filter((l) => l.type === 'bonus');
    expect(bonus).toHaveLength(1);
    expect(bonus[0]).toMatchObject({
      points: 250,
      reason: 'Spring loyalty bonus',
      source: expect.objectContaining({ runId: started.runIds[0], stepId: 'bonus' }),
      actor: { kind: 'system', id: `system:playbook:${playbook.id}`, name: 'Playbook: Spring bonus' },
      idempotencyKey: `bonus:${started.runIds[0]}:bonus`,
    });

    // The engine calls an idempotent step again after a crash or a throw: nothing more is credited.
    const again = await Promise.all([1, 2, 3].map(() => callAgain(t, clock, started.runIds[0]!, 'bonus')));
    for (const o of again) expect(o).toMatchObject({ kind: 'next', status: 'done', detail: 'Already awarded 250 bonus points (balance 350)' });
    expect((await linesOf(t.orgId, customerId)).filter((l) => l.type === 'bonus')).toHaveLength(1);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).pointsBalance).toBe(350);
  });

  it('refuses, when saved, a number of points that is not a whole number from 1 to 100,000', async () => {
    const t = await createTestTenant();
    const said = async (points: number) => {
      const err = await activePlaybook(t, manual(`Bad ${points}`, [{ action: 'award_points', points }])).catch((e: { details?: unknown }) => e);
      return JSON.stringify((err as { details?: unknown }).details);
    };
    expect(await said(0)).toContain('Award at least 1 point');
    expect(await said(-5)).toContain('Award at least 1 point');
    expect(await said(2.5)).toContain('Award whole points');
    expect(await said(100_001)).toContain('Award at most 100,000 points in one step');
  });

  it('skips with a clear reason when the run has no customer', async () => {
    const t = await createTestTenant();
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t);
    const playbook = await activePlaybook(t, manual('No one', [{ action: 'award_points', id: 'bonus', points: 10 }]), clock);
    const started = await runPlaybookManually(t.ctx('admin', clock), playbook.id, { customerId });
    const run = (await tenantDb(t.orgId).runs.getOrThrow(started.runIds[0]!))!;
    const { version, flow } = await loadVersion(t.orgId, run.playbookId, run.version);
    const node = flow.nodes.get('bonus')!;
    const outcome = await stepHandler('award_points')!.execute({
      ...t.ctx('admin', clock),
      run: { ...run, customerId: null },
      version,
      flow,
      node,
      step: node.step,
      idempotencyKey: `${run.id}:x`,
      data: {},
      dryRun: false,
    });
    expect(outcome).toMatchObject({ kind: 'next', status: 'skipped', skipReason: 'This run has no customer' });
  });
});

describe('issue_coupon', () => {
  it('gives a coupon without spending points; its code is in the next email and works once at the till', async () => {
    const t = await createTestTenant();
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t);
    await givePoints(t.ctx('admin', clock), customerId, 40);
    const playbook = await activePlaybook(
      t,
      manual('Gift', [
        { action: 'issue_coupon', id: 'gift', rewardId: 'five-off', validDays: 14 },
        {
          action: 'send_email',
          id: 'mail',
          subject: 'A gift for you',
          body: '<p>Use {{ offer.code }} for {{ offer.description }} before {{ offer.expires }}.</p>',
        },
      ]),
      clock,
    );
    const started = await runPlaybookManually(t.ctx('admin', clock), playbook.id, { customerId });
    expect(started.started).toBe(1);

    const redemptions = (await tenantDb(t.orgId).loyaltyRedemptions.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(redemptions).toHaveLength(1);
    const r = redemptions[0]!;
    expect(r).toMatchObject({ pointsCost: 0, confirmedBy: 'playbook', status: 'issued', staff: expect.objectContaining({ name: 'Playbook: Gift' }) });
    expect(r.expiresAt.getTime() - r.createdAt.getTime()).toBe(14 * 86_400_000);
    // Nothing spent: 40 points stay, fewer than the reward costs at the counter.
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).pointsBalance).toBe(40);

    const shown = r.couponCode.match(/.{4}/g)!.join('-');
    const [mail] = await sendsTo(t.orgId, customerId);
    expect(mail!.message.text).toContain(`Use ${shown} for ${r.description} before May 20, 2031.`);

    // A repeat of the step returns the same coupon.
    const again = await callAgain(t, clock, started.runIds[0]!, 'gift');
    expect(again).toMatchObject({ kind: 'next', vars: { offer: { code: shown } } });
    expect((await tenantDb(t.orgId).loyaltyCoupons.ref.where('customerId', '==', customerId).get()).size).toBe(1);

    const used = await redeemCoupon(t.ctx('admin', clock), shown.toLowerCase(), { kind: 'order', orderId: 'ord_gift_1' });
    expect(used.coupon).toMatchObject({ status: 'used', valueCents: r.couponValueCents });
    await expect(redeemCoupon(t.ctx('admin', clock), shown, { kind: 'order', orderId: 'ord_gift_2' })).rejects.toMatchObject({ code: 'coupon_used' });
  });

  it('gives a value set in the step, exactly as set', async () => {
    const t = await createTestTenant();
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t);
    const playbook = await activePlaybook(
      t,
      manual('Own offer', [{ action: 'issue_coupon', id: 'gift', offer: { valueCents: 750, description: '$7.50 off your next order' } }]),
      clock,
    );
    await runPlaybookManually(t.ctx('admin', clock), playbook.id, { customerId });
    const coupons = (await tenantDb(t.orgId).loyaltyCoupons.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(coupons).toEqual([expect.objectContaining({ valueCents: 750, description: '$7.50 off your next order', status: 'issued' })]);
  });
});

describe('loyalty triggers', () => {
  it('a playbook on loyalty.tier_changed (direction up) runs when the event is recorded, and not for a drop', async () => {
    const t = await createTestTenant();
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t);
    const playbook = await activePlaybook(
      t,
      {
        name: 'Tier up',
        triggers: [{ type: 'event', eventName: 'loyalty.tier_changed', filter: 'direction == "up"' }],
        entry: { runKey: 'customerId', reentry: 'always' },
        steps: [{ action: 'send_email', id: 'mail', subject: 'Welcome to {{ loyalty.tier }}', body: '<p>You reached a new tier.</p>' }],
      },
      clock,
    );
    const tierEvent = (direction: 'up' | 'down', to: string) =>
      makeEvent({
        id: canonicalEventId('bakedbot', `tier:${customerId}:${randomUUID()}`),
        name: 'loyalty.tier_changed',
        occurredAt: clock.now(),
        receivedAt: clock.now(),
        source: 'bakedbot',
        customerId,
        keys: { customerId },
        data: {
          direction,
          from: { id: 'bronze', name: 'Bronze' },
          to: { id: to, name: to },
          loyalty: { available: 10, pending: 0, tierId: to, tierName: to },
        },
      });
    await recordDerivedEvent(t.ctx('admin', clock), tierEvent('down', 'bronze'));
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(0);
    await recordDerivedEvent(t.ctx('admin', clock), tierEvent('up', 'silver'));
    const runs = await runsOf(t.orgId, playbook.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]!.status).toBe('completed');
    expect(await sendsTo(t.orgId, customerId)).toHaveLength(1);
  });
});
