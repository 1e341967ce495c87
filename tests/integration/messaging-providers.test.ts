// The real node-mailjet SDK and our Blackleaf client against local servers speaking their wire
// formats: success, 4xx, 5xx, timeouts, and retries by the tick that never send twice.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, MINUTE } from '@/domain/clock';
import { tenantDb } from '@/server/db/tenant-db';
import { logger } from '@/server/log';
import { dispatchDueSends } from '@/server/services/messaging/dispatch-due-sends';
import { MAX_ATTEMPTS } from '@/server/services/messaging/dispatch-send';
import { sendMessage } from '@/server/services/messaging/send-message';
import { startBlackleafFake, type BlackleafFake } from '../support/fakes/blackleaf';
import { startMailjetFake, type MailjetFake } from '../support/fakes/mailjet';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let mailjet: MailjetFake;
let blackleaf: BlackleafFake;

beforeAll(async () => {
  [mailjet, blackleaf, t] = await Promise.all([startMailjetFake(), startBlackleafFake(), createTestTenant('Providers')]);
  setProviderEnv({
    MAILJET_API_KEY: mailjet.apiKey,
    MAILJET_API_SECRET: mailjet.apiSecret,
    MAILJET_API_URL: mailjet.url,
    BLACKLEAF_API_KEY: blackleaf.apiKey,
    BLACKLEAF_API_URL: blackleaf.url,
    MESSAGING_PROVIDER_TIMEOUT_MS: '400',
  });
});

afterAll(async () => {
  setProviderEnv({});
  await Promise.all([mailjet.close(), blackleaf.close()]);
});

const retryTick = (clock: ManualClock) => dispatchDueSends({ clock, log: logger(), deadline: Date.now() + 30_000, kind: 'retry', orgId: t.orgId });

async function email(clock: ManualClock, over: { templateId?: string } = {}) {
  const customerId = await seedMessagingCustomer(t);
  return sendMessage(t.ctx('owner', clock), {
    customerId,
    channel: 'email',
    kind: 'marketing',
    ...(over.templateId
      ? { templateId: over.templateId }
      : { content: { subject: 'New drops for {{ customer.first_name }}', body: '<p>See <a href="https://shop.example/new">what is new</a>.</p>' } }),
    variables: {},
    idempotencyKey: `k:${randomUUID()}`,
    source: { type: 'manual', actorUid: 'u' },
  });
}

async function sms(clock: ManualClock) {
  const customerId = await seedMessagingCustomer(t);
  return sendMessage(t.ctx('owner', clock), {
    customerId,
    channel: 'sms',
    kind: 'transactional',
    templateId: 'order_ready_sms',
    variables: { order: { id: 'A-17' } },
    idempotencyKey: `k:${randomUUID()}`,
    source: { type: 'manual', actorUid: 'u' },
  });
}

const acceptedFor = (sendId: string) => mailjet.accepted.filter((a) => a.message.CustomID === sendId);

describe('Mailjet (Send API v3.1 through node-mailjet)', () => {
  it('delivers with CustomID, payload, headers and an exact MessageID beyond 2^53', async () => {
    const send = await email(middayClock());
    expect(send.status).toBe('sent');
    const [got] = acceptedFor(send.id);
    expect(got).toBeDefined();
    expect(send.provider).toBe('mailjet');
    expect(send.providerMessageId).toBe(got!.messageId);
    expect(BigInt(send.providerMessageId!)).toBeGreaterThan(2n ** 53n);
    expect(got!.message).toMatchObject({
      Subject: 'New drops for Jamie',
      CustomID: send.id,
      TrackClicks: 'disabled',
      TrackOpens: 'enabled',
      From: { Email: expect.any(String) },
    });
    expect(JSON.parse(got!.message.EventPayload!)).toEqual({ orgId: t.orgId, sendId: send.id });
    expect(got!.message.Headers).toEqual({
      'List-Unsubscribe': expect.stringMatching(/^<http.*\/api\/unsubscribe\/.+>$/),
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(got!.message.HTMLPart).toContain('/r/');
    expect(got!.message.TextPart).toContain('See what is new');
  });

  it('records a 4xx as failed with the provider error, and never retries it', async () => {
    const clock = middayClock();
    mailjet.next({
      status: 400,
      body: {
        Messages: [
          {
            Status: 'error',
            Errors: [
              {
                ErrorIdentifier: 'x',
                ErrorCode: 'mj-0013',
                StatusCode: 400,
                ErrorMessage: '"jamie@" is an invalid email address.',
                ErrorRelatedTo: ['To[0].Email'],
              },
            ],
          },
        ],
      },
    });
    const send = await email(clock);
    expect(send).toMatchObject({ status: 'failed', lastError: { code: 'mailjet_http_400', retryable: false } });
    expect(send.lastError!.message).toContain('is an invalid email address');
    clock.advance(60 * MINUTE);
    await retryTick(clock);
    expect(acceptedFor(send.id)).toHaveLength(0);
  });

  it('queues a 5xx for the tick, which retries with backoff and sends exactly once', async () => {
    const clock = middayClock();
    mailjet.next({ status: 503 }, { status: 500 });
    const first = await email(clock);
    expect(first).toMatchObject({ status: 'queued', attempts: 1, lastError: { code: 'mailjet_http_503', retryable: true } });
    expect(first.dueAt!.getTime() - clock.now().getTime()).toBe(1 * MINUTE);

    clock.advance(30_000);
    await retryTick(clock); // not due yet
    expect((await tenantDb(t.orgId).sends.getOrThrow(first.id)).attempts).toBe(1);

    clock.advance(31_000);
    await retryTick(clock); // second attempt: 500 again, next in 2 minutes
    const second = await tenantDb(t.orgId).sends.getOrThrow(first.id);
    expect(second).toMatchObject({ status: 'queued', attempts: 2 });
    expect(second.dueAt!.getTime() - clock.now().getTime()).toBe(2 * MINUTE);

    clock.advance(2 * MINUTE);
    await Promise.all([retryTick(clock), retryTick(clock), retryTick(clock)]); // concurrent ticks
    const done = await tenantDb(t.orgId).sends.getOrThrow(first.id);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(acceptedFor(first.id)).toHaveLength(1);
  });

  it('gives up after the bounded number of attempts', async () => {
    const clock = middayClock();
    mailjet.next(...Array.from({ length: MAX_ATTEMPTS }, () => ({ status: 502 })));
    const send = await email(clock);
    for (let i = 0; i < MAX_ATTEMPTS + 2; i += 1) {
      clock.advance(61 * MINUTE);
      await retryTick(clock);
    }
    const final = await tenantDb(t.orgId).sends.getOrThrow(send.id);
    expect(final).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, dueAt: null, lastError: { retryable: false } });
    expect(acceptedFor(send.id)).toHaveLength(0);
  });

  it('does not block on a hung provider, and a timeout that was in fact delivered is not sent again', async () => {
    const clock = middayClock();
    mailjet.next('accept-then-hang');
    const send = await email(clock);
    // The caller got its answer after the provider timeout, with the send safely queued.
    expect(send).toMatchObject({ status: 'queued', lastError: { code: 'timeout', retryable: true } });
    expect(acceptedFor(send.id)).toHaveLength(1);
    clock.advance(2 * MINUTE);
    await retryTick(clock);
    const done = await tenantDb(t.orgId).sends.getOrThrow(send.id);
    expect(done.status).toBe('sent');
    expect(done.providerMessageId).toBe(acceptedFor(send.id)[0]!.messageId);
    expect(done.events.some((e) => e.type === 'sent' && /not sent again/.test(e.detail ?? ''))).toBe(true);
    expect(acceptedFor(send.id)).toHaveLength(1);
  });

  it('a timeout that never reached Mailjet is sent on retry', async () => {
    const clock = middayClock();
    mailjet.next('hang');
    const send = await email(clock);
    expect(send.status).toBe('queued');
    clock.advance(2 * MINUTE);
    await retryTick(clock);
    expect((await tenantDb(t.orgId).sends.getOrThrow(send.id)).status).toBe('sent');
    expect(acceptedFor(send.id)).toHaveLength(1);
  });

  it('takes over a send whose worker died mid-delivery, without sending it twice', async () => {
    const clock = middayClock();
    const send = await email(clock);
    // Simulate a crash after Mailjet accepted it but before the result was recorded.
    await tenantDb(t.orgId).sends.update(send.id, {
      status: 'sending',
      providerMessageId: null,
      leaseUntil: new Date(clock.now().getTime() + 2 * MINUTE),
      dueAt: new Date(clock.now().getTime() + 2 * MINUTE),
    });
    clock.advance(MINUTE);
    await retryTick(clock);
    expect((await tenantDb(t.orgId).sends.getOrThrow(send.id)).status).toBe('sending');
    clock.advance(2 * MINUTE);
    await retryTick(clock);
    const done = await tenantDb(t.orgId).sends.getOrThrow(send.id);
    expect(done.status).toBe('sent');
    expect(acceptedFor(send.id)).toHaveLength(1);
  });

  it('uses Mailjet sandbox mode when the dispensary is in sandbox', async () => {
    const clock = middayClock();
    const { getMessagingSettings, updateMessagingSettings } = await import('@/server/services/messaging/messaging-settings');
    const other = await createTestTenant('Sandbox');
    const settings = await getMessagingSettings(other.ctx());
    const { id: _id, updatedAt: _u, updatedBy: _b, ...body } = settings;
    await updateMessagingSettings(other.ctx(), { ...body, sandboxMode: true });
    const customerId = await seedMessagingCustomer(other);
    const send = await sendMessage(other.ctx('owner', clock), {
      customerId,
      channel: 'email',
      kind: 'transactional',
      content: { subject: 'Hi', body: '<p>Hello</p>' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(send).toMatchObject({ status: 'sent', sandbox: true, provider: 'mailjet' });
    expect(acceptedFor(send.id)[0]!.sandbox).toBe(true);
    const text = await sendMessage(other.ctx('owner', clock), {
      customerId,
      channel: 'sms',
      kind: 'transactional',
      content: { body: 'Hi' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(text).toMatchObject({ status: 'sent', provider: 'outbox', sandbox: true });
  });
});

describe('Blackleaf', () => {
  const acceptedSms = (to: string) => blackleaf.accepted.filter((a) => a.to === to);

  it('delivers a text and keeps its message id exact', async () => {
    const send = await sms(middayClock());
    expect(send).toMatchObject({ status: 'sent', provider: 'blackleaf' });
    const [got] = acceptedSms(send.to!);
    expect(got!.body).toMatch(/your order A-17 is ready for pickup/);
    expect(send.providerMessageId).toBe(got!.messageId);
    expect(BigInt(send.providerMessageId!)).toBeGreaterThan(2n ** 53n);
  });

  it('fails a 4xx with the provider message, retries a 5xx and a timeout until delivered once', async () => {
    const clock = middayClock();
    blackleaf.next({ status: 422, body: { status: 'error', message: 'Number is on the carrier block list' } });
    const refused = await sms(clock);
    expect(refused).toMatchObject({ status: 'failed', lastError: { code: 'blackleaf_http_422', message: expect.stringContaining('carrier block list') } });

    blackleaf.next({ status: 503 }, 'hang');
    const send = await sms(clock);
    expect(send).toMatchObject({ status: 'queued', lastError: { code: 'blackleaf_http_503' } });
    clock.advance(MINUTE);
    await retryTick(clock);
    expect(await tenantDb(t.orgId).sends.getOrThrow(send.id)).toMatchObject({ status: 'queued', attempts: 2, lastError: { code: 'timeout' } });
    clock.advance(2 * MINUTE);
    await retryTick(clock);
    expect(await tenantDb(t.orgId).sends.getOrThrow(send.id)).toMatchObject({ status: 'sent', attempts: 3 });
    expect(acceptedSms(send.to!)).toHaveLength(1);
  });

  it('treats an answer with status "error" as a refusal', async () => {
    blackleaf.next({ status: 200, body: { status: 'error', message: 'Insufficient credits' } });
    const send = await sms(middayClock());
    expect(send).toMatchObject({ status: 'failed', lastError: { code: 'blackleaf_error', message: expect.stringContaining('Insufficient credits') } });
  });
});
