import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DAY, HOUR } from '@/domain/clock';
import type { Role } from '@/domain/roles';
import type { StaffTask } from '@/domain/task';
import * as tasksRoute from '@/app/api/tasks/route';
import * as taskRoute from '@/app/api/tasks/[id]/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as runRoute from '@/app/api/playbooks/[id]/run/route';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from '../support/http';
import { seedCustomer } from '../support/fixtures';
import { createTestTenant, type TestTenant } from '../support/tenant';

interface TaskJson {
  id: string;
  title: string;
  description: string;
  customerId: string | null;
  customerName: string | null;
  assignRole: Role;
  status: 'open' | 'done' | 'dismissed';
  dueAt: string;
  createdAt: string;
  completedAt: string | null;
  completedBy: string | null;
  completedByName: string | null;
  createdBy?: string | null;
  createdByName: string | null;
  playbookName: string | null;
  overdue: boolean;
  source: { type: 'playbook' | 'manual'; playbookId: string | null; runId: string | null; stepId: string | null };
}

async function list(t: TestTenant, role: Role, query = '') {
  return call<{ tasks: TaskJson[]; nextCursor: string | null; assignRole: Role | null; error?: { details: { issues: Array<{ path: string }> } } }>(
    tasksRoute.GET,
    {
      cookie: await t.cookie(role),
      path: `/api/tasks${query}`,
    },
  );
}

async function patch(t: TestTenant, role: Role, id: string, body: unknown) {
  return call(taskRoute.PATCH, { method: 'PATCH', cookie: await t.cookie(role), params: { id }, body });
}

/** A stored task, written the way the create_task step writes one, with the given differences. */
async function seedTask(t: TestTenant, over: Partial<StaffTask> = {}): Promise<StaffTask> {
  const now = new Date();
  return tenantDb(t.orgId).tasks.create({
    id: `task_${randomUUID().replace(/-/g, '').slice(0, 24)}`,
    title: 'Seeded task',
    description: '',
    customerId: null,
    assignRole: 'budtender',
    dueAt: new Date(now.getTime() + DAY),
    status: 'open',
    source: { type: 'manual', playbookId: null, runId: null, stepId: null },
    createdAt: now,
    completedAt: null,
    completedBy: null,
    ...over,
  });
}

describe('staff tasks through the API', () => {
  it('a playbook run for a customer leaves a task in the budtender inbox, linked to customer and playbook', async () => {
    const t = await createTestTenant();
    const customerId = await seedCustomer(t.orgId, { firstName: 'Vera', lastName: 'Important', orderCount: 12 });
    const admin = await t.cookie('admin');
    const created = await call(playbooksRoute.POST, {
      method: 'POST',
      cookie: admin,
      body: {
        name: 'VIP check-in',
        triggers: [{ type: 'manual' }],
        steps: [
          {
            action: 'create_task',
            title: 'Call {{ customer.name }}',
            description: 'A VIP with {{ customer.order_count }} orders.',
            dueIn: '1d',
            assignRole: 'budtender',
          },
        ],
      },
    });
    expect(created.status).toBe(201);
    const playbookId = created.body.playbook.id as string;
    expect((await call(enableRoute.POST, { method: 'POST', cookie: admin, params: { id: playbookId }, body: { enabled: true } })).status).toBe(200);

    // Before the run the inbox is empty, for everyone.
    expect((await list(t, 'budtender')).body.tasks).toEqual([]);
    const run = await call(runRoute.POST, { method: 'POST', cookie: admin, params: { id: playbookId }, body: { customerId } });
    expect(run.body).toMatchObject({ started: 1 });

    const res = await list(t, 'budtender');
    expect(res.status).toBe(200);
    expect(res.body.assignRole).toBe('budtender');
    expect(res.body.tasks).toHaveLength(1);
    const task = res.body.tasks[0]!;
    expect(task).toMatchObject({
      title: 'Call Vera Important',
      description: 'A VIP with 12 orders.',
      customerId,
      customerName: 'Vera Important',
      assignRole: 'budtender',
      status: 'open',
      overdue: false,
      playbookName: 'VIP check-in',
      source: { type: 'playbook', playbookId, runId: run.body.runIds[0] },
    });
    expect(new Date(task.dueAt).getTime() - new Date(task.createdAt).getTime()).toBe(DAY);
    // The owner sees it too, and filtering by the customer finds it.
    expect((await list(t, 'owner', `?customerId=${customerId}`)).body.tasks.map((x) => x.id)).toEqual([task.id]);
    expect((await list(t, 'owner', `?customerId=${await seedCustomer(t.orgId)}`)).body.tasks).toEqual([]);
    expect((await list(t, 'admin', '?status=all')).body.tasks).toHaveLength(1);
  });

  it('done, dismiss and reopen record who and when, and refuse moves that make no sense', async () => {
    const t = await createTestTenant();
    const task = await seedTask(t, { title: 'Return the deposit' });
    const before = Date.now();

    const done = await patch(t, 'budtender', task.id, { status: 'done' });
    expect(done.status).toBe(200);
    expect(done.body.task).toMatchObject({ id: task.id, status: 'done', completedBy: t.users.budtender.uid, completedByName: `budtender of ${t.orgId}` });
    expect(new Date(done.body.task.completedAt).getTime()).toBeGreaterThanOrEqual(before);
    const stored = await tenantDb(t.orgId).tasks.getOrThrow(task.id);
    expect(stored).toMatchObject({ status: 'done', completedBy: t.users.budtender.uid });
    expect(stored.completedAt!.toISOString()).toBe(done.body.task.completedAt);

    // It leaves the open list and shows under Done.
    expect((await list(t, 'budtender')).body.tasks.map((x) => x.id)).not.toContain(task.id);
    expect((await list(t, 'budtender', '?status=done')).body.tasks.map((x) => x.id)).toEqual([task.id]);

    // Done twice, or done -> dismissed without reopening: 409, and who did it is not overwritten.
    const twice = await patch(t, 'admin', task.id, { status: 'done' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('This task is already done.');
    const sideways = await patch(t, 'admin', task.id, { status: 'dismissed' });
    expect(sideways.status).toBe(409);
    expect(sideways.body.error.message).toMatch(/reopen it before marking it dismissed/);
    expect((await tenantDb(t.orgId).tasks.getOrThrow(task.id)).completedBy).toBe(t.users.budtender.uid);

    const reopened = await patch(t, 'admin', task.id, { status: 'open' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.task).toMatchObject({ status: 'open', completedAt: null, completedBy: null });
    expect((await patch(t, 'admin', task.id, { status: 'open' })).status).toBe(409);

    const dismissed = await patch(t, 'owner', task.id, { status: 'dismissed' });
    expect(dismissed.body.task).toMatchObject({ status: 'dismissed', completedBy: t.users.owner.uid });
    expect((await list(t, 'owner', '?status=dismissed')).body.tasks.map((x) => x.id)).toEqual([task.id]);

    // A missing id is 404; a malformed one too.
    expect((await patch(t, 'admin', 'task_does_not_exist', { status: 'done' })).status).toBe(404);
    expect((await patch(t, 'admin', 'bad/id', { status: 'done' })).status).toBe(404);
  });

  it('two people pressing Done at once: one succeeds, the other gets 409', async () => {
    const t = await createTestTenant();
    const task = await seedTask(t);
    const results = await Promise.all([patch(t, 'budtender', task.id, { status: 'done' }), patch(t, 'admin', task.id, { status: 'done' })]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!;
    expect((await tenantDb(t.orgId).tasks.getOrThrow(task.id)).completedBy).toBe(winner.body.task.completedBy);
  });

  it('budtenders see and work only budtender tasks; owners and admins see all and may filter', async () => {
    const t = await createTestTenant();
    const forBudtenders = await seedTask(t, { title: 'Restock the display', assignRole: 'budtender' });
    const forAdmins = await seedTask(t, { title: 'Reorder stock', assignRole: 'admin', dueAt: new Date(Date.now() + 2 * HOUR) });
    const forOwners = await seedTask(t, { title: 'Sign the lease', assignRole: 'owner', dueAt: new Date(Date.now() + 3 * HOUR) });

    expect((await list(t, 'budtender')).body.tasks.map((x) => x.id)).toEqual([forBudtenders.id]);
    expect((await list(t, 'budtender', '?status=all')).body.tasks.map((x) => x.id)).toEqual([forBudtenders.id]);
    expect((await list(t, 'budtender', '?assignRole=budtender')).status).toBe(200);
    const peek = await list(t, 'budtender', '?assignRole=admin');
    expect(peek.status).toBe(403);
    expect(JSON.stringify(peek.body)).not.toContain('Reorder stock');

    // Open tasks come soonest due first.
    expect((await list(t, 'admin')).body.tasks.map((x) => x.id)).toEqual([forAdmins.id, forOwners.id, forBudtenders.id]);
    expect((await list(t, 'owner', '?assignRole=admin')).body.tasks.map((x) => x.id)).toEqual([forAdmins.id]);
    expect((await list(t, 'admin', '?assignRole=budtender')).body).toMatchObject({
      assignRole: 'budtender',
      tasks: [expect.objectContaining({ id: forBudtenders.id })],
    });

    const refused = await patch(t, 'budtender', forAdmins.id, { status: 'done' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('This task is assigned to admins.');
    expect((await tenantDb(t.orgId).tasks.getOrThrow(forAdmins.id)).status).toBe('open');
    expect((await patch(t, 'budtender', forOwners.id, { status: 'dismissed' })).status).toBe(403);
    expect((await patch(t, 'admin', forOwners.id, { status: 'done' })).status).toBe(200);

    // Budtenders cannot write tasks by hand.
    const create = await call(tasksRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('budtender'),
      body: { title: 'x', assignRole: 'budtender', dueAt: '2030-01-01T10:00:00Z' },
    });
    expect(create.status).toBe(403);
    expect((await tenantDb(t.orgId).tasks.ref.get()).size).toBe(3);
  });

  it('an admin writes a manual task about a customer; it is listed with who wrote it, and overdue when late', async () => {
    const t = await createTestTenant();
    const customerId = await seedCustomer(t.orgId, { firstName: 'Dana', lastName: 'Order' });
    const res = await call(tasksRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('admin'),
      body: {
        title: '  Call Dana about her special order  ',
        description: 'She asked for the 1g cart.',
        customerId,
        assignRole: 'budtender',
        dueAt: '2026-03-02T10:00:00-05:00',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.task).toMatchObject({
      title: 'Call Dana about her special order',
      description: 'She asked for the 1g cart.',
      customerId,
      customerName: 'Dana Order',
      assignRole: 'budtender',
      status: 'open',
      dueAt: '2026-03-02T15:00:00.000Z',
      source: { type: 'manual', playbookId: null, runId: null, stepId: null },
      createdBy: t.users.admin.uid,
      createdByName: `admin of ${t.orgId}`,
    });
    const listed = (await list(t, 'budtender')).body.tasks;
    expect(listed.map((x) => x.id)).toEqual([res.body.task.id]);
    const future = await call(tasksRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('owner'),
      body: { title: 'Later', assignRole: 'admin', dueAt: new Date(Date.now() + DAY).toISOString() },
    });
    expect(future.body.task).toMatchObject({ overdue: false, customerId: null, customerName: null, description: '' });
    const late = await seedTask(t, { dueAt: new Date(Date.now() - HOUR) });
    const lateRow = (await list(t, 'admin')).body.tasks.find((x) => x.id === late.id)!;
    expect(lateRow.overdue).toBe(true);
    expect((await patch(t, 'admin', late.id, { status: 'done' })).body.task.overdue).toBe(false);
  });

  it('answers 422 with field paths for bad input, and stores nothing', async () => {
    const t = await createTestTenant();
    const cookie = await t.cookie('owner');
    const paths = (r: { body: { error: { details: { issues: Array<{ path: string }> } } } }) => r.body.error.details.issues.map((i) => i.path).sort();

    const empty = await call(tasksRoute.POST, { method: 'POST', cookie, body: {} });
    expect(empty.status).toBe(422);
    expect(paths(empty)).toEqual(['assignRole', 'dueAt', 'title']);

    const bad = await call(tasksRoute.POST, {
      method: 'POST',
      cookie,
      body: { title: '   ', assignRole: 'manager', dueAt: '2026-03-02T10:00', description: 'x'.repeat(2001) },
    });
    expect(bad.status).toBe(422);
    expect(paths(bad)).toEqual(['assignRole', 'description', 'dueAt', 'title']);
    expect(bad.body.error.details.issues.find((i: { path: string }) => i.path === 'title').message).toBe('Give the task a title');

    const noCustomer = await call(tasksRoute.POST, {
      method: 'POST',
      cookie,
      body: { title: 'x', assignRole: 'admin', dueAt: '2030-01-01T10:00:00Z', customerId: 'cus_missing' },
    });
    expect(noCustomer.status).toBe(422);
    expect(paths(noCustomer)).toEqual(['customerId']);
    const extra = await call(tasksRoute.POST, {
      method: 'POST',
      cookie,
      body: { title: 'x', assignRole: 'admin', dueAt: '2030-01-01T10:00:00Z', status: 'done' },
    });
    expect(extra.status).toBe(422);
    expect((await call(tasksRoute.POST, { method: 'POST', cookie, rawBody: '{nope', headers: { 'content-type': 'application/json' } })).status).toBe(400);
    expect((await tenantDb(t.orgId).tasks.ref.get()).size).toBe(0);

    const task = await seedTask(t);
    const badStatus = await patch(t, 'owner', task.id, { status: 'finished' });
    expect(badStatus.status).toBe(422);
    expect(paths(badStatus)).toEqual(['status']);
    const retitle = await patch(t, 'owner', task.id, { status: 'done', title: 'Hijacked' });
    expect(retitle.status).toBe(422);
    expect(await tenantDb(t.orgId).tasks.getOrThrow(task.id)).toEqual(task);

    for (const [q, path] of [
      ['?status=finished', 'status'],
      ['?limit=0', 'limit'],
      ['?limit=101', 'limit'],
      ['?assignRole=manager', 'assignRole'],
    ] as const) {
      const r = await list(t, 'owner', q);
      expect(r.status, q).toBe(422);
      expect(
        r.body.error!.details.issues.map((i) => i.path),
        q,
      ).toEqual([path]);
    }
    expect((await list(t, 'owner', '?cursor=garbage')).status).toBe(400);
  });

  it('pages through open tasks by due time and done tasks by completion, with no gaps or repeats', async () => {
    const t = await createTestTenant();
    const base = Date.now() + DAY;
    // Ten open tasks, three sharing one due time so the id tie-break matters; four finished ones.
    const open: StaffTask[] = [];
    for (let i = 0; i < 10; i++) open.push(await seedTask(t, { title: `Open ${i}`, dueAt: new Date(base + (i < 3 ? 0 : i) * HOUR) }));
    const finished: StaffTask[] = [];
    for (let i = 0; i < 4; i++) {
      finished.push(await seedTask(t, { title: `Done ${i}`, status: 'done', completedAt: new Date(base - i * HOUR), completedBy: t.users.admin.uid }));
    }
    const expectedOpen = [...open].sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime() || (a.id < b.id ? -1 : 1)).map((x) => x.id);

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await list(t, 'budtender', `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      expect(res.body.tasks.length).toBeLessThanOrEqual(3);
      seen.push(...res.body.tasks.map((x) => x.id));
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(4);
    expect(seen).toEqual(expectedOpen);

    const donePage1 = await list(t, 'admin', '?status=done&limit=2');
    expect(donePage1.body.tasks.map((x) => x.id)).toEqual([finished[0]!.id, finished[1]!.id]);
    const donePage2 = await list(t, 'admin', `?status=done&limit=2&cursor=${donePage1.body.nextCursor}`);
    expect(donePage2.body.tasks.map((x) => x.id)).toEqual([finished[2]!.id, finished[3]!.id]);
    expect(donePage2.body.nextCursor).toBeNull();
    expect(donePage2.body.tasks[0]!.completedByName).toBe(`admin of ${t.orgId}`);

    // "All" is newest first; a cursor from one list is refused by another rather than misread.
    const all = await list(t, 'admin', '?status=all&limit=100');
    expect(all.body.tasks).toHaveLength(14);
    const createdTimes = all.body.tasks.map((x) => new Date(x.createdAt).getTime());
    expect(createdTimes).toEqual([...createdTimes].sort((a, b) => b - a));
    const wrongList = await list(t, 'admin', `?status=open&cursor=${donePage1.body.nextCursor}`);
    expect(wrongList.status).toBe(400);
  });
});
