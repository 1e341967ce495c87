import { describe, expect, it } from 'vitest';
import { ManualClock, type Clock } from '@/domain/clock';
import { canonicalEventId } from '@/domain/events/canonical-event';
import { expiresAtFor } from '@/domain/loyalty/earning';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { LOYALTY_DAY_STATE_DOC } from '@/domain/loyalty/daily';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { postPoints } from '@/server/services/loyalty/post-points';
import { ensureLoyaltyDayStates, runLoyaltyDays } from '@/server/services/loyalty/run-loyalty-day';
import { settleDueLoyaltyAccounts } from '@/server/services/loyalty/settle-loyalty-account';
import { seedCustomer } from '../support/fixtures';
import { activePlaybook, runsOf } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

const DETROIT = 'America/Detroit';
const staff: LedgerActor = { kind: 'staff', id: 'uid-1', name: 'Test owner' };
const deps = (clock: Clock, orgId: string) => ({ clock, log: logger(), deadline: Date.now() + 30_000, orgId });

async function lines(orgId: string, customerId: string) {
  const snap = await tenantDb(orgId).loyaltyLines.ref.where('customerId', '==', customerId).get();
  return snap.docs.map((d) => d.data()).sort((a, b) => a.at.getTime() - b.at.getTime() || a.id.localeCompare(b.id));
}

async function events(orgId: string, name: string) {
  return (await tenantDb(orgId).events.ref.where('name', '==', name).get()).docs.map((d) => d.data());
}

function credit(t: TestTenant, clock: Clock, customerId: string, key: string, points: number, at: { availableAt?: Date; expiresAt: Date | null }) {
  return postPoints(t.ctx('owner', clock), customerId, [
    { key, posting: { kind: 'credit', type: 'bonus', points, availableAt: at.availableAt ?? clock.now(), expiresAt: at.expiresAt }, actor: staff },
  ]);
}

describe('the daily loyalty work', () => {
  it('expires the oldest points first, once: a rerun writes nothing more', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2030-03-01T17:00:00Z');
    const c = await seedCustomer(t.orgId);
    const soon = expiresAtFor(clock.now(), 12, DETROIT)!; // 2031-03-02 00:00 Detroit
    await credit(t, clock, c, 'old', 100, { expiresAt: soon });
    clock.set('2030-04-01T17:00:00Z');
    await credit(t, clock, c, 'new', 50, { expiresAt: expiresAtFor(clock.now(), 12, DETROIT) });
    await postPoints(t.ctx('owner', clock), c, [{ key: 'spend', posting: { kind: 'spend', type: 'redeem', points: 30 }, actor: staff }]);

    clock.set(new Date(soon.getTime() - 60_000));
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    expect((await lines(t.orgId, c)).filter((l) => l.type === 'expire')).toHaveLength(0);

    clock.set(new Date(soon.getTime() + 30_000));
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    const expired = (await lines(t.orgId, c)).filter((l) => l.type === 'expire');
    // The spend took 30 from the older lot, so 70 of it expire; the newer 50 stay.
    expect(expired.map((l) => [l.points, l.balanceAfter, l.idempotencyKey])).toEqual([[-70, 50, `expire:${c}:2031-03-02`]]);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(c);
    expect(customer.pointsBalance).toBe(50);
    expect(customer.loyalty?.nextExpiryAt?.toISOString()).toBe('2031-04-02T04:00:00.000Z');
    const all = await lines(t.orgId, c);
    expect(all.reduce((s, l) => s + l.points, 0)).toBe(50);
  });

  it('makes pending points spendable on the profile once their return window ends', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-03-01T17:00:00Z');
    const c = await seedCustomer(t.orgId);
    const availableAt = new Date('2031-03-04T05:00:00Z');
    await credit(t, clock, c, 'order', 80, { availableAt, expiresAt: null });
    expect((await tenantDb(t.orgId).customers.getOrThrow(c)).loyalty).toMatchObject({ available: 0, pending: 80 });
    clock.set('2031-03-04T05:00:20Z');
    const report = await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    expect(report['loyalty.nextAvailableAt']).toBe(1);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(c);
    expect(customer.loyalty).toMatchObject({ available: 80, pending: 0, nextAvailableAt: null });
    expect(customer.pointsBalance).toBe(80);
    // Nothing is due any more: the next tick settles no one.
    expect((await settleDueLoyaltyAccounts(deps(clock, t.orgId)))['loyalty.nextAvailableAt']).toBe(0);
  });

  it('downgrades a tier only after requalification and the grace period, and renews one that still qualifies', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-03-01T17:00:00Z');
    const tdb = tenantDb(t.orgId);
    const short = await seedCustomer(t.orgId);
    const keeps = await seedCustomer(t.orgId);
    const requalifyAt = new Date('2031-03-10T05:00:00Z');
    for (const [id, spend] of [
      [short, 0],
      [keeps, 200_000],
    ] as const) {
      await tdb.loyaltyAccounts.set({
        id,
        lots: [],
        balance: 0,
        lifetimeEarned: 0,
        lines: 0,
        spendByMonth: { '2031-02': spend },
        lifetimeSpendCents: spend,
        tier: { id: 'gold', reachedAt: new Date('2030-03-10T05:00:00Z'), requalifyAt, graceUntil: null },
        updatedAt: clock.now(),
      });
      await credit(t, clock, id, `w-${id}`, 1, { expiresAt: null }); // writes the profile's summary with tierReviewAt
    }
    expect((await tdb.customers.getOrThrow(short)).loyalty?.tierReviewAt?.toISOString()).toBe(requalifyAt.toISOString());

    clock.set('2031-03-10T05:01:00Z'); // requalification: short of Gold, grace starts
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    expect((await tdb.customers.getOrThrow(short)).loyalty).toMatchObject({ tierId: 'gold' });
    expect((await tdb.loyaltyAccounts.getOrThrow(short)).tier?.graceUntil?.toISOString()).toBe('2031-04-09T04:00:00.000Z');
    expect((await tdb.loyaltyAccounts.getOrThrow(keeps)).tier).toMatchObject({ id: 'gold', graceUntil: null, requalifyAt: new Date('2032-03-10T05:00:00Z') });
    expect(await events(t.orgId, 'loyalty.tier_changed')).toHaveLength(0);

    clock.set('2031-04-09T03:59:00Z'); // a minute before grace ends: still Gold
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    expect((await tdb.customers.getOrThrow(short)).loyalty?.tierId).toBe('gold');

    clock.set('2031-04-09T04:00:30Z');
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    await settleDueLoyaltyAccounts(deps(clock, t.orgId));
    expect((await tdb.customers.getOrThrow(short)).loyalty?.tierId).toBe('bronze');
    expect((await tdb.customers.getOrThrow(keeps)).loyalty?.tierId).toBe('gold');
    const changed = await events(t.orgId, 'loyalty.tier_changed');
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ customerId: short, data: { direction: 'down', from: { id: 'gold' }, to: { id: 'bronze' } } });
  });

  it('sends loyalty.points_expiring once, the notice days before', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2030-03-15T17:00:00Z');
    const c = await seedCustomer(t.orgId, { timeZone: DETROIT });
    await credit(t, clock, c, 'old', 40, { expiresAt: expiresAtFor(clock.now(), 12, DETROIT) }); // expires 2031-03-16 00:00
    clock.set('2031-03-01T05:00:30Z'); // midnight in Detroit, 15 days before: not yet
    await runLoyaltyDays(deps(clock, t.orgId));
    expect(await events(t.orgId, 'loyalty.points_expiring')).toHaveLength(0);
    clock.set('2031-03-02T05:00:30Z'); // 14 days before
    await runLoyaltyDays(deps(clock, t.orgId));
    await runLoyaltyDays(deps(clock, t.orgId));
    clock.set('2031-03-03T04:00:30Z');
    await runLoyaltyDays(deps(clock, t.orgId)); // the next day: the same date is not noticed again
    // A restart that lost its state does not notice it twice either.
    await tenantDb(t.orgId).loyaltyDayState.ref.doc('current').delete();
    await runLoyaltyDays(deps(clock, t.orgId));
    const sent = await events(t.orgId, 'loyalty.points_expiring');
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ customerId: c, data: { points: 40, daysLeft: 14 } });
  });

  it('celebrates a birthday at local midnight in the customer’s zone, once, with the bonus, and starts the birthday playbook', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-11-29T12:00:00Z');
    const playbook = await activePlaybook(t, {
      name: 'Birthday treat',
      triggers: [{ type: 'event', eventName: 'customer.birthday' }],
      entry: { runKey: 'customerId', reentry: 'always' },
      steps: [{ action: 'add_tag', tag: 'birthday' }],
    });
    const la = await seedCustomer(t.orgId, {
      dateOfBirth: '1990-11-30',
      timeZone: 'America/Los_Angeles',
      firstName: 'Lana',
      createdAt: new Date('2030-01-15T12:00:00Z'),
    });
    const ny = await seedCustomer(t.orgId, {
      dateOfBirth: '1985-11-30',
      timeZone: 'America/New_York',
      firstName: 'Nico',
      createdAt: new Date('2030-01-15T12:00:00Z'),
    });
    expect((await tenantDb(t.orgId).customers.getOrThrow(la)).birthMonthDay).toBe('11-30');

    await runLoyaltyDays(deps(clock, t.orgId)); // the first run: learns the zones
    clock.set('2031-11-30T04:59:00Z'); // a minute before midnight in New York
    await runLoyaltyDays(deps(clock, t.orgId));
    expect(await events(t.orgId, 'customer.birthday')).toHaveLength(0);

    clock.set('2031-11-30T05:00:30Z'); // midnight in New York, 21:00 the day before in Los Angeles
    await runLoyaltyDays(deps(clock, t.orgId));
    await runLoyaltyDays(deps(clock, t.orgId));
    expect((await events(t.orgId, 'customer.birthday')).map((e) => e.customerId)).toEqual([ny]);

    clock.set('2031-11-30T08:00:30Z'); // midnight in Los Angeles
    await runLoyaltyDays(deps(clock, t.orgId));
    clock.set('2031-11-30T09:00:30Z');
    await tenantDb(t.orgId).loyaltyDayState.ref.doc('current').delete(); // a restart without state
    await runLoyaltyDays(deps(clock, t.orgId));

    const birthdays = await events(t.orgId, 'customer.birthday');
    expect(birthdays.map((e) => e.customerId).sort()).toEqual([la, ny].sort());
    expect(birthdays.find((e) => e.customerId === la)!.id).toBe(canonicalEventId('bakedbot', `birthday:${la}:2031`));
    expect(birthdays.every((e) => e.data.pointsAwarded === 100 && e.dispatchedAt)).toBe(true);
    for (const id of [la, ny]) {
      const ls = await lines(t.orgId, id);
      expect(ls.map((l) => [l.type, l.points, l.idempotencyKey])).toEqual([['birthday', 100, `birthday:${id}:2031`]]);
      expect((await tenantDb(t.orgId).customers.getOrThrow(id)).pointsBalance).toBe(100);
    }
    const runs = await runsOf(t.orgId, playbook.id);
    expect(runs.map((r) => r.customerId).sort()).toEqual([la, ny].sort());
  });

  it('celebrates an anniversary from the first year, at local midnight of the day they joined', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-09T12:00:00Z');
    const c = await seedCustomer(t.orgId, { createdAt: new Date('2029-06-10T15:00:00Z'), dateOfBirth: null });
    await seedCustomer(t.orgId, { createdAt: new Date('2031-06-10T15:00:00Z'), dateOfBirth: null }); // joins today: no anniversary
    await runLoyaltyDays(deps(clock, t.orgId));
    expect(await events(t.orgId, 'customer.anniversary')).toHaveLength(0);
    clock.set('2031-06-10T04:00:30Z');
    await runLoyaltyDays(deps(clock, t.orgId));
    const found = await events(t.orgId, 'customer.anniversary');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ customerId: c, data: { years: 2, pointsAwarded: 50 } });
    expect((await lines(t.orgId, c)).map((l) => l.idempotencyKey)).toEqual([`anniversary:${c}:2031`]);
  });

  it('reports an account whose lines do not add up to its balance', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-03-01T15:00:00Z');
    const good = await seedCustomer(t.orgId);
    const bad = await seedCustomer(t.orgId);
    await credit(t, clock, good, 'g', 30, { expiresAt: null });
    await credit(t, clock, bad, 'b', 30, { expiresAt: null });
    const account = await tenantDb(t.orgId).loyaltyAccounts.getOrThrow(bad);
    await tenantDb(t.orgId).loyaltyAccounts.set({ ...account, balance: 45, lots: [{ ...account.lots[0]!, points: 45 }] });
    clock.set('2031-03-02T05:00:30Z');
    await runLoyaltyDays(deps(clock, t.orgId));
    await runLoyaltyDays(deps(clock, t.orgId));
    const notes = (await tenantDb(t.orgId).notifications.ref.get()).docs.map((d) => d.data());
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'system', link: `/dashboard/customers/${bad}` });
    expect(notes[0]!.body).toContain('add up to 30');
  });

  it('runs across all tenants on declared indexes, and gives each dispensary its day state', async () => {
    const t = await createTestTenant();
    const past = new ManualClock('2000-01-01T00:00:00Z'); // nothing anywhere is due then
    const all = { clock: past, log: logger(), deadline: Date.now() + 30_000 };
    await expect(settleDueLoyaltyAccounts(all)).resolves.toMatchObject({ errors: 0 });
    await expect(runLoyaltyDays(all)).resolves.toMatchObject({ errors: 0 });
    // A new dispensary has its day state from creation; one made before that (here: state removed) gets it from the daily job, once.
    expect(await tenantDb(t.orgId).loyaltyDayState.get(LOYALTY_DAY_STATE_DOC)).toMatchObject({ zones: ['America/Detroit'] });
    expect(await ensureLoyaltyDayStates(deps(past, t.orgId))).toEqual({ created: 0 });
    await tenantDb(t.orgId).loyaltyDayState.doc(LOYALTY_DAY_STATE_DOC).delete();
    expect(await ensureLoyaltyDayStates(deps(past, t.orgId))).toEqual({ created: 1 });
    expect(await ensureLoyaltyDayStates(deps(past, t.orgId))).toEqual({ created: 0 });
  });
});
