import { beforeAll, describe, expect, it } from 'vitest';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as runRoute from '@/app/api/playbooks/[id]/run/route';
import * as dryRunRoute from '@/app/api/playbooks/[id]/dry-run/route';
import * as duplicateRoute from '@/app/api/playbooks/[id]/duplicate/route';
import * as runsRoute from '@/app/api/playbooks/[id]/runs/route';
import * as customerRunsRoute from '@/app/api/customers/[id]/runs/route';
import * as validateRoute from '@/app/api/playbooks/validate/route';
import * as draftDryRunRoute from '@/app/api/playbooks/dry-run/route';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

beforeAll(() => setProviderEnv({}));

async function create(t: TestTenant, body: unknown) {
  return call(playbooksRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), body });
}

describe('the playbook API', () => {
  it('answers 422 with the path of every problem, and the position inside a condition', async () => {
    const t = await createTestTenant();
    const res = await create(t, {
      name: 'Broken',
      triggers: [
        { type: 'event', eventName: 'order.created', filter: 'order.totl >= 100' },
        { type: 'event', eventName: 'order.teleported' },
      ],
      steps: [
        { action: 'send_email', template: 'no_such_template' },
        { action: 'condition', if: 'customer.orderCount == "ten"', then: [], else: [] },
      ],
    });
    expect(res.status).toBe(422);
    const issues = res.body.error.details.issues as Array<{ path: string; message: string; start?: number; end?: number }>;
    expect(issues).toEqual(
      expect.arrayContaining([
        { path: 'triggers.0.filter', message: '"totl" is not a field of order. Did you mean "total"?', start: 6, end: 10 },
        expect.objectContaining({ path: 'triggers.1.eventName', message: expect.stringMatching(/"order.teleported" is not an event/) }),
        expect.objectContaining({ path: 'steps.0.template', message: expect.stringMatching(/no template "no_such_template"/) }),
        expect.objectContaining({ path: 'steps.1.if', message: expect.stringMatching(/Cannot compare number.* with string/) }),
      ]),
    );
    expect((await call(playbooksRoute.GET, { cookie: await t.cookie('admin') })).body.playbooks).toEqual([]);
  });

  it('validates as the builder types, without saving', async () => {
    const t = await createTestTenant();
    const cookie = await t.cookie('budtender');
    const ok = await call(validateRoute.POST, {
      method: 'POST',
      cookie,
      body: {
        name: 'x',
        triggers: [{ type: 'event', eventName: 'checkout.started' }],
        steps: [{ action: 'condition', if: 'checkout.total > 50 and "edible" in checkout.categories', then: [], else: [] }],
      },
    });
    expect(ok.body).toMatchObject({ ok: true, problems: [] });
    const bad = await call(validateRoute.POST, {
      method: 'POST',
      cookie,
      body: {
        name: 'x',
        triggers: [{ type: 'event', eventName: 'checkout.started' }],
        steps: [{ action: 'condition', if: 'order.total > 50', then: [], else: [] }],
      },
    });
    expect(bad.body.problems[0]).toMatchObject({ path: 'steps.0.if', start: 0, end: 5 });
    // Half-written (no name, no steps, a step still empty): the filter is still checked, with its position.
    const unfinished = await call(validateRoute.POST, {
      method: 'POST',
      cookie,
      body: { name: '', triggers: [{ type: 'event', eventName: 'order.created', filter: 'order.totl >= 1' }], steps: [{ action: 'send_email' }] },
    });
    expect(unfinished.body.ok).toBe(false);
    const paths = unfinished.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['name', 'triggers.0.filter']));
    expect(unfinished.body.problems.find((p: { path: string }) => p.path === 'triggers.0.filter')).toMatchObject({ start: 6, end: 10 });
  });

  it('edits make versions, activation is refused to budtenders, deleting an active playbook is refused', async () => {
    const t = await createTestTenant();
    const created = await create(t, { name: 'V', triggers: [{ type: 'manual' }], steps: [{ action: 'add_tag', tag: 'one' }] });
    const id = created.body.playbook.id;
    expect(created.body.playbook).toMatchObject({ status: 'draft', version: 1 });
    const admin = await t.cookie('admin');
    const patched = await call(playbookRoute.PATCH, { method: 'PATCH', cookie: admin, params: { id }, body: { steps: [{ action: 'add_tag', tag: 'two' }] } });
    expect(patched.body.playbook.version).toBe(2);
    const got = await call(playbookRoute.GET, { cookie: await t.cookie('budtender'), params: { id } });
    expect(got.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect((await call(enableRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), params: { id }, body: { enabled: true } })).status).toBe(403);
    expect((await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { tag: 'vip' } })).status).toBe(409);
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id } });
    expect((await call(playbookRoute.DELETE, { method: 'DELETE', cookie: admin, params: { id } })).status).toBe(409);
    const copy = await call(duplicateRoute.POST, { method: 'POST', cookie: admin, params: { id } });
    expect(copy.body.playbook).toMatchObject({ name: 'Copy of V', status: 'draft' });
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { enabled: false } });
    expect((await call(playbookRoute.DELETE, { method: 'DELETE', cookie: admin, params: { id } })).status).toBe(200);
    expect((await call(playbookRoute.GET, { cookie: admin, params: { id } })).status).toBe(404);
  });

  it('runs by hand, lists runs by playbook, status and customer, and counts them for the last 30 days', async () => {
    const t = await createTestTenant();
    const admin = await t.cookie('admin');
    const id = (
      await create(t, {
        name: 'Manual',
        triggers: [{ type: 'manual' }],
        steps: [
          { action: 'add_tag', tag: 'ran' },
          { action: 'send_email', subject: 'Hi', body: '<p>Hi {{ customer.first_name }}</p>', kind: 'transactional' },
        ],
      })
    ).body.playbook.id;
    await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id } });
    const customers = [await seedMessagingCustomer(t), await seedMessagingCustomer(t)];
    const ran = await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { customerIds: [...customers, 'cus_missing'] } });
    expect(ran.body).toMatchObject({ requested: 3, started: 2, notStarted: [{ customerId: 'cus_missing', reason: 'No such customer' }] });
    // Re-entry "never": a second manual run for the same customers starts nothing.
    expect((await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { customerIds: customers } })).body.started).toBe(0);

    const all = await call(runsRoute.GET, { cookie: admin, params: { id }, path: `/api/playbooks/${id}/runs?limit=1` });
    expect(all.body.runs).toHaveLength(1);
    expect(all.body.nextCursor).toBeTruthy();
    const page2 = await call(runsRoute.GET, { cookie: admin, params: { id }, path: `/api/playbooks/${id}/runs?limit=1&cursor=${all.body.nextCursor}` });
    expect(page2.body.runs[0].id).not.toBe(all.body.runs[0].id);
    expect((await call(runsRoute.GET, { cookie: admin, params: { id }, path: `/api/playbooks/${id}/runs?status=completed` })).body.runs).toHaveLength(2);
    expect((await call(runsRoute.GET, { cookie: admin, params: { id }, path: `/api/playbooks/${id}/runs?status=failed` })).body.runs).toHaveLength(0);
    const one = await call(runsRoute.GET, { cookie: admin, params: { id }, path: `/api/playbooks/${id}/runs?customerId=${customers[0]}&status=completed` });
    expect(one.body.runs.map((r: { customerId: string }) => r.customerId)).toEqual([customers[0]]);
    const mine = await call(customerRunsRoute.GET, { cookie: await t.cookie('budtender'), params: { id: customers[1]! } });
    expect(mine.body.runs[0]).toMatchObject({
      playbookId: id,
      status: 'completed',
      stepResults: [expect.objectContaining({ action: 'add_tag' }), expect.objectContaining({ action: 'send_email', status: 'done' })],
    });

    const list = await call(playbooksRoute.GET, { cookie: admin });
    expect(list.body.playbooks[0]).toMatchObject({ playbook: { id }, runs30d: 2, messages30d: 2 });
  });

  it('dry-runs a saved or unsaved playbook for a customer: decisions and reasons, nothing sent or changed', async () => {
    const t = await createTestTenant();
    const admin = await t.cookie('admin');
    const customer = await seedMessagingCustomer(t, {
      consent: {
        email: { status: 'opted_out', source: 'unsubscribe_link', at: new Date('2031-01-01') },
        sms: { status: 'opted_in', source: 'pos', at: new Date('2030-01-01') },
      },
    });
    const definition = {
      name: 'Try me',
      triggers: [{ type: 'event', eventName: 'order.created' }],
      steps: [
        { action: 'send_email', template: 'thank_you', kind: 'marketing' },
        { action: 'wait', duration: '3d' },
        { action: 'condition', if: 'order.total >= 1', then: [{ action: 'add_tag', tag: 'tried' }], else: [] },
        { action: 'send_sms', template: 'points_reminder_sms' },
      ],
    };
    const draft = await call(draftDryRunRoute.POST, {
      method: 'POST',
      cookie: admin,
      body: { definition, options: { customerId: customer, eventData: { order: { total: 120 } } } },
    });
    expect(draft.status).toBe(200);
    const steps = draft.body.steps as Array<{ action: string; status: string; detail: string; depth: number; at: string }>;
    expect(steps.map((s) => [s.action, s.status])).toEqual([
      ['send_email', 'skipped'],
      ['wait', 'waiting'],
      ['condition', 'done'],
      ['add_tag', 'done'],
      ['send_sms', 'done'],
    ]);
    expect(steps[0]!.detail).toMatch(/would not be sent.*Opted out of email/);
    expect(steps[3]!.depth).toBe(1);
    expect(new Date(steps[4]!.at).getTime() - new Date(steps[0]!.at).getTime()).toBe(3 * 86_400_000);

    const id = (await create(t, definition)).body.playbook.id;
    const saved = await call(dryRunRoute.POST, { method: 'POST', cookie: admin, params: { id }, body: { customerId: customer } });
    expect(saved.body.steps).toHaveLength(steps.length - 1 + (saved.body.steps.some((s: { action: string }) => s.action === 'add_tag') ? 1 : 0));
    // Nothing was sent, tagged or recorded.
    const { tenantDb } = await import('@/server/db/tenant-db');
    expect((await tenantDb(t.orgId).sends.ref.get()).size).toBe(0);
    expect((await tenantDb(t.orgId).runs.ref.get()).size).toBe(0);
    expect((await tenantDb(t.orgId).customers.getOrThrow(customer)).tags).toEqual([]);
  });

  it('refuses a composed send with nothing to fall back on when Craig is unavailable', async () => {
    const t = await createTestTenant();
    const compose = (channel: 'email' | 'sms') => ({ action: 'ai_compose', channel, brief: { goal: 'Thank them' } });
    const res = await create(t, {
      name: 'Composed',
      triggers: [{ type: 'manual' }],
      steps: [compose('email'), { action: 'send_email', useComposed: true }, compose('sms'), { action: 'send_sms', useComposed: true }],
    });
    expect(res.status).toBe(422);
    const issues = res.body.error.details.issues as Array<{ path: string; message: string }>;
    expect(issues).toEqual([
      { path: 'steps.1.template', message: expect.stringMatching(/fallback template/) },
      { path: 'steps.3.template', message: expect.stringMatching(/fallback template/) },
    ]);
    // With a fallback template (or written copy, with its subject) it saves.
    const ok = await create(t, {
      name: 'Composed',
      triggers: [{ type: 'manual' }],
      steps: [
        compose('email'),
        { action: 'send_email', useComposed: true, template: 'thank_you' },
        compose('sms'),
        { action: 'send_sms', useComposed: true, body: 'Thanks!' },
      ],
    });
    expect(ok.status).toBe(201);
    const noSubject = await create(t, {
      name: 'Composed',
      triggers: [{ type: 'manual' }],
      steps: [compose('email'), { action: 'send_email', useComposed: true, body: '<p>Thanks</p>' }],
    });
    expect(noSubject.status).toBe(422);
    expect(noSubject.body.error.details.issues).toEqual([{ path: 'steps.1.subject', message: 'An email needs a subject' }]);
  });

  it('checks a wait_for_event filter against what the awaited event provides, not the trigger', async () => {
    const t = await createTestTenant();
    const waitFor = (filter: string) => ({
      name: 'Abandoned',
      triggers: [{ type: 'event', eventName: 'checkout.started' }],
      entry: { runKey: 'checkoutToken' },
      steps: [{ action: 'wait_for_event', eventName: 'order.created', timeout: '1h', filter, onEvent: [], onTimeout: [] }],
    });
    // The trigger's checkout is not there when the order arrives: it would read as empty.
    const res = await create(t, waitFor('checkout.total > 50'));
    expect(res.status).toBe(422);
    expect(res.body.error.details.issues).toEqual([
      expect.objectContaining({ path: 'steps.0.filter', message: expect.stringMatching(/"checkout" is not available here/), start: 0, end: 8 }),
    ]);
    // The awaited event, its envelope, the customer and vars are.
    for (const filter of [
      'order.total > 50',
      'event.name == "order.created" and "edible" in order.categories',
      'customer.orderCount >= 1',
      'vars.split_x == "A"',
    ]) {
      expect((await create(t, waitFor(filter))).status, filter).toBe(201);
    }
  });
});
