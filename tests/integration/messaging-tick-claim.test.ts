// The tick claims each due send with one write conditional on the copy its page query returned,
// and records the outcome conditional on that claim: concurrent ticks still deliver each send
// once, a send cancelled after the query is not delivered, and a webhook that writes to the send
// between the claim and the outcome loses neither its update nor ours.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import type { Send } from '@/domain/messaging/send';
import { tenantDb } from '@/server/db/tenant-db';
import type { MailjetEvent } from '@/server/integrations/mailjet/mailjet-events';
import { logger } from '@/server/log';
import { cancelRunSends } from '@/server/services/messaging/cancel-sends';
import { dispatchDueSend, prepareSendPage } from '@/server/services/messaging/claim-due-send';
import { dispatchDueSends } from '@/server/services/messaging/dispatch-due-sends';
import { applyMailjetEvents } from '@/server/services/messaging/apply-mailjet-events';
import { sendMessage } from '@/server/services/messaging/send-message';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { startMailjetFake, type MailjetFake } from '../support/fakes/mailjet';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook, runsOf } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

let mailjet: MailjetFake;

beforeAll(async () => {
  mailjet = await startMailjetFake();
  setProviderEnv({ MAILJET_API_KEY: mailjet.apiKey, MAILJET_API_SECRET: mailjet.apiSecret, MAILJET_API_URL: mailjet.url });
});

afterAll(async () => {
  setProviderEnv({});
  await mailjet.close();
});

const acceptedFor = (sendId: string) => mailjet.accepted.filter((a) => a.message.CustomID === sendId);
const deferredTick = (t: TestTenant, clock: ManualClock) =>
  dispatchDueSends({ clock, log: logger(), deadline: Date.now() + 30_000, kind: 'deferred', orgId: t.orgId });

/** A marketing email at 23:00 in Detroit: deferred by quiet hours to 08:00 (12:00Z). */
async function deferredEmail(t: TestTenant, clock: ManualClock): Promise<Send> {
  const customerId = await seedMessagingCustomer(t);
  const send = await sendMessage(t.ctx('owner', clock), {
    customerId,
    channel: 'email',
    kind: 'marketing',
    content: { subject: 'Fresh drops for {{ customer.first_name }}', body: '<p>New this week.</p>' },
    variables: {},
    idempotencyKey: `k:${randomUUID()}`,
    source: { type: 'manual', actorUid: 'u' },
  });
  expect(send.status).toBe('deferred');
  return send;
}

/** The email sends counted in the tenant's message rollups, over every shard. */
async function rolledUpEmailSends(orgId: string): Promise<number> {
  const snap = await tenantDb(orgId).rollupsDailyMessages.ref.withConverter(null).get();
  return snap.docs.reduce((n, d) => n + (((d.data() as { channels?: { email?: { sends?: number } } }).channels?.email?.sends as number | undefined) ?? 0), 0);
}

describe('the tick claims from its query', () => {
  it('two ticks working the same due sends at once deliver each exactly once', async () => {
    const t = await createTestTenant('Tick claim');
    const clock = new ManualClock('2031-05-13T03:00:00Z');
    const sends = await Promise.all(Array.from({ length: 30 }, () => deferredEmail(t, clock)));

    clock.set('2031-05-13T12:00:30Z');
    const [a, b] = await Promise.all([deferredTick(t, clock), deferredTick(t, clock)]);
    expect(a.sent! + b.sent!).toBe(30);
    expect(a.errors ?? 0).toBe(0);
    for (const s of sends) {
      expect(acceptedFor(s.id)).toHaveLength(1);
      const stored = await tenantDb(t.orgId).sends.getOrThrow(s.id);
      expect(stored).toMatchObject({ status: 'sent', attempts: 1, provider: 'mailjet', providerMessageId: acceptedFor(s.id)[0]!.messageId });
      expect(stored.events.map((e) => e.type)).toEqual(['deferred', 'attempt', 'sent']);
    }
    // The outcome and its rollup are one batch: each send counted once.
    expect(await rolledUpEmailSends(t.orgId)).toBe(30);
  });

  it('a send whose run exited, or that was cancelled, after the page query is not delivered', async () => {
    const t = await createTestTenant('Tick claim exits');
    const clock = new ManualClock('2031-05-14T03:00:00Z'); // 23:00 in Detroit
    const ctx = { ...t.ctx('admin', clock), log: logger() };
    const playbook = await activePlaybook(
      t,
      { name: 'Nudge', triggers: [{ type: 'manual' }], steps: [{ action: 'send_email', subject: 'Nudge', body: '<p>Nudge</p>', kind: 'marketing' }] },
      clock,
    );
    const customers = await Promise.all([seedMessagingCustomer(t), seedMessagingCustomer(t), seedMessagingCustomer(t)]);
    await runPlaybookManually(ctx, playbook.id, { customerIds: customers });
    const runs = await runsOf(t.orgId, playbook.id);
    const runOf = (customerId: string) => runs.find((r) => r.customerId === customerId)!;
    const [crashed, cancelled, kept] = customers.map(runOf);

    // 08:00: the page query returns all three.
    clock.set('2031-05-14T12:00:30Z');
    const db = tenantDb(t.orgId);
    const page = await db.sends.ref.where('status', '==', 'deferred').where('dueAt', '<=', clock.now()).get();
    expect(page.size).toBe(3);

    // Then one run is ended by an instance that stopped before cancelling its message...
    await db.runs.update(crashed!.id, { status: 'exited', exitedBy: { eventName: 'order.created', eventId: 'evt_1' }, resumeAt: null });
    const prepared = await prepareSendPage(page.docs);
    // ...and, after the page's documents were read, another run's exit cancels its message.
    await db.runs.update(cancelled!.id, { status: 'exited', exitedBy: { eventName: 'order.created', eventId: 'evt_2' }, resumeAt: null });
    await cancelRunSends(ctx, cancelled!.id, 'The playbook run ended when order.created arrived (an exit rule).');

    const dctx = { orgId: t.orgId, clock, log: logger() };
    const outcomes = await Promise.all(page.docs.map(async (d) => [d.data().source, await dispatchDueSend(dctx, d, prepared)] as const));
    const outcomeOf = (runId: string) => outcomes.find(([src]) => src.type === 'playbook' && src.runId === runId)![1];
    expect(outcomeOf(crashed!.id)).toBe('cancelled');
    expect(outcomeOf(cancelled!.id)).toBe('notOurs');
    expect(outcomeOf(kept!.id)).toBe('sent');

    const stored = new Map(page.docs.map((d) => [d.data().source.type === 'playbook' ? (d.data().source as { runId: string }).runId : '', d.id]));
    for (const run of [crashed!, cancelled!]) {
      const send = await db.sends.getOrThrow(stored.get(run.id)!);
      expect(send).toMatchObject({ status: 'cancelled', cancelReason: 'The playbook run ended when order.created arrived (an exit rule).' });
      expect(send.events.map((e) => e.type)).toEqual(['deferred', 'cancelled']);
      expect(acceptedFor(send.id)).toHaveLength(0);
    }
    // A withdrawn message gives its place under the frequency cap back.
    const caps = await db.messageCaps.get(crashed!.customerId!);
    expect(caps?.email.some((r) => r.sendId === stored.get(crashed!.id))).toBe(false);
    expect(acceptedFor(stored.get(kept!.id)!)).toHaveLength(1);
  });

  it('a Mailjet event written between the claim and the outcome keeps both', async () => {
    const t = await createTestTenant('Tick claim webhook');
    const clock = new ManualClock('2031-05-15T03:00:00Z');
    const send = await deferredEmail(t, clock);
    clock.set('2031-05-15T12:00:30Z');
    // Mailjet reports the message delivered before its API answer reaches us.
    mailjet.beforeAnswer = async (accepted) => {
      const mine = accepted.find((a) => a.message.CustomID === send.id);
      if (!mine) return;
      await applyMailjetEvents(t.ctx('owner', clock), [
        { event: 'sent', time: Math.floor(clock.now().getTime() / 1000), MessageID: mine.messageId, CustomID: send.id } as MailjetEvent,
      ]);
    };
    try {
      expect(await deferredTick(t, clock)).toMatchObject({ sent: 1 });
    } finally {
      mailjet.beforeAnswer = null;
    }
    const stored = await tenantDb(t.orgId).sends.getOrThrow(send.id);
    expect(stored).toMatchObject({
      status: 'delivered',
      provider: 'mailjet',
      providerMessageId: acceptedFor(send.id)[0]!.messageId,
      leaseUntil: null,
      dueAt: null,
    });
    expect(stored.sentAt?.toISOString()).toBe('2031-05-15T12:00:30.000Z');
    expect(stored.deliveredAt).not.toBeNull();
    expect(stored.events.map((e) => e.type)).toEqual(['deferred', 'attempt', 'delivered', 'sent']);
    expect(acceptedFor(send.id)).toHaveLength(1);
  });
});
