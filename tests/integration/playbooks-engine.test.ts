import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock, HOUR, MINUTE } from '@/domain/clock';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as galleryInstall from '@/app/api/playbooks/gallery/[key]/route';
import { call } from '../support/http';
import { setProviderEnv, uniquePhone } from '../support/messaging';
import { activePlaybook, ageCheckedAtCheckout, customerByEmail, nextUid, runsOf, sendsTo, shopify, tick } from '../support/playbooks';
import { createTestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

// Noon in Detroit, well in the future so no real-time tick of another test file touches it.
const T0 = '2031-06-03T16:00:00Z';

beforeAll(() => setProviderEnv({}));

function person() {
  const id = randomUUID().slice(0, 8);
  return { firstName: 'Sam', lastName: `Lee-${id}`, email: `sam-${id}@example.com`, phone: uniquePhone() };
}

describe('playbooks started by signed webhooks', () => {
  it('the seed example, created through the API, emails the thank-you while the webhook is being processed', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    const created = await call(playbooksRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      body: {
        name: 'Order Thank You',
        triggers: [{ type: 'event', eventName: 'order.created' }],
        steps: [{ action: 'send_email', to: '{{customer.email}}', template: 'thank_you' }],
      },
    });
    expect(created.status).toBe(201);
    const id = created.body.playbook.id as string;
    expect(
      (await call(enableRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id }, body: { enabled: true } })).body.playbook.status,
    ).toBe('active');

    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = person();
    // No tick is called: everything below happens in the processing the webhook itself set off.
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person: p });
    const customer = await customerByEmail(t.orgId, p.email);
    expect(customer).not.toBeNull();
    const sends = await sendsTo(t.orgId, customer!.id);
    expect(sends).toHaveLength(1);
    expect(sends[0]).toMatchObject({ channel: 'email', templateId: 'thank_you', status: 'sent', to: p.email, source: { type: 'playbook', playbookId: id } });
    expect(sends[0]!.message.html).toContain('points');
    const [run] = await runsOf(t.orgId, id);
    expect(run).toMatchObject({ status: 'completed', customerId: customer!.id, keyKind: 'orderId' });
    expect(run!.stepResults.map((r) => [r.action, r.status])).toEqual([['send_email', 'done']]);
  });

  it('a redelivered order starts no second run; the next order starts its own', async () => {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    const playbook = await activePlaybook(t, {
      name: 'Thanks',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [{ action: 'send_email', template: 'thank_you', kind: 'transactional' }],
    });
    const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
    const p = person();
    const first = nextUid();
    await shopify(clock, ep, 'orders/create', { uid: first, person: p });
    await shopify(clock, ep, 'orders/create', { uid: first, person: p });
    clock.advance(2 * HOUR);
    await shopify(clock, ep, 'orders/create', { uid: nextUid(), person: p });
    const runs = await runsOf(t.orgId, playbook.id);
    expect(runs).toHaveLength(2);
    const customer = await customerByEmail(t.orgId, p.email);
    expect(await sendsTo(t.orgId, customer!.id)).toHaveLength(2);
  });
});

describe('the abandoned-checkout journey (gallery), with an injected clock', () => {
  async function setUp() {
    const t = await createTestTenant();
    const clock = new ManualClock(T0);
    await ageCheckedAtCheckout(t, clock);
    const installed = await call(galleryInstall.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { key: 'abandoned_checkout' } });
    expect(installed.status).toBe(201);
    await call(enableRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id: installed.body.playbook.id }, body: { enabled: true } });
    return { t, clock, playbookId: installed.body.playbook.id as string, ep: await makeEndpoint(t.ctx('admin'), 'shopify') };
  }

  it('sends three reminders, at 1 h, 24 h and 72 h, when no order follows', async () => {
    const { t, clock, playbookId, ep } = await setUp();
    const p = person();
    await shopify(clock, ep, 'checkouts/create', { uid: nextUid(), person: p });
    const customer = (await customerByEmail(t.orgId, p.email))!;
    const [waiting] = await runsOf(t.orgId, playbookId);
    expect(waiting).toMatchObject({ status: 'waiting', keyKind: 'checkoutToken', waitingFor: { eventName: 'order.created', keyKind: 'checkoutToken' } });

    clock.advance(59 * MINUTE);
    await tick(t.orgId, clock);
    expect(await sendsTo(t.orgId, customer.id)).toHaveLength(0);

    const expected = [
      [2 * MINUTE, ['abandoned_cart_1h']],
      [23 * HOUR, ['abandoned_cart_1h', 'abandoned_cart_24h']],
      [48 * HOUR, ['abandoned_cart_1h', 'abandoned_cart_24h', 'abandoned_cart_72h']],
      [30 * 24 * HOUR, ['abandoned_cart_1h', 'abandoned_cart_24h', 'abandoned_cart_72h']],
    ] as const;
    for (const [advance, templates] of expected) {
      clock.advance(advance);
      await tick(t.orgId, clock);
      const sends = await sendsTo(t.orgId, customer.id);
      expect(sends.map((s) => s.templateId)).toEqual(templates);
      expect(sends.every((s) => s.status === 'sent')).toBe(true);
    }
    expect((await sendsTo(t.orgId, customer.id)).map((s) => s.channel)).toEqual(['email', 'email', 'sms']);
    const [done] = await runsOf(t.orgId, playbookId);
    expect(done!.status).toBe('completed');
    expect(done!.stepResults.find((r) => r.action === 'wait_for_event')).toMatchObject({ branch: 'onTimeout' });
  });

  it('sends nothing when the order follows within the hour', async () => {
    const { t, clock, playbookId, ep } = await setUp();
    const p = person();
    const checkout = nextUid();
    await shopify(clock, ep, 'checkouts/create', { uid: checkout, person: p });
    clock.advance(20 * MINUTE);
    await shopify(clock, ep, 'orders/create', { uid: checkout, person: p });
    for (const advance of [HOUR, 24 * HOUR, 72 * HOUR]) {
      clock.advance(advance);
      await tick(t.orgId, clock);
    }
    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect(await sendsTo(t.orgId, customer.id)).toEqual([]);
    const [run] = await runsOf(t.orgId, playbookId);
    expect(['completed', 'exited']).toContain(run!.status);
  });

  it('stops after the first reminder when they buy before the second', async () => {
    const { t, clock, playbookId, ep } = await setUp();
    const p = person();
    const checkout = nextUid();
    await shopify(clock, ep, 'checkouts/create', { uid: checkout, person: p });
    clock.advance(61 * MINUTE);
    await tick(t.orgId, clock);
    clock.advance(3 * HOUR);
    await shopify(clock, ep, 'orders/create', { uid: checkout, person: p });
    for (const advance of [24 * HOUR, 72 * HOUR]) {
      clock.advance(advance);
      await tick(t.orgId, clock);
    }
    const customer = (await customerByEmail(t.orgId, p.email))!;
    expect((await sendsTo(t.orgId, customer.id)).map((s) => s.templateId)).toEqual(['abandoned_cart_1h']);
    const [run] = await runsOf(t.orgId, playbookId);
    expect(run).toMatchObject({ status: 'exited', exitedBy: { eventName: 'order.created' } });
  });
});
