// A message a playbook run still had waiting (deferred by quiet hours, queued for a retry) goes
// only while its run may still send: the run's exit, failure or deletion cancels it, with the
// reason shown in the outbox, and dispatch checks the run again before anything leaves.
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '@/domain/clock';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as galleryInstall from '@/app/api/playbooks/gallery/[key]/route';
import * as sendsRoute from '@/app/api/messages/sends/route';
import { tenantDb } from '@/server/db/tenant-db';
import { dispatchDueSends } from '@/server/services/messaging/dispatch-due-sends';
import { logger } from '@/server/log';
import { deletePlaybook } from '@/server/services/playbooks/delete-playbook';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv, uniquePhone } from '../support/messaging';
import { activePlaybook, ageCheckedAtCheckout, customerByEmail, nextUid, runsOf, sendsTo, shopify, tick } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';
import { setOutboundAllowHosts } from '../support/outbound';

// Every send goes to the local outbox provider: "sent" there is what would have reached the customer.
beforeAll(() => {
  setProviderEnv({});
  // The failing run's webhook goes to a closed loopback port, which the outbound guard refuses unless allow-listed.
  setOutboundAllowHosts('127.0.0.1:9');
});

const marketing = (subject: string) => ({ action: 'send_email', subject, body: `<p>${subject}</p>`, kind: 'marketing' as const });

async function outbox(t: TestTenant, status: string) {
  const res = await call(sendsRoute.GET, { cookie: await t.cookie('admin'), path: `/api/messages/sends?status=${status}` });
  expect(res.status).toBe(200);
  return res.body.sends as Array<{ id: string; status: string; cancelReason: string | null; templateId: string | null; message: { subject: string | null } }>;
}

function shopper() {
  const id = nextUid();
  return { customerId: id, person: { firstName: 'Nia', lastName: `Late-${id}`, email: `nia-${id}@example.com`, phone: uniquePhone() } };
}

describe('messages of a run that ended', () => {
  it('abandoned checkout at 21:55, reminder deferred by quiet hours, order at 23:00: nothing goes at 08:00 and the outbox says why', async () => {
    const t = await createTestTenant();
    // 21:55 in Detroit.
    const clock = new ManualClock('2031-06-04T01:55:00Z');
    await ageCheckedAtCheckout(t, clock);
    const installed = await call(galleryInstall.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { key: 'abandoned_checkout' } });
    const playbookId = installed.body.playbook.id as string;
    await call(enableRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id: playbookId }, body: { enabled: true } });
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = shopper();
    const checkout = nextUid();
    await shopify(clock, ep, 'checkouts/create', { uid: checkout, ...p });
    const customer = (await customerByEmail(t.orgId, p.person.email))!;

    // 22:56: no order within the hour, so the first reminder is due, in quiet hours: deferred to 08:00.
    clock.set('2031-06-04T02:56:00Z');
    await tick(t.orgId, clock);
    const [reminder] = await sendsTo(t.orgId, customer.id);
    expect(reminder).toMatchObject({ templateId: 'abandoned_cart_1h', status: 'deferred', dueAt: new Date('2031-06-04T12:00:00Z') });

    // 23:00: they buy. The run exits, and its deferred reminder is cancelled at once.
    clock.set('2031-06-04T03:00:00Z');
    await shopify(clock, ep, 'orders/create', { uid: checkout, ...p });
    const [run] = await runsOf(t.orgId, playbookId);
    expect(run).toMatchObject({ status: 'exited', exitedBy: { eventName: 'order.created' }, pendingExit: null });
    expect(await tenantDb(t.orgId).sends.getOrThrow(reminder!.id)).toMatchObject({
      status: 'cancelled',
      dueAt: null,
      cancelReason: 'The playbook run ended when order.created arrived (an exit rule).',
    });

    // 08:00: the tick sends nothing; the outbox shows the reminder cancelled, with the reason.
    clock.set('2031-06-04T12:00:30Z');
    await tick(t.orgId, clock);
    const sends = await sendsTo(t.orgId, customer.id);
    expect(sends.map((s) => [s.templateId, s.status, s.sentAt])).toEqual([['abandoned_cart_1h', 'cancelled', null]]);
    const shown = (await outbox(t, 'cancelled')).find((s) => s.id === reminder!.id);
    expect(shown).toMatchObject({ status: 'cancelled', cancelReason: expect.stringMatching(/order\.created arrived/) });
    expect((await tenantDb(t.orgId).sends.getOrThrow(reminder!.id)).events.map((e) => e.type)).toEqual(['deferred', 'cancelled']);
  });

  it('dispatch checks the run again: an exit that never got to cancel (a crash), or one still pending, stops the send at 08:00', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-05T03:00:00Z'); // 23:00 in Detroit
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const playbook = await activePlaybook(
      t,
      { name: 'Two nudges', triggers: [{ type: 'manual' }], steps: [marketing('Nudge'), { action: 'wait', duration: '2d' }, marketing('Again')] },
      clock,
    );
    const [crashed, pending, kept] = await Promise.all([seedMessagingCustomer(t), seedMessagingCustomer(t), seedMessagingCustomer(t)]);
    const { runIds } = await runPlaybookManually(ctx, playbook.id, { customerIds: [crashed, pending, kept] });
    const runOf = async (customerId: string) => (await runsOf(t.orgId, playbook.id)).find((r) => r.customerId === customerId)!;
    expect(runIds).toHaveLength(3);

    // One run was ended without its messages being cancelled; another has an exit recorded but not applied.
    await tenantDb(t.orgId).runs.update((await runOf(crashed)).id, {
      status: 'exited',
      exitedBy: { eventName: 'order.created', eventId: 'evt_1' },
      resumeAt: null,
    });
    // What exitRun records before applying the exit (an instance that stopped right after).
    await tenantDb(t.orgId).runs.update((await runOf(pending)).id, {
      pendingExit: { exitedBy: { eventName: 'order.created', eventId: 'evt_2' }, error: null, requestedAt: clock.now() },
      resumeAt: clock.now(),
    });

    // 08:00: the deferred messages are released before any run is picked up again.
    clock.set('2031-06-05T12:00:30Z');
    const released = await dispatchDueSends({ clock, log: logger(), deadline: Date.now() + 30_000, kind: 'deferred', orgId: t.orgId });
    expect(released).toMatchObject({ due: 3, sent: 1, cancelled: 2 });
    const status = async (customerId: string) => (await sendsTo(t.orgId, customerId)).map((s) => [s.message.subject, s.status, s.cancelReason]);
    expect(await status(crashed)).toEqual([['Nudge', 'cancelled', 'The playbook run ended when order.created arrived (an exit rule).']]);
    expect(await status(pending)).toEqual([['Nudge', 'cancelled', 'The playbook run ended when order.created arrived (an exit rule).']]);
    expect(await status(kept)).toEqual([['Nudge', 'sent', null]]);
    // The tick then applies the pending exit.
    await tick(t.orgId, clock);
    expect(await runOf(pending)).toMatchObject({ status: 'exited', exitedBy: { eventId: 'evt_2' } });
  });

  it('a run that fails cancels what it still had waiting', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-06T03:00:00Z');
    const playbook = await activePlaybook(
      t,
      { name: 'Then a dead hook', triggers: [{ type: 'manual' }], steps: [marketing('Tonight'), { action: 'webhook', url: 'http://127.0.0.1:9/down' }] },
      clock,
    );
    const customer = await seedMessagingCustomer(t);
    const { runIds } = await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId: customer });
    for (let i = 0; i < 6; i++) {
      const run = await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!);
      if (run.status !== 'waiting') break;
      clock.set(run.resumeAt!);
      await tick(t.orgId, clock);
    }
    expect(await tenantDb(t.orgId).runs.getOrThrow(runIds[0]!)).toMatchObject({ status: 'failed' });
    const [send] = await sendsTo(t.orgId, customer);
    expect(send).toMatchObject({ status: 'cancelled', cancelReason: expect.stringMatching(/^The playbook run failed: Step .* failed 5 times/) });
  });

  it('an exit rule that fires after the run completed still stops its last message, deferred overnight', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-07T03:00:00Z');
    await ageCheckedAtCheckout(t, clock);
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = shopper();
    await shopify(clock, ep, 'customers/create', { uid: nextUid(), ...p });
    const customer = (await customerByEmail(t.orgId, p.person.email))!;
    const playbook = await activePlaybook(
      t,
      { name: 'Last word', triggers: [{ type: 'manual' }], exit: { onEvents: [{ eventName: 'order.created' }] }, steps: [marketing('See you soon')] },
      clock,
    );
    await runPlaybookManually({ ...t.ctx('admin', clock), log: logger() }, playbook.id, { customerId: customer.id });
    expect((await runsOf(t.orgId, playbook.id))[0]!.status).toBe('completed');
    expect((await sendsTo(t.orgId, customer.id))[0]!.status).toBe('deferred');

    clock.advance(30 * MINUTE);
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...p });
    const [send] = await sendsTo(t.orgId, customer.id);
    expect(send).toMatchObject({ status: 'cancelled', cancelReason: expect.stringMatching(/order\.created arrived/) });
    clock.set('2031-06-07T12:00:30Z');
    await tick(t.orgId, clock);
    expect((await tenantDb(t.orgId).sends.getOrThrow(send!.id)).status).toBe('cancelled');
  });

  it('deleting a playbook cancels every message of it still waiting, from runs in flight and runs already completed', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock('2031-06-08T03:00:00Z');
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const waits = await activePlaybook(
      t,
      { name: 'Doomed', triggers: [{ type: 'manual' }], steps: [marketing('Late offer'), { action: 'wait', duration: '3d' }, marketing('Later offer')] },
      clock,
    );
    const [inFlight, finished, other] = await Promise.all([seedMessagingCustomer(t), seedMessagingCustomer(t), seedMessagingCustomer(t)]);
    await runPlaybookManually(ctx, waits.id, { customerId: inFlight });
    expect((await runsOf(t.orgId, waits.id))[0]!.status).toBe('waiting');
    // A run already completed whose only message is deferred: the message belongs to the playbook too.
    const oneStep = await activePlaybook(t, { name: 'Doomed too', triggers: [{ type: 'manual' }], steps: [marketing('Parting note')] }, clock);
    await runPlaybookManually(ctx, oneStep.id, { customerId: finished });
    expect((await runsOf(t.orgId, oneStep.id))[0]!.status).toBe('completed');
    const survivor = await activePlaybook(t, { name: 'Unrelated', triggers: [{ type: 'manual' }], steps: [marketing('Kept')] }, clock);
    await runPlaybookManually(ctx, survivor.id, { customerId: other });

    await setPlaybookStatus(ctx, waits.id, 'paused');
    await setPlaybookStatus(ctx, oneStep.id, 'paused');
    await deletePlaybook(ctx, waits.id);
    await deletePlaybook(ctx, oneStep.id);

    clock.set('2031-06-08T12:00:30Z');
    await tick(t.orgId, clock);
    const bySubject = async (customerId: string) =>
      Object.fromEntries((await sendsTo(t.orgId, customerId)).map((s) => [s.message.subject, [s.status, s.cancelReason]]));
    expect(await bySubject(inFlight)).toEqual({ 'Late offer': ['cancelled', 'The playbook was deleted.'] });
    expect(await bySubject(finished)).toEqual({ 'Parting note': ['cancelled', 'The playbook was deleted.'] });
    expect(await bySubject(other)).toEqual({ Kept: ['sent', null] });
    const cancelled = await outbox(t, 'cancelled');
    expect(cancelled.map((s) => [s.message.subject, s.cancelReason]).sort()).toEqual([
      ['Late offer', 'The playbook was deleted.'],
      ['Parting note', 'The playbook was deleted.'],
    ]);
    expect((await runsOf(t.orgId, waits.id))[0]).toMatchObject({ status: 'exited', exitedBy: { eventName: 'playbook.deleted' } });
  });
});
