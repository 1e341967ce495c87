import { beforeAll, describe, expect, it } from 'vitest';
import { DAY, HOUR, ManualClock, MINUTE } from '@/domain/clock';
import { assignSplit } from '@/domain/playbooks/ab-split';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { forgetCachedVersions } from '@/server/services/playbooks/engine/execute-run';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { updatePlaybook } from '@/server/services/playbooks/update-playbook';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { deletePlaybook } from '@/server/services/playbooks/delete-playbook';
import { installGalleryPlaybook } from '@/server/services/playbooks/install-gallery-playbook';
import { GALLERY } from '@/domain/playbooks/gallery';
import { listenerId } from '@/domain/playbooks/registry';
import { seedCustomer } from '../support/fixtures';
import { setProviderEnv } from '../support/messaging';
import {
  activePlaybook,
  ageCheckedAtCheckout,
  customerByEmail,
  fireScheduleOnce,
  nextUid,
  replaceReviewLink,
  runsOf,
  shopify,
  tick,
} from '../support/playbooks';
import { createTestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

beforeAll(() => setProviderEnv({}));

const tagsOf = async (orgId: string, id: string) => (await tenantDb(orgId).customers.getOrThrow(id)).tags.sort();

describe('branches, A/B splits and holdouts', () => {
  it('branch on conditions, split deterministically with a holdout that gets nothing, and carry on across a restart', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-01T16:00:00Z');
    const playbook = await activePlaybook(
      t,
      {
        name: 'Flow',
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'condition', if: 'customer.orderCount >= 5', then: [{ action: 'add_tag', tag: 'heavy' }], else: [{ action: 'add_tag', tag: 'light' }] },
          {
            action: 'ab_split',
            id: 'split',
            holdoutPercent: 20,
            variants: [
              { name: 'A', weight: 1, steps: [{ action: 'add_tag', tag: 'arm-a' }] },
              { name: 'B', weight: 1, steps: [{ action: 'add_tag', tag: 'arm-b' }] },
            ],
          },
          { action: 'wait', duration: '2d' },
          { action: 'add_tag', tag: 'after-wait' },
        ],
      },
      clock,
    );
    const ids = await Promise.all(Array.from({ length: 40 }, (_, i) => seedCustomer(t.orgId, { orderCount: i % 10 })));
    await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerIds: ids });

    // A restart: the instance's caches are gone; everything it needs is in the run documents.
    forgetCachedVersions();
    clock.advance(DAY);
    await tick(t.orgId, clock);
    expect((await runsOf(t.orgId, playbook.id)).every((r) => r.status === 'waiting')).toBe(true);
    clock.advance(DAY + MINUTE);
    await tick(t.orgId, clock);

    const arms = { A: 0, B: 0, holdout: 0 };
    for (const [i, id] of ids.entries()) {
      const arm = assignSplit(
        { playbookId: playbook.id, stepId: 'split', customerId: id },
        [
          { name: 'A', weight: 1 },
          { name: 'B', weight: 1 },
        ],
        20,
      );
      const expected = [i % 10 >= 5 ? 'heavy' : 'light', 'after-wait', ...(arm.kind === 'holdout' ? [] : [arm.name === 'A' ? 'arm-a' : 'arm-b'])].sort();
      expect(await tagsOf(t.orgId, id)).toEqual(expected);
      arms[arm.kind === 'holdout' ? 'holdout' : (arm.name as 'A' | 'B')]++;
    }
    expect(arms.holdout).toBeGreaterThan(0);
    expect(arms.A).toBeGreaterThan(0);
    expect(arms.B).toBeGreaterThan(0);
    const runs = await runsOf(t.orgId, playbook.id);
    expect(runs.every((r) => r.status === 'completed')).toBe(true);
    const holdout = runs.find((r) => r.stepResults.some((s) => s.status === 'holdout'))!;
    expect(holdout.context.vars.split_split).toBe('holdout');
    // Every customer is recorded in their arm once, for measuring lift (docs/analytics.md).
    const members = (await tenantDb(t.orgId).splitMembers.ref.where('playbookId', '==', playbook.id).get()).docs.map((d) => d.data());
    const recorded = { A: 0, B: 0, holdout: 0 };
    for (const m of members) recorded[m.arm as keyof typeof recorded]++;
    expect(recorded).toEqual(arms);
  });
});

describe('versions, pausing and the listener registry', () => {
  it('runs in flight finish on their version; new runs take the edited one', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-02T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const playbook = await activePlaybook(
      t,
      {
        name: 'Versioned',
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'wait', duration: '1d' },
          { action: 'add_tag', tag: 'v1' },
        ],
      },
      clock,
    );
    const [early, late] = [await seedCustomer(t.orgId), await seedCustomer(t.orgId)];
    await runPlaybookManually(ctx, playbook.id, { customerId: early });
    const edited = await updatePlaybook(ctx, playbook.id, {
      name: 'Versioned',
      triggers: [{ type: 'manual' }],
      steps: [
        { action: 'wait', duration: '1d' },
        { action: 'add_tag', tag: 'v2' },
      ],
    });
    expect(edited.version).toBe(2);
    const listener = await tenantDb(t.orgId).playbookVersions(playbook.id).get('2');
    expect(listener).not.toBeNull();
    await runPlaybookManually(ctx, playbook.id, { customerId: late });
    clock.advance(DAY + MINUTE);
    await tick(t.orgId, clock);
    expect(await tagsOf(t.orgId, early)).toEqual(['v1']);
    expect(await tagsOf(t.orgId, late)).toEqual(['v2']);
    expect((await runsOf(t.orgId, playbook.id)).map((r) => r.version).sort()).toEqual([1, 2]);
  });

  it('pausing switches the listeners off in the same change, holds runs in flight, and resuming lets them finish', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-03T16:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const playbook = await activePlaybook(
      t,
      {
        name: 'Pausable',
        triggers: [{ type: 'event', eventName: 'order.created' }],
        steps: [
          { action: 'wait', duration: '1h' },
          { action: 'add_tag', tag: 'thanked' },
        ],
      },
      clock,
    );
    const listenerRef = tenantDb(t.orgId).listeners.doc(listenerId(playbook.id, 'order.created'));
    expect((await listenerRef.get()).data()).toMatchObject({ active: true, version: 1, eventName: 'order.created' });

    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const person = { firstName: 'Pat', lastName: 'Kim', email: `pat-${nextUid()}@example.com`, phone: '+13135550199' };
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person });
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(1);

    await setPlaybookStatus(ctx, playbook.id, 'paused');
    expect((await listenerRef.get()).data()).toMatchObject({ active: false });
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person });
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(1);
    clock.advance(HOUR + MINUTE);
    await tick(t.orgId, clock);
    const customer = (await customerByEmail(t.orgId, person.email))!;
    expect(customer.tags).not.toContain('thanked');
    expect((await runsOf(t.orgId, playbook.id))[0]!.status).toBe('waiting');

    await setPlaybookStatus(ctx, playbook.id, 'active');
    clock.advance(11 * MINUTE);
    await tick(t.orgId, clock);
    expect((await customerByEmail(t.orgId, person.email))!.tags).toContain('thanked');
  });
});

describe('schedules', () => {
  it('fires a weekly schedule once per slot, in the tenant’s zone', async () => {
    const t = await createTestTenant();
    // Sunday 2031-07-06, 12:00 in Detroit.
    const clock = new ManualClock('2031-07-06T16:00:00Z');
    const ctx = { ...t.ctx('owner', clock), log: logger() };
    const installed = await installGalleryPlaybook(ctx, 'weekly_top_sellers');
    await setPlaybookStatus(ctx, installed.id, 'active');
    const schedule = await tenantDb(t.orgId).schedules.getOrThrow(installed.id);
    // Monday 08:00 Detroit is 12:00 UTC.
    expect(schedule.nextFireAt).toEqual(new Date('2031-07-07T12:00:00Z'));

    clock.set('2031-07-07T11:59:00Z');
    await tick(t.orgId, clock);
    expect(await runsOf(t.orgId, installed.id)).toHaveLength(0);
    const run = await fireScheduleOnce(t.orgId, clock, '2031-07-07T12:00:30Z', installed.id);
    const notes = (await tenantDb(t.orgId).notifications.ref.where('sourceId', '==', run.id).get()).docs.map((d) => d.data());
    expect(notes).toHaveLength(1);
    expect(notes[0]!.title).toBe('Top sellers, last 7 days');
    expect((await tenantDb(t.orgId).schedules.getOrThrow(installed.id)).nextFireAt).toEqual(new Date('2031-07-14T12:00:00Z'));
  });
});

describe('schedules: several per playbook, and saves that neither skip nor repeat a slot', () => {
  const report = { action: 'notify_staff', title: 'Ping' };
  const slots = async (orgId: string, playbookId: string) => (await runsOf(orgId, playbookId)).map((r) => r.runKey).sort();

  it('fires every schedule trigger, each once per slot, and drops the schedules it no longer has', async () => {
    const t = await createTestTenant();
    // Sunday 2031-07-06, 12:00 in Detroit.
    const clock = new ManualClock('2031-07-06T16:00:00Z');
    const ctx = { ...t.ctx('owner', clock), log: logger() };
    const triggers = [
      { type: 'schedule' as const, cron: '0 8 * * 1' },
      { type: 'schedule' as const, cron: '0 17 * * 5' },
    ];
    const playbook = await activePlaybook(t, { name: 'Twice a week', triggers, steps: [report] }, clock);
    expect((await tenantDb(t.orgId).schedules.ref.where('playbookId', '==', playbook.id).get()).size).toBe(2);

    // Monday 08:00 and Friday 17:00 in Detroit.
    for (const at of ['2031-07-07T12:00:30Z', '2031-07-11T21:00:30Z']) {
      clock.set(at);
      await tick(t.orgId, clock);
      await tick(t.orgId, clock);
    }
    expect(await slots(t.orgId, playbook.id)).toEqual(['schedule:2031-07-07T12:00:00.000Z', 'schedule:2031-07-11T21:00:00.000Z']);

    await updatePlaybook(ctx, playbook.id, { name: 'Once a week', triggers: triggers.slice(1), steps: [report] });
    const left = (await tenantDb(t.orgId).schedules.ref.where('playbookId', '==', playbook.id).get()).docs.map((d) => d.data());
    expect(left).toEqual([expect.objectContaining({ cron: '0 17 * * 5', version: 2, nextFireAt: new Date('2031-07-18T21:00:00Z') })]);
    clock.set('2031-07-14T12:00:30Z');
    await tick(t.orgId, clock);
    expect(await runsOf(t.orgId, playbook.id)).toHaveLength(2);
    await updatePlaybook(ctx, playbook.id, { name: 'Twice a week', triggers, steps: [report] });
    await setPlaybookStatus(ctx, playbook.id, 'paused');
    await deletePlaybook(ctx, playbook.id);
    expect((await tenantDb(t.orgId).schedules.ref.where('playbookId', '==', playbook.id).get()).size).toBe(0);

    // Two identical schedules would be one.
    await expect(createPlaybook(ctx, { name: 'Same twice', triggers: [triggers[0]!, triggers[0]!], steps: [report] })).rejects.toMatchObject({
      details: { issues: [expect.objectContaining({ path: 'triggers.1.cron', message: expect.stringMatching(/already a trigger/) })] },
    });
  });

  it('a save while a slot is due fires it once at the next tick; a save after it does not fire it again', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-06T16:00:00Z');
    const ctx = { ...t.ctx('owner', clock), log: logger() };
    const def = { name: 'Weekly', triggers: [{ type: 'schedule' as const, cron: '0 8 * * 1' }], steps: [report] };
    const playbook = await activePlaybook(t, def, clock);

    // Monday 08:00:20 Detroit: the slot is due, the tick has not come round yet, and someone saves.
    clock.set('2031-07-07T12:00:20Z');
    await updatePlaybook(ctx, playbook.id, { ...def, steps: [{ ...report, title: 'Pong' }] });
    clock.set('2031-07-07T12:00:50Z');
    await tick(t.orgId, clock);
    expect(await slots(t.orgId, playbook.id)).toEqual(['schedule:2031-07-07T12:00:00.000Z']);

    // Saving, pausing and resuming after the firing: no second run for the slot, and the next one stays next Monday.
    clock.set('2031-07-07T12:05:00Z');
    await updatePlaybook(ctx, playbook.id, { ...def, name: 'Weekly report' });
    await setPlaybookStatus(ctx, playbook.id, 'paused');
    await setPlaybookStatus(ctx, playbook.id, 'active');
    await tick(t.orgId, clock);
    const schedule = await tenantDb(t.orgId).schedules.getOrThrow(playbook.id);
    expect(schedule).toMatchObject({ version: 3, lastFiredAt: new Date('2031-07-07T12:00:00Z'), nextFireAt: new Date('2031-07-14T12:00:00Z') });
    clock.set('2031-07-14T12:00:30Z');
    await tick(t.orgId, clock);
    expect(await slots(t.orgId, playbook.id)).toEqual(['schedule:2031-07-07T12:00:00.000Z', 'schedule:2031-07-14T12:00:00.000Z']);
  });
});

describe('the gallery', () => {
  it('every playbook installs, activates, and runs on a real signal', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-07-08T16:00:00Z');
    const ctx = { ...t.ctx('owner', clock), log: logger() };
    await ageCheckedAtCheckout(t, clock);
    const installed = new Map<string, string>();
    for (const item of GALLERY) {
      const p = await installGalleryPlaybook(ctx, item.key);
      // The review request ships with an example link, which must be replaced before it can go live.
      if (item.key === 'review_request') await replaceReviewLink(ctx, p.id);
      await setPlaybookStatus(ctx, p.id, 'active');
      installed.set(item.key, p.id);
    }
    expect(installed.size).toBe(13);

    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const person = { firstName: 'Gale', lastName: 'Ray', email: `gale-${nextUid()}@example.com`, phone: '+13135550177' };
    await shopify(clock, ep, 'customers/create', { uid: nextUid(), person });
    await shopify(clock, ep, 'checkouts/create', { uid: nextUid(), person });
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person });

    for (const key of ['welcome', 'abandoned_checkout', 'order_thank_you', 'win_back', 'review_request']) {
      const runs = await runsOf(t.orgId, installed.get(key));
      expect(runs.length, key).toBeGreaterThan(0);
    }
    const thankYou = (await runsOf(t.orgId, installed.get('order_thank_you')))[0]!;
    expect(thankYou.status).toBe('completed');
    // The birthday playbook waits for the day itself (customer.birthday), not for an order.
    expect(await runsOf(t.orgId, installed.get('birthday'))).toHaveLength(0);
  });
});
