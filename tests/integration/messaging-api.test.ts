// The dashboard's messaging API: templates with save-time validation, settings with their limits,
// sending and previewing, staff consent changes and the customer's timeline.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as sendRoute from '@/app/api/messages/send/route';
import * as previewRoute from '@/app/api/messages/preview/route';
import * as templatesRoute from '@/app/api/messages/templates/route';
import * as templateRoute from '@/app/api/messages/templates/[id]/route';
import * as settingsRoute from '@/app/api/settings/messaging/route';
import * as webhooksRoute from '@/app/api/settings/messaging/webhooks/route';
import * as consentRoute from '@/app/api/customers/[id]/consent/route';
import * as timelineRoute from '@/app/api/customers/[id]/messages/route';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let owner: string;

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Api');
  owner = await t.cookie('owner');
});

describe('templates', () => {
  it('every new dispensary starts with the default set, addressable by key', async () => {
    const res = await call(templatesRoute.GET, { cookie: await t.cookie('budtender') });
    expect(res.status).toBe(200);
    const keys = res.body.templates.map((x: { id: string }) => x.id);
    for (const k of ['welcome', 'thank_you', 'abandoned_cart_1h', 'win_back', 'birthday', 'review_request', 'restock_notice', 'vip_welcome'])
      expect(keys).toContain(k);
    expect((await call(templateRoute.GET, { cookie: owner, params: { id: 'thank_you' } })).body.template).toMatchObject({
      id: 'thank_you',
      channel: 'email',
      builtIn: true,
    });
  });

  it('names unknown variables at save time and refuses content that breaks the rules', async () => {
    const bad = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { key: 'promo_x', name: 'Promo', channel: 'email', kind: 'marketing', subject: 'Hi {{ customer.nickname }}', body: '<p>Hi</p>' },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.details.issues).toEqual([{ path: 'subject', message: expect.stringMatching(/"customer\.nickname" is not a variable/) }]);
    const claim = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { key: 'promo_y', name: 'Promo', channel: 'sms', kind: 'marketing', body: 'Our gummies cure insomnia' },
    });
    expect(claim.status).toBe(422);
    expect(claim.body.error.message).toMatch(/health or medical claim/);
    const noSubject = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { key: 'promo_z', name: 'Promo', channel: 'email', kind: 'marketing', body: '<p>Hi</p>' },
    });
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.error.details.issues[0].path).toBe('subject');
  });

  it('creates, shows the SMS segment count, updates and deletes a template; keys are unique', async () => {
    const long =
      'Big weekend sale on all pre-rolls and vapes at our Detroit and Iron Mountain stores, with new strains from local growers. Ask your budtender. See you soon!';
    const created = await call(templatesRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { key: 'weekend_sale', name: 'Weekend sale', channel: 'sms', kind: 'marketing', body: long },
    });
    expect(created.status).toBe(201);
    expect(created.body.segments).toMatchObject({ count: 2, encoding: 'GSM-7' });
    expect(
      (
        await call(templatesRoute.POST, {
          method: 'POST',
          cookie: owner,
          body: { key: 'weekend_sale', name: 'Again', channel: 'sms', kind: 'marketing', body: 'x' },
        })
      ).status,
    ).toBe(409);
    const updated = await call(templateRoute.PUT, {
      method: 'PUT',
      cookie: owner,
      params: { id: 'weekend_sale' },
      body: { name: 'Weekend sale', channel: 'sms', kind: 'marketing', body: 'Weekend sale on pre-rolls!' },
    });
    expect(updated.body.segments.count).toBe(1);
    expect((await call(templateRoute.DELETE, { method: 'DELETE', cookie: owner, params: { id: 'weekend_sale' } })).status).toBe(200);
    expect((await call(templateRoute.GET, { cookie: owner, params: { id: 'weekend_sale' } })).status).toBe(404);
    expect((await call(templateRoute.DELETE, { method: 'DELETE', cookie: owner, params: { id: 'welcome' } })).status).toBe(409);
  });
});

describe('settings', () => {
  const current = async () => {
    const { id: _i, updatedAt: _u, updatedBy: _b, ...body } = (await call(settingsRoute.GET, { cookie: owner })).body.settings;
    return body;
  };

  it('starts from the strict defaults and the dispensary’s own name and address', async () => {
    const res = await call(settingsRoute.GET, { cookie: owner });
    expect(res.body.settings).toMatchObject({
      sendWindow: { start: '08:00', end: '21:00' },
      caps: { email: { max: 1, windowHours: 16 }, sms: { max: 1, windowHours: 24 } },
      requireAgeVerification: true,
      sandboxMode: false,
      footer: { businessName: `Api ${t.orgId}`, address: '1 Main St, Detroit, MI 48226' },
    });
    expect(res.body.providers).toEqual({ email: 'outbox', sms: 'outbox' });
  });

  it('never allows a window wider than 08:00-21:00 and says which field is wrong', async () => {
    const body = await current();
    const early = await call(settingsRoute.PUT, { method: 'PUT', cookie: owner, body: { ...body, sendWindow: { start: '07:30', end: '20:00' } } });
    expect(early.status).toBe(422);
    expect(early.body.error.details.issues).toEqual([{ path: 'sendWindow.start', message: 'Messages may not start before 08:00' }]);
    const late = await call(settingsRoute.PUT, {
      method: 'PUT',
      cookie: owner,
      body: { ...body, sendWindow: { start: '09:00', end: '22:00' }, caps: { ...body.caps, sms: { max: 0, windowHours: 24 } } },
    });
    expect(late.body.error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(['caps.sms.max', 'sendWindow.end']);
    const ok = await call(settingsRoute.PUT, {
      method: 'PUT',
      cookie: owner,
      body: { ...body, sendWindow: { start: '10:00', end: '18:00' }, brandVoice: 'Laid back, Great Lakes proud.' },
    });
    expect(ok.status).toBe(200);
    expect(ok.body.settings).toMatchObject({ sendWindow: { start: '10:00', end: '18:00' }, updatedBy: t.users.owner.uid });
  });

  it('gives a webhook URL with credentials once, and lists it without them', async () => {
    const res = await call(webhooksRoute.POST, { method: 'POST', cookie: owner, body: { provider: 'blackleaf' } });
    expect(res.body.webhook.urlWithCredentials).toMatch(/^http:\/\/bakedbot:[\w-]{20,}@.*\/api\/webhooks\/blackleaf\/bl_/);
    const list = (await call(settingsRoute.GET, { cookie: owner })).body.webhooks;
    expect(list).toEqual([expect.objectContaining({ provider: 'blackleaf', endpointId: res.body.webhook.endpointId })]);
    expect(JSON.stringify(list)).not.toContain(res.body.webhook.password);
  });
});

describe('sending from the dashboard', () => {
  it('previews, then sends once for one form submission, and the timeline shows it', async () => {
    const customerId = await seedMessagingCustomer(t);
    const preview = await call(previewRoute.POST, { method: 'POST', cookie: owner, body: { customerId, channel: 'sms', templateId: 'points_reminder_sms' } });
    expect(preview.status).toBe(200);
    expect(preview.body.preview).toMatchObject({ kind: 'marketing', message: { segments: { count: expect.any(Number) } } });
    const idempotencyKey = randomUUID();
    const body = { customerId, channel: 'email', templateId: 'vip_welcome', idempotencyKey };
    const [a, b] = await Promise.all([
      call(sendRoute.POST, { method: 'POST', cookie: owner, body }),
      call(sendRoute.POST, { method: 'POST', cookie: owner, body }),
    ]);
    expect(a.body.send.id).toBe(b.body.send.id);
    expect(a.body.send.source).toEqual({ type: 'manual', actorUid: t.users.owner.uid });
    const timeline = await call(timelineRoute.GET, { cookie: await t.cookie('budtender'), params: { id: customerId } });
    expect(timeline.body.timeline.filter((i: { kind: string }) => i.kind === 'send')).toHaveLength(1);
  });

  it('refuses a send that names both a template and content, or neither', async () => {
    const customerId = await seedMessagingCustomer(t);
    const both = await call(sendRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'sms', templateId: 'welcome_sms', content: { body: 'x' }, idempotencyKey: randomUUID() },
    });
    expect(both.status).toBe(422);
    const wrongChannel = await call(sendRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'sms', templateId: 'welcome', idempotencyKey: randomUUID() },
    });
    expect(wrongChannel.status).toBe(422);
    expect(wrongChannel.body.error.message).toMatch(/is for email, not sms/);
  });

  it('staff record an opt-out and an opt-in with source and time, kept in the history', async () => {
    const customerId = await seedMessagingCustomer(t);
    // Counter consent carries the disclosure the page showed (GET answers it) and is kept as in_store (docs/crm.md, The customer page).
    const { disclosures } = (await call(consentRoute.GET, { cookie: owner, params: { id: customerId } })).body;
    const out = await call(consentRoute.POST, {
      method: 'POST',
      cookie: owner,
      params: { id: customerId },
      body: { channel: 'sms', status: 'opted_out', note: 'Asked at the counter', disclosure: disclosures.sms.opted_out },
    });
    expect(out.body).toMatchObject({ changed: true, consent: { sms: { status: 'opted_out', source: 'in_store' } } });
    const back = await call(consentRoute.POST, {
      method: 'POST',
      cookie: owner,
      params: { id: customerId },
      body: { channel: 'sms', status: 'opted_in', disclosure: disclosures.sms.opted_in },
    });
    expect(back.body.consent.sms.status).toBe('opted_in');
    const timeline = (await call(timelineRoute.GET, { cookie: owner, params: { id: customerId } })).body.timeline;
    const changes = timeline
      .filter((i: { kind: string }) => i.kind === 'consent')
      .map((i: { consent: { status: string; actor: string; note: string | null; source: string } }) => [
        i.consent.status,
        i.consent.source,
        i.consent.actor,
        i.consent.note,
      ]);
    expect(changes.sort()).toEqual([
      ['opted_in', 'in_store', t.users.owner.uid, null],
      ['opted_out', 'in_store', t.users.owner.uid, 'Asked at the counter'],
    ]);
  });
});
