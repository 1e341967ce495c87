// Budtenders receive no revenue from any API: every surface that carries money is read here as a
// budtender (the amounts are absent) and as an owner (they are present), after one real order has
// run through a signed webhook and a playbook that notifies, assigns tasks and emails.
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@/domain/clock';
import * as customersRoute from '@/app/api/customers/route';
import * as customerRoute from '@/app/api/customers/[id]/route';
import * as customerRunsRoute from '@/app/api/customers/[id]/runs/route';
import * as timelineRoute from '@/app/api/customers/[id]/messages/route';
import * as playbookRunsRoute from '@/app/api/playbooks/[id]/runs/route';
import * as sendsRoute from '@/app/api/messages/sends/route';
import * as sendRoute from '@/app/api/messages/sends/[id]/route';
import * as tasksRoute from '@/app/api/tasks/route';
import * as dryRunRoute from '@/app/api/playbooks/dry-run/route';
import * as savedDryRunRoute from '@/app/api/playbooks/[id]/dry-run/route';
import type { Role } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { getCustomerCounts, getSalesOverview } from '@/server/services/dashboard/get-overview';
import { call } from '../support/http';
import { setProviderEnv, uniquePhone } from '../support/messaging';
import { activePlaybook, customerByEmail, nextUid, shopify } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

// Noon in Detroit, in the future, so no real-time tick of another test file touches it.
const clock = new ManualClock('2031-07-08T16:00:00Z');

/** Any money in a JSON answer: an amount field, or a formatted dollar figure in some text. */
const MONEY = /Cents"|"lifetime_?[vV]alue|"avgOrder|"total"|"subtotal"|"amount"|"price"|\$\d/;

let t: TestTenant;
let customerId: string;
let playbookId: string;

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant();
  const who = (title: string) => `${title} {{ customer.name }}`;
  const playbook = await activePlaybook(
    t,
    {
      name: 'Order follow-up',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [
        { action: 'notify_staff', title: who('Big order from'), message: 'Order of {{ order.totalCents | money }}' },
        { action: 'notify_staff', title: who('New order from'), message: '{{ order.itemCount }} items' },
        { action: 'create_task', title: `${who('Thank')} for the {{ order.totalCents | money }} order`, assignRole: 'budtender', dueIn: '1d' },
        { action: 'create_task', title: `${who('Review')}: {{ order.totalCents | money }}`, assignRole: 'admin', dueIn: '1d' },
        { action: 'send_email', template: 'thank_you' },
        { action: 'send_email', subject: 'Hello', body: '<p>Hi {{ customer.first_name }}, see you soon.</p>', kind: 'transactional' },
      ],
    },
    clock,
  );
  playbookId = playbook.id;
  const ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  const id = randomUUID().slice(0, 8);
  const person = { firstName: 'Rae', lastName: `Quinn-${id}`, email: `rae-${id}@example.com`, phone: uniquePhone() };
  await shopify(clock, ep, 'orders/create', { uid: nextUid(), person });
  const customer = await customerByEmail(t.orgId, person.email);
  customerId = customer!.id;
  // The order really carried money, so an absence below is the shaping, not an empty order.
  expect(customer!.lifetimeValueCents).toBeGreaterThan(0);
});

const get = async (role: Role, handler: unknown, path: string, params: Record<string, string> = {}) => {
  const res = await call(handler, { cookie: await t.cookie(role), path, params });
  expect(res.status, `${role} ${path}`).toBe(200);
  return res.body;
};

describe('customers', () => {
  it('the list: budtenders get points, consent, tags and visits but no lifetime or average value', async () => {
    const row = (body: { customers: Array<Record<string, unknown>> }) => body.customers.find((c) => c.id === customerId)!;
    const counter = await get('budtender', customersRoute.GET, '/api/customers');
    expect(row(counter)).toMatchObject({ orderCount: 1, pointsBalance: expect.any(Number), tags: expect.any(Array), consent: expect.any(Object) });
    expect(row(counter)).not.toHaveProperty('lifetimeValueCents');
    expect(row(counter)).not.toHaveProperty('avgOrderValueCents');
    expect(JSON.stringify(counter)).not.toMatch(MONEY);
    const owner = await get('owner', customersRoute.GET, '/api/customers');
    expect(row(owner).lifetimeValueCents).toBeGreaterThan(0);
    expect(row(owner).avgOrderValueCents).toBeGreaterThan(0);
  });

  it('sorting by lifetime value (a ranking by revenue) is refused to budtenders', async () => {
    const refused = await call(customersRoute.GET, { cookie: await t.cookie('budtender'), path: '/api/customers?sort=value' });
    expect(refused.status).toBe(403);
    expect((await get('admin', customersRoute.GET, '/api/customers?sort=value')).customers[0].id).toBe(customerId);
  });

  it('the profile: what was bought (names, quantities, categories) without any amount', async () => {
    const counter = await get('budtender', customerRoute.GET, `/api/customers/${customerId}`, { id: customerId });
    expect(counter.customer).not.toHaveProperty('lifetimeValueCents');
    const [order] = counter.orders;
    expect(order).toMatchObject({ status: expect.any(String), placedAt: expect.any(String) });
    expect(Object.keys(order.lineItems[0]).sort()).toEqual(['category', 'name', 'productId', 'quantity', 'sku']);
    expect(order.lineItems[0]).toMatchObject({ name: expect.any(String), quantity: expect.any(Number) });
    for (const field of ['totalCents', 'subtotalCents', 'taxCents', 'discountCents', 'refundedCents']) expect(order).not.toHaveProperty(field);
    expect(JSON.stringify(counter)).not.toMatch(MONEY);

    const owner = await get('owner', customerRoute.GET, `/api/customers/${customerId}`, { id: customerId });
    expect(owner.customer.lifetimeValueCents).toBeGreaterThan(0);
    expect(owner.orders[0].totalCents).toBeGreaterThan(0);
    expect(owner.orders[0].lineItems[0].unitPriceCents).toEqual(expect.any(Number));
  });
});

describe('playbook runs', () => {
  it("a budtender sees where a run is and what it did, not the order's data or the customer's value", async () => {
    for (const [handler, path, params] of [
      [customerRunsRoute.GET, `/api/customers/${customerId}/runs`, { id: customerId }],
      [playbookRunsRoute.GET, `/api/playbooks/${playbookId}/runs`, { id: playbookId }],
    ] as const) {
      const counter = await get('budtender', handler, path, params);
      const [run] = counter.runs;
      expect(run).toMatchObject({ playbookId, status: 'completed', context: { event: { name: 'order.created' }, vars: {} } });
      expect(run.context.event).not.toHaveProperty('data');
      expect(run.context.customer).toMatchObject({ firstName: 'Rae' });
      expect(run.stepResults.map((r: { action: string }) => r.action)).toEqual([
        'notify_staff',
        'notify_staff',
        'create_task',
        'create_task',
        'send_email',
        'send_email',
      ]);
      // Step details quote staff texts without their amounts.
      expect(run.stepResults[3].detail).toMatch(/^Created the task “Review Rae Quinn-\w+: …” for admins$/);
      expect(JSON.stringify(counter)).not.toMatch(MONEY);

      const owner = await get('owner', handler, path, params);
      expect(owner.runs[0].context.event.data.order.totalCents).toBeGreaterThan(0);
      expect(owner.runs[0].context.customer.lifetimeValueCents).toBeGreaterThan(0);
    }
  });

  it('dry runs (which evaluate conditions on real amounts) are for owners and admins', async () => {
    const definition = { name: 'Probe', triggers: [{ type: 'manual' }], steps: [{ action: 'condition', if: 'customer.lifetimeValueCents > 10000', then: [] }] };
    const body = { definition, options: { customerId } };
    expect((await call(dryRunRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), body })).status).toBe(403);
    const saved = { method: 'POST', params: { id: playbookId }, body: { customerId } };
    expect((await call(savedDryRunRoute.POST, { ...saved, cookie: await t.cookie('budtender') })).status).toBe(403);
    expect((await call(savedDryRunRoute.POST, { ...saved, cookie: await t.cookie('admin') })).status).toBe(200);
  });
});

describe('messages', () => {
  it('a budtender sees every send and its reasons; the text only when it quotes no amount', async () => {
    const bySubject = (sends: Array<{ id: string; templateId: string | null; message: { subject: string } | null }>) => ({
      receipt: sends.find((s) => s.templateId === 'thank_you')!,
      hello: sends.find((s) => s.templateId === null)!,
    });
    const counter = bySubject((await get('budtender', sendsRoute.GET, '/api/messages/sends')).sends);
    expect(counter.receipt).toMatchObject({ status: 'sent', message: null, decision: { outcome: 'send' } });
    expect(counter.hello.message).toMatchObject({ subject: 'Hello' });
    const one = await get('budtender', sendRoute.GET, `/api/messages/sends/${counter.receipt.id}`, { id: counter.receipt.id });
    expect(one.send.message).toBeNull();
    const timeline = await get('budtender', timelineRoute.GET, `/api/customers/${customerId}/messages`, { id: customerId });
    expect(timeline.timeline.filter((i: { kind: string }) => i.kind === 'send')).toHaveLength(2);
    for (const body of [counter, one, timeline]) expect(JSON.stringify(body)).not.toMatch(MONEY);

    const owner = bySubject((await get('owner', sendsRoute.GET, '/api/messages/sends')).sends);
    expect(owner.receipt.message!.subject).toMatch(/Thanks for your order/);
    expect(JSON.stringify(owner.receipt)).toMatch(/\$\d/);
  });
});

describe('notifications and tasks', () => {
  it('a notification quoting an amount is for owners and admins; one without is for all staff', async () => {
    const stored = (await tenantDb(t.orgId).notifications.ref.get()).docs.map((d) => d.data());
    expect(stored.find((n) => n.title.startsWith('Big order'))).toMatchObject({ audience: 'owners_admins', body: expect.stringMatching(/\$\d/) });
    expect(stored.find((n) => n.title.startsWith('New order'))).toMatchObject({ audience: 'all_staff' });
  });

  it("a budtender's task shows no amount; an admin's task keeps it", async () => {
    const counter = await get('budtender', tasksRoute.GET, '/api/tasks');
    expect(counter.tasks).toHaveLength(1);
    expect(counter.tasks[0].title).toMatch(/^Thank Rae Quinn-\w+ for the … order$/);
    expect(JSON.stringify(counter)).not.toMatch(MONEY);
    const admin = await get('admin', tasksRoute.GET, '/api/tasks?assignRole=admin');
    expect(admin.tasks[0].title).toMatch(/^Review Rae Quinn-\w+: \$\d/);
  });
});

describe('the overview', () => {
  it('sales figures are computed for owners and admins only; customer counts for everyone', async () => {
    const later = new ManualClock(clock.now().getTime() + 3_600_000);
    expect(await getSalesOverview(t.ctx('budtender', later))).toBeNull();
    expect((await getCustomerCounts(t.ctx('budtender', later))).customers).toBe(1);
    const sales = await getSalesOverview(t.ctx('owner', later));
    expect(sales).toMatchObject({ orders30d: 1, grossSales30dCents: expect.any(Number) });
    expect(sales!.grossSales30dCents).toBeGreaterThan(0);
  });
});
