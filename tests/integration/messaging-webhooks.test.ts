// Mailjet event callbacks and Blackleaf inbound texts through their routes, authenticated with
// basic auth as the providers send it, failing closed.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as mailjetRoute from '@/app/api/webhooks/mailjet/[endpointId]/route';
import * as blackleafRoute from '@/app/api/webhooks/blackleaf/[endpointId]/route';
import { tenantDb } from '@/server/db/tenant-db';
import { rotateMessagingWebhook } from '@/server/services/messaging/messaging-webhooks';
import { sendMessage } from '@/server/services/messaging/send-message';
import { call } from '../support/http';
import { middayClock, seedMessagingCustomer, setProviderEnv, uniquePhone } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let mj: Awaited<ReturnType<typeof rotateMessagingWebhook>>;
let bl: Awaited<ReturnType<typeof rotateMessagingWebhook>>;

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const postMailjet = (raw: string, auth = basic(mj.username, mj.password), endpointId = mj.endpointId) =>
  call(mailjetRoute.POST, { method: 'POST', rawBody: raw, headers: { authorization: auth, 'content-type': 'application/json' }, params: { endpointId } });
const postBlackleaf = (body: unknown, opts: { auth?: string; form?: boolean } = {}) =>
  call(blackleafRoute.POST, {
    method: 'POST',
    rawBody: opts.form ? new URLSearchParams(body as Record<string, string>).toString() : JSON.stringify(body),
    headers: {
      authorization: opts.auth ?? basic(bl.username, bl.password),
      'content-type': opts.form ? 'application/x-www-form-urlencoded' : 'application/json',
    },
    params: { endpointId: bl.endpointId },
  });

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Webhooks');
  [mj, bl] = await Promise.all([rotateMessagingWebhook(t.ctx(), 'mailjet'), rotateMessagingWebhook(t.ctx(), 'blackleaf')]);
});

async function sentEmail() {
  const customerId = await seedMessagingCustomer(t);
  const send = await sendMessage(t.ctx('owner', middayClock()), {
    customerId,
    channel: 'email',
    kind: 'marketing',
    content: { subject: 'Hi', body: '<p>New in</p>' },
    variables: {},
    idempotencyKey: `k:${randomUUID()}`,
    source: { type: 'manual', actorUid: 'u' },
  });
  // Pretend Mailjet gave it a 64-bit id, as the real one does.
  const messageId = (2n ** 60n + BigInt(Math.floor(Math.random() * 1e9))).toString();
  await tenantDb(t.orgId).sends.update(send.id, { provider: 'mailjet', providerMessageId: messageId });
  return { send, customerId, messageId };
}

const event = (type: string, s: { send: { id: string }; messageId: string }, extra: Record<string, unknown> = {}, time = 1_935_000_000) =>
  `{"event":"${type}","time":${time},"MessageID":${s.messageId},"Message_GUID":"${randomUUID()}","email":"jamie@example.com","mj_campaign_id":0,"mj_contact_id":1,"customcampaign":"","CustomID":"${s.send.id}","Payload":${JSON.stringify(JSON.stringify({ orgId: t.orgId, sendId: s.send.id }))}${Object.entries(
    extra,
  )
    .map(([k, v]) => `,"${k}":${JSON.stringify(v)}`)
    .join('')}}`;

describe('Mailjet event webhook', () => {
  it('fails closed: no credentials, wrong password, unknown endpoint, or the other provider’s endpoint', async () => {
    const s = await sentEmail();
    const body = event('open', s);
    expect((await postMailjet(body, '')).status).toBe(401);
    expect((await postMailjet(body, basic(mj.username, `${mj.password}x`))).status).toBe(401);
    expect((await postMailjet(body, basic('someone', mj.password))).status).toBe(401);
    expect((await postMailjet(body, basic(mj.username, mj.password), 'mj_unknown0000')).status).toBe(401);
    expect((await postMailjet(body, basic(bl.username, bl.password), bl.endpointId)).status).toBe(401);
    expect((await tenantDb(t.orgId).sends.getOrThrow(s.send.id)).status).toBe('sent');
  });

  it('applies a grouped array of events with MessageIDs beyond 2^53, to the send and the profile', async () => {
    const s = await sentEmail();
    const raw = `[${event('sent', s, {}, 1_935_000_000)},${event('open', s, { ip: '127.0.0.1', agent: 'x' }, 1_935_000_100)},${event('click', s, { url: 'https://shop.example/new' }, 1_935_000_200)}]`;
    const res = await postMailjet(raw);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ received: 3, applied: 3, unmatched: 0 });
    const send = await tenantDb(t.orgId).sends.getOrThrow(s.send.id);
    expect(send.status).toBe('clicked');
    expect(send.providerMessageId).toBe(s.messageId);
    expect(send.openedAt?.toISOString()).toBe(new Date(1_935_000_100_000).toISOString());
    const customer = await tenantDb(t.orgId).customers.getOrThrow(s.customerId);
    expect(customer.lastEmailOpenAt?.getTime()).toBe(1_935_000_100_000);
    expect(customer.lastEmailClickAt?.getTime()).toBe(1_935_000_200_000);
    // Redelivery changes nothing; an older open does not move the profile back.
    const again = await postMailjet(raw);
    expect(again.body).toMatchObject({ applied: 0, duplicates: 3 });
    await postMailjet(event('open', s, {}, 1_934_000_000));
    expect((await tenantDb(t.orgId).customers.getOrThrow(s.customerId)).lastEmailOpenAt?.getTime()).toBe(1_935_000_100_000);
  });

  it('matches by MessageID alone when CustomID is missing', async () => {
    const s = await sentEmail();
    const res = await postMailjet(`{"event":"open","time":1935000000,"MessageID":${s.messageId},"email":"x@example.com"}`);
    expect(res.body).toMatchObject({ applied: 1 });
    expect((await tenantDb(t.orgId).sends.getOrThrow(s.send.id)).status).toBe('opened');
  });

  it('a hard bounce marks the email undeliverable, so the next email is skipped', async () => {
    const s = await sentEmail();
    await postMailjet(event('bounce', s, { blocked: false, hard_bounce: true, error_related_to: 'recipient', error: 'user unknown' }));
    expect(await tenantDb(t.orgId).sends.getOrThrow(s.send.id)).toMatchObject({ status: 'bounced', lastError: { code: 'hard_bounce' } });
    const customer = await tenantDb(t.orgId).customers.getOrThrow(s.customerId);
    expect(customer.emailUndeliverable?.reason).toMatch(/user unknown/);
    const next = await sendMessage(t.ctx('owner', middayClock(20)), {
      customerId: s.customerId,
      channel: 'email',
      kind: 'transactional',
      content: { subject: 'Receipt', body: '<p>Thanks</p>' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(next).toMatchObject({ status: 'skipped', decision: { reason: 'undeliverable' } });
  });

  it('spam and unsub opt the customer out of email', async () => {
    const a = await sentEmail();
    const b = await sentEmail();
    await postMailjet(`[${event('spam', a, { source: 'JMRPP' })},${event('unsub', b, { mj_list_id: 1 })}]`);
    expect((await tenantDb(t.orgId).customers.getOrThrow(a.customerId)).consent.email).toMatchObject({ status: 'opted_out', source: 'spam_complaint' });
    expect((await tenantDb(t.orgId).customers.getOrThrow(b.customerId)).consent.email).toMatchObject({ status: 'opted_out', source: 'mailjet_unsub' });
    const history = await tenantDb(t.orgId).consentEvents.ref.where('customerId', '==', a.customerId).get();
    expect(history.docs.map((d) => d.data())).toEqual([
      expect.objectContaining({ channel: 'email', status: 'opted_out', previousStatus: 'opted_in', sendId: a.send.id }),
    ]);
  });

  it('ignores events naming another tenant, and refuses bodies that are not events', async () => {
    const s = await sentEmail();
    const forged = event('unsub', s).replace(`\\"orgId\\":\\"${t.orgId}\\"`, '\\"orgId\\":\\"someone-else\\"');
    expect((await postMailjet(forged)).body).toMatchObject({ ignored: 1, applied: 0 });
    expect((await tenantDb(t.orgId).customers.getOrThrow(s.customerId)).consent.email.status).toBe('opted_in');
    expect((await postMailjet('{"nope":true}')).status).toBe(422);
    expect((await postMailjet('not json')).status).toBe(400);
  });

  it('rotating the credentials locks out the old password', async () => {
    const other = await createTestTenant('Rotate');
    const first = await rotateMessagingWebhook(other.ctx(), 'mailjet');
    const second = await rotateMessagingWebhook(other.ctx(), 'mailjet');
    expect(second.endpointId).toBe(first.endpointId);
    expect(second.urlWithCredentials).toMatch(/^http:\/\/bakedbot:.+@.+\/api\/webhooks\/mailjet\/mj_/);
    const body = '{"event":"open","time":1,"MessageID":1}';
    expect((await postMailjet(body, basic(first.username, first.password), first.endpointId)).status).toBe(401);
    expect((await postMailjet(body, basic(second.username, second.password), second.endpointId)).status).toBe(200);
  });
});

describe('Blackleaf inbound SMS webhook', () => {
  const reply = (from: string, body: string, id = randomUUID()) => ({
    type: 'message.received',
    id,
    from,
    to: '+18775550100',
    body,
    receivedAt: '2031-05-06T16:00:00Z',
  });
  const smsSendsTo = async (customerId: string) => (await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());

  // The FCC's revocation words (47 CFR 64.1200(a)(10)) and short replies that plainly ask to stop.
  it.each([
    'STOP',
    'stop',
    '  Stop ',
    'STOPALL',
    'unsubscribe',
    'Cancel',
    'END',
    'quit',
    'Revoke',
    'optout',
    'STOP.',
    'Opt out',
    'OPT-OUT',
    'Stop texting me',
    'please unsubscribe',
    'STOP!!!',
    'opt me out',
  ])('%j opts out, with one confirmation', async (word) => {
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(t, { phone });
    const id = randomUUID();
    const res = await postBlackleaf(reply(phone, word, id));
    expect(res.status).toBe(200);
    const customer = await tenantDb(t.orgId).customers.getOrThrow(customerId);
    expect(customer.consent.sms).toMatchObject({ status: 'opted_out', source: 'sms_reply' });
    // A redelivery and a second STOP send nothing more.
    await postBlackleaf(reply(phone, word, id));
    await postBlackleaf(reply(phone, 'STOP'));
    const sends = await smsSendsTo(customerId);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ status: 'sent', purpose: 'opt_out_confirmation', source: { type: 'system', purpose: 'opt_out_confirmation' } });
    expect(sends[0]!.message.text).toMatch(/unsubscribed.*Reply START/);
    // And marketing is refused from now on.
    const after = await sendMessage(t.ctx('owner', middayClock()), {
      customerId,
      channel: 'sms',
      kind: 'marketing',
      content: { body: 'Sale!' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    expect(after).toMatchObject({ status: 'skipped', decision: { reason: 'opted_out' } });
  });

  it('START opts back in with a confirmation; HELP answers with the dispensary contact; other replies go on the timeline', async () => {
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(t, {
      phone,
      consent: { email: { status: 'opted_in', source: 'pos', at: null }, sms: { status: 'opted_out', source: 'sms_reply', at: new Date() } },
    });
    await postBlackleaf(reply(phone, ' unstop '));
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.sms.status).toBe('opted_in');
    await postBlackleaf(reply(phone, 'help'), { form: true });
    await postBlackleaf(reply(phone, 'Do you have Blue Dream in stock?'));
    const sends = (await smsSendsTo(customerId)).sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    expect(sends.map((s) => s.purpose).sort()).toEqual(['help_reply', 'opt_in_confirmation']);
    expect(sends.find((s) => s.purpose === 'help_reply')!.message.text).toMatch(/Webhooks .*Msg & data rates may apply\. Reply STOP to opt out\./);
    const inbound = (await tenantDb(t.orgId).inboundMessages.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(inbound.map((i) => [i.intent, i.handledAs]).sort()).toEqual([
      ['help', 'help_answered'],
      ['other', 'stored'],
      ['start', 'opted_in'],
    ]);
  });

  it('an ambiguous reply gets exactly one clarification text, which sells nothing, and consent stays', async () => {
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(t, { phone });
    const id = randomUUID();
    const res = await postBlackleaf(reply(phone, 'I want to cancel my order', id));
    expect(res.body.results[0]).toMatchObject({ intent: 'ambiguous', handled: ['clarification_sent'] });
    // A redelivery and a second ambiguous reply the same day send nothing more.
    await postBlackleaf(reply(phone, 'I want to cancel my order', id));
    await postBlackleaf(reply(phone, 'cancel my pickup'));
    const sends = await smsSendsTo(customerId);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ status: 'sent', kind: 'transactional', purpose: 'revocation_clarification', source: { type: 'system' } });
    expect(sends[0]!.message.text).toMatch(/^Webhooks .*: Do you want to stop getting texts from us\? Reply STOP to opt out\./);
    expect(sends[0]!.links).toEqual([]);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.sms.status).toBe('opted_in');
    const inbound = (await tenantDb(t.orgId).inboundMessages.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(inbound.map((i) => [i.intent, i.handledAs]).sort()).toEqual([
      ['ambiguous', 'clarification_sent'],
      ['ambiguous', 'stored'],
    ]);
    // Answering STOP then opts out as usual, with its one confirmation.
    await postBlackleaf(reply(phone, 'STOP'));
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.sms.status).toBe('opted_out');
    expect((await smsSendsTo(customerId)).map((s) => s.purpose).sort()).toEqual(['opt_out_confirmation', 'revocation_clarification']);
  });

  it('ordinary replies that use a revocation word in another sense change nothing and get no text', async () => {
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(t, { phone });
    for (const body of ["I'll stop by after work", 'when do you stop selling?', "Don't stop sending me deals!"]) await postBlackleaf(reply(phone, body));
    expect(await smsSendsTo(customerId)).toEqual([]);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.sms.status).toBe('opted_in');
  });

  it('dispensary settings in a reply are text, never Liquid', async () => {
    const other = await createTestTenant('Liquid');
    const hook = await rotateMessagingWebhook(other.ctx(), 'blackleaf');
    const { getMessagingSettings, updateMessagingSettings } = await import('@/server/services/messaging/messaging-settings');
    const { id: _id, updatedAt: _u, updatedBy: _b, ...current } = await getMessagingSettings(other.ctx());
    const name = "Acme {{ customer.first_name }} {% include 'package.json' %}";
    await updateMessagingSettings(other.ctx(), { ...current, footer: { ...current.footer, businessName: name } });
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(other, { phone });
    const res = await call(blackleafRoute.POST, {
      method: 'POST',
      rawBody: JSON.stringify(reply(phone, 'HELP')),
      headers: { authorization: basic(hook.username, hook.password), 'content-type': 'application/json' },
      params: { endpointId: hook.endpointId },
    });
    expect(res.status).toBe(200);
    const sends = (await tenantDb(other.orgId).sends.ref.where('customerId', '==', customerId).get()).docs.map((d) => d.data());
    expect(sends).toHaveLength(1);
    expect(sends[0]!.message.text).toContain(name);
    expect(sends[0]!.message.text).not.toContain('bakedbot');
  });

  it('keeps a text from an unknown number, and applies delivery receipts', async () => {
    const res = await postBlackleaf(reply(uniquePhone(), 'hello?'));
    expect(res.body.results[0]).toMatchObject({ customers: 0, handled: ['unknown_sender'] });
    const customerId = await seedMessagingCustomer(t);
    const send = await sendMessage(t.ctx('owner', middayClock()), {
      customerId,
      channel: 'sms',
      kind: 'transactional',
      content: { body: 'Ready' },
      variables: {},
      idempotencyKey: `k:${randomUUID()}`,
      source: { type: 'manual', actorUid: 'u' },
    });
    const big = '9007199254740995123';
    await tenantDb(t.orgId).sends.update(send.id, { providerMessageId: big });
    const receipt = await call(blackleafRoute.POST, {
      method: 'POST',
      rawBody: `{"type":"message.status","messageId":${big},"status":"delivered","at":"2031-05-06T16:00:05Z"}`,
      headers: { authorization: basic(bl.username, bl.password), 'content-type': 'application/json' },
      params: { endpointId: bl.endpointId },
    });
    expect(receipt.body.results[0]).toMatchObject({ applied: true });
    expect((await tenantDb(t.orgId).sends.getOrThrow(send.id)).status).toBe('delivered');
  });

  it('fails closed without the right credentials and stores nothing', async () => {
    const phone = uniquePhone();
    const customerId = await seedMessagingCustomer(t, { phone });
    expect((await postBlackleaf(reply(phone, 'STOP'), { auth: basic(bl.username, 'wrong') })).status).toBe(401);
    expect((await postBlackleaf(reply(phone, 'STOP'), { auth: basic(mj.username, mj.password) })).status).toBe(401);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customerId)).consent.sms.status).toBe('opted_in');
    expect((await tenantDb(t.orgId).inboundMessages.ref.where('customerId', '==', customerId).get()).size).toBe(0);
  });
});
