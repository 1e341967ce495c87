import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { HOUR, ManualClock } from '@/domain/clock';
import { AppError } from '@/domain/errors';
import { tenantDb } from '@/server/db/tenant-db';
import { dispatchDueSends } from '@/server/services/messaging/dispatch-due-sends';
import { previewSend } from '@/server/services/messaging/preview-send';
import { recordConsent } from '@/server/services/messaging/record-consent';
import { sendMessage } from '@/server/services/messaging/send-message';
import { logger } from '@/server/log';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
const key = () => `test:${randomUUID()}`;
const tick = (clock: ManualClock, kind: 'deferred' | 'retry') =>
  dispatchDueSends({ clock, log: logger(), deadline: Date.now() + 30_000, kind, orgId: t.orgId });

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Messaging');
});

describe('sendMessage through the outbox', () => {
  it('sends a templated email and SMS, rendered exactly as the customer gets them', async () => {
    const clock = middayClock();
    const customerId = await seedMessagingCustomer(t, { pointsBalance: 420 });
    const ctx = t.ctx('owner', clock);
    const email = await sendMessage(ctx, {
      customerId,
      channel: 'email',
      kind: 'transactional',
      templateKey: 'thank_you',
      variables: {
        order: {
          id: 'o1',
          total: 5425,
          subtotal: 5000,
          item_count: 1,
          items: [{ name: 'Blue Dream 3.5g', quantity: 1, total: 5425 }],
          points_earned: 54,
          placed_at: clock.now().toISOString(),
        },
      },
      idempotencyKey: key(),
      source: { type: 'playbook', runId: 'run1', stepId: 'step1' },
    });
    expect(email).toMatchObject({
      status: 'sent',
      provider: 'outbox',
      decision: { outcome: 'send', reason: 'ok' },
      templateId: 'thank_you',
      source: { type: 'playbook', runId: 'run1', stepId: 'step1' },
    });
    expect(email.message.subject).toBe('Thanks for your order, Jamie');
    expect(email.message.html).toContain('<strong>$54.25</strong>');
    expect(email.message.html).toContain('<strong>54 points</strong>');
    expect(email.message.text).toContain('$54.25');
    expect(email.providerMessageId).toBe(`outbox-${email.id}`);

    const sms = await sendMessage(ctx, {
      customerId,
      channel: 'sms',
      kind: 'marketing',
      templateId: 'points_reminder_sms',
      idempotencyKey: key(),
      source: { type: 'manual', actorUid: t.users.owner.uid },
      variables: {},
    });
    expect(sms.status).toBe('sent');
    // The brand is already in the text, so it is not prefixed again; the opt-out line is added.
    expect(sms.message.text).toBe(`Hi Jamie, you have 420 points at Messaging ${t.orgId}. Redeem them on your next visit!\nReply STOP to opt out`);
    expect(sms.message.text).toMatch(/Reply STOP to opt out$/);
    expect(sms.message.segments).toMatchObject({ encoding: 'GSM-7' });
  });

  it('fails clearly when a template needs a variable the caller did not give', async () => {
    const customerId = await seedMessagingCustomer(t);
    const err = await sendMessage(t.ctx('owner', middayClock()), {
      customerId,
      channel: 'email',
      kind: 'transactional',
      templateId: 'thank_you',
      variables: {},
      idempotencyKey: key(),
      source: { type: 'manual', actorUid: 'u' },
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).message).toMatch(/"order" is not a variable.*variables\.order/);
    expect((await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get()).size).toBe(0);
  });

  it('returns the first send for a repeated idempotency key, even when the calls race', async () => {
    const customerId = await seedMessagingCustomer(t);
    const ctx = t.ctx('owner', middayClock());
    const input = {
      customerId,
      channel: 'email' as const,
      kind: 'marketing' as const,
      templateId: 'vip_welcome',
      variables: {},
      idempotencyKey: key(),
      source: { type: 'campaign' as const, id: 'c1' },
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => sendMessage(ctx, input)));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const again = await sendMessage(ctx, input);
    expect(again.id).toBe(results[0]!.id);
    const all = await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get();
    expect(all.size).toBe(1);
    expect(all.docs[0]!.data().attempts).toBe(1);
  });
});

describe('the gate, recorded on the send', () => {
  const send = (ctx: ReturnType<TestTenant['ctx']>, customerId: string, channel: 'email' | 'sms' = 'sms', kind: 'marketing' | 'transactional' = 'marketing') =>
    sendMessage(ctx, {
      customerId,
      channel,
      kind,
      content: { subject: 'News', body: channel === 'email' ? '<p>New pre-rolls are in.</p>' : 'New pre-rolls are in.' },
      variables: {},
      idempotencyKey: key(),
      source: { type: 'manual', actorUid: 'u' },
    });

  it('does not message an opted-out, under-21 or unverified customer, and says why', async () => {
    const ctx = t.ctx('owner', middayClock());
    const optedOut = await seedMessagingCustomer(t, {
      consent: {
        email: { status: 'opted_in', source: 'pos', at: null },
        sms: { status: 'opted_out', source: 'sms_reply', at: new Date('2031-04-01T16:00:00Z') },
      },
    });
    const minor = await seedMessagingCustomer(t, { dateOfBirth: '2012-02-02' });
    const unknownAge = await seedMessagingCustomer(t, { dateOfBirth: null });
    const results = await Promise.all([send(ctx, optedOut), send(ctx, minor), send(ctx, unknownAge), send(ctx, optedOut, 'sms', 'transactional')]);
    expect(results.map((r) => [r.status, r.decision.reason])).toEqual([
      ['skipped', 'opted_out'],
      ['skipped', 'under_age'],
      ['skipped', 'age_unknown'],
      ['skipped', 'opted_out'],
    ]);
    expect(results[0]!.decision.detail).toMatch(/Opted out of SMS on Apr 1, 2031 \(replied to a text\)/);
    expect(results.every((r) => r.providerMessageId === null && r.to === null)).toBe(true);
  });

  it('defers a marketing message in quiet hours to 08:00 in the customer zone, and the tick releases it then', async () => {
    const clock = new ManualClock('2031-05-07T03:00:00Z'); // 23:00 in Detroit, 20:00 in Los Angeles
    const detroit = await seedMessagingCustomer(t);
    const la = await seedMessagingCustomer(t, { timeZone: 'America/Los_Angeles' });
    const ctx = t.ctx('owner', clock);
    const deferred = await send(ctx, detroit);
    expect(deferred).toMatchObject({ status: 'deferred', decision: { outcome: 'defer', reason: 'quiet_hours', timeZone: 'America/Detroit' } });
    expect(deferred.dueAt?.toISOString()).toBe('2031-05-07T12:00:00.000Z');
    expect((await send(ctx, la)).status).toBe('sent');

    clock.set('2031-05-07T11:59:00Z');
    await tick(clock, 'deferred');
    expect((await tenantDb(t.orgId).sends.getOrThrow(deferred.id)).status).toBe('deferred');
    clock.set('2031-05-07T12:00:30Z');
    const report = await tick(clock, 'deferred');
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const released = await tenantDb(t.orgId).sends.getOrThrow(deferred.id);
    expect(released).toMatchObject({ status: 'sent', provider: 'outbox' });
    expect(released.sentAt?.toISOString()).toBe('2031-05-07T12:00:30.000Z');
  });

  it('drops a deferred message when the customer opts out before it goes', async () => {
    const clock = new ManualClock('2031-05-08T03:00:00Z');
    const customerId = await seedMessagingCustomer(t);
    const deferred = await send(t.ctx('owner', clock), customerId);
    await recordConsent(t.ctx('owner', clock), { customerId, channel: 'sms', status: 'opted_out', source: 'sms_reply' });
    clock.set('2031-05-08T12:01:00Z');
    await tick(clock, 'deferred');
    expect(await tenantDb(t.orgId).sends.getOrThrow(deferred.id)).toMatchObject({
      status: 'skipped',
      decision: { reason: 'opted_out' },
      providerMessageId: null,
    });
  });

  it('holds the frequency cap when many marketing sends for one customer race', async () => {
    const ctx = t.ctx('owner', middayClock(9));
    const customerId = await seedMessagingCustomer(t);
    const results = await Promise.all(Array.from({ length: 8 }, () => send(ctx, customerId)));
    expect(results.filter((r) => r.status === 'sent')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'skipped' && r.decision.reason === 'frequency_cap')).toHaveLength(7);
    // Transactional messages are not capped.
    expect((await send(ctx, customerId, 'sms', 'transactional')).status).toBe('sent');
    // A day later the cap has room again.
    const later = new ManualClock(new Date(ctx.clock.now().getTime() + 24 * HOUR + 60_000));
    expect((await send(t.ctx('owner', later), customerId)).status).toBe('sent');
  });

  it('caps email at one marketing message per 16 hours by default', async () => {
    const clock = middayClock(10);
    const customerId = await seedMessagingCustomer(t);
    expect((await send(t.ctx('owner', clock), customerId, 'email')).status).toBe('sent');
    clock.advance(15 * HOUR);
    const capped = await send(t.ctx('owner', clock), customerId, 'email');
    // 15 h later it is 03:00 in Detroit: quiet hours push it to 08:00, which is 20 h after the first.
    expect(capped.status).toBe('deferred');
    const third = await send(t.ctx('owner', clock), customerId, 'email');
    expect(third).toMatchObject({ status: 'skipped', decision: { reason: 'frequency_cap' } });
  });
});

describe('previewSend', () => {
  it('renders and decides without sending or recording anything', async () => {
    const customerId = await seedMessagingCustomer(t, { dateOfBirth: '2011-01-01' });
    const p = await previewSend(t.ctx('owner', middayClock()), { customerId, channel: 'email', kind: 'marketing', templateId: 'win_back', variables: {} });
    expect(p.decision).toMatchObject({ outcome: 'skip', reason: 'under_age' });
    expect(p.message.subject).toBe(`We miss you at Messaging ${t.orgId}`);
    expect(p.message.html).toContain('WELCOME10');
    expect(p.sampled).toContain('offer');
    expect(p.message.headers['List-Unsubscribe']).toMatch(/\/api\/unsubscribe\/preview>$/);
    expect((await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get()).size).toBe(0);
    expect(await tenantDb(t.orgId).messageCaps.get(customerId)).toBeNull();
  });
});
