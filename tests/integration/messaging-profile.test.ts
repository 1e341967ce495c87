// Sending from a customer's profile: only templates the profile can fill are offered, the server
// still refuses the others, and previews say when they show made-up values.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as previewRoute from '@/app/api/messages/preview/route';
import * as sendRoute from '@/app/api/messages/send/route';
import { tenantDb } from '@/server/db/tenant-db';
import { listProfileTemplates } from '@/server/services/messaging/profile-templates';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let owner: string;

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Profile');
  owner = await t.cookie('owner');
});

describe("the profile's send form", () => {
  it('offers the templates a profile can fill, and marks the others with what they need', async () => {
    const customerId = await seedMessagingCustomer(t);
    const options = await listProfileTemplates(t.ctx('owner'), customerId);
    const byId = Object.fromEntries(options.map((o) => [o.id, o]));
    expect(byId.abandoned_cart_1h).toMatchObject({ sendable: false, reason: 'Needs a cart: sent by the abandoned-cart playbook.' });
    expect(byId.thank_you).toMatchObject({ sendable: false, reason: 'Needs an order: sent by playbooks that start when an order is placed.' });
    expect(byId.restock_notice_sms).toMatchObject({ sendable: false, reason: expect.stringMatching(/^Needs a product/) });
    for (const id of ['welcome', 'win_back', 'birthday', 'vip_welcome', 'points_reminder_sms'])
      expect(byId[id]).toMatchObject({ sendable: true, reason: null });
  });

  it('a template written later that needs an offer is refused by the form and by the server alike', async () => {
    const customerId = await seedMessagingCustomer(t);
    await tenantDb(t.orgId).templates.set({
      id: 'flash_code',
      name: 'Flash code',
      description: '',
      channel: 'sms',
      kind: 'marketing',
      subject: null,
      body: 'Today only: {{ offer.description }} with {{ offer.code }}',
      builtIn: false,
      createdAt: new Date(),
      updatedAt: new Date(),
      updatedBy: null,
    });
    const options = await listProfileTemplates(t.ctx('owner'), customerId);
    expect(options.find((o) => o.id === 'flash_code')).toMatchObject({ sendable: false, reason: 'Needs an offer: sent by playbooks that give an offer.' });
    const res = await call(sendRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'sms', templateId: 'flash_code', idempotencyKey: randomUUID() },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/^“Flash code” needs an offer, which this send does not give \(it is sent by playbooks that give an offer\)\./);
  });

  it('the server refuses the abandoned-cart reminder from a profile with a clear 422 and records nothing', async () => {
    const customerId = await seedMessagingCustomer(t);
    const res = await call(sendRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'email', templateId: 'abandoned_cart_1h', idempotencyKey: randomUUID() },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^“Abandoned cart: 1 hour” needs a cart, which this send does not give \(it is sent by the abandoned-cart playbook\)\./,
    );
    expect((await tenantDb(t.orgId).sends.ref.where('customerId', '==', customerId).get()).size).toBe(0);
  });

  it('sends a template the form offers, as previewed without sample values', async () => {
    const customerId = await seedMessagingCustomer(t, { pointsBalance: 120 });
    const preview = await call(previewRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'email', templateId: 'win_back', sampleMissing: false },
    });
    expect(preview.status).toBe(200);
    // No made-up offer: the customer would read the "points are waiting" branch, and the preview says nothing was invented.
    expect(preview.body.preview).toMatchObject({ example: null, sampled: [] });
    expect(preview.body.preview.message.html).toContain('Your 120 points are waiting for you.');
    expect(preview.body.preview.message.html).not.toContain('WELCOME10');
    const sent = await call(sendRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'email', templateId: 'win_back', idempotencyKey: randomUUID() },
    });
    expect(sent.status).toBe(200);
    // Sent or, outside the send window of the wall clock, deferred: either way recorded with the text previewed.
    expect(['sent', 'deferred']).toContain(sent.body.send.status);
    expect(sent.body.send.message.html).toContain('Your 120 points are waiting for you.');
  });

  it('a strict preview of an unsendable template is the same 422 as the send', async () => {
    const customerId = await seedMessagingCustomer(t);
    const res = await call(previewRoute.POST, {
      method: 'POST',
      cookie: owner,
      body: { customerId, channel: 'email', templateId: 'abandoned_cart_24h', sampleMissing: false },
    });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(/needs a cart/);
  });
});

describe('previews with made-up values', () => {
  it('the editor preview fills only the groups the template uses and labels them as an example', async () => {
    const customerId = await seedMessagingCustomer(t);
    const res = await call(previewRoute.POST, { method: 'POST', cookie: owner, body: { customerId, channel: 'email', templateId: 'abandoned_cart_1h' } });
    expect(res.status).toBe(200);
    expect(res.body.preview).toMatchObject({ sampled: ['cart'], example: 'Example with made-up values: a $62.00 cart.' });
    expect(res.body.preview.message.html).toContain('$62.00');
    const points = await call(previewRoute.POST, { method: 'POST', cookie: owner, body: { customerId, channel: 'sms', templateId: 'points_reminder_sms' } });
    expect(points.body.preview).toMatchObject({ sampled: [], example: null });
  });
});
