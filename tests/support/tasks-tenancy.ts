// Route cases for tests/integration/tenancy.test.ts: the staff task API. Each crossTenant check
// gives tenant A an open task first, then proves B's session can neither see nor change it.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import type { StaffTask } from '@/domain/task';
import * as tasksRoute from '@/app/api/tasks/route';
import * as taskRoute from '@/app/api/tasks/[id]/route';
import { tenantDb } from '@/server/db/tenant-db';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const aTasks = new WeakMap<TestTenant, Promise<StaffTask>>();
/** Tenant A's open budtender task about A's customer (budtender, so every role of B would qualify). */
function aTask(fx: Fx): Promise<StaffTask> {
  if (!aTasks.has(fx.a)) {
    const now = new Date();
    aTasks.set(
      fx.a,
      tenantDb(fx.a.orgId).tasks.create({
        id: `task_tenancy_${fx.a.orgId}`,
        title: 'Call the shared customer',
        description: 'Only tenant A may see this.',
        customerId: fx.aCustomerId,
        assignRole: 'budtender',
        dueAt: new Date(now.getTime() + 86_400_000),
        status: 'open',
        source: { type: 'manual', playbookId: null, runId: null, stepId: null },
        createdAt: now,
        completedAt: null,
        completedBy: null,
      }),
    );
  }
  return aTasks.get(fx.a)!;
}

const validTask = { title: 'Tenancy probe', assignRole: 'budtender', dueAt: '2030-01-01T10:00:00Z' };

export const TASK_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/tasks',
    handler: tasksRoute.GET,
    roles: rolesFor('tasks:read'),
    request: () => ({ path: '/api/tasks' }),
    crossTenant: async (fx, cookie) => {
      const task = await aTask(fx);
      for (const q of ['', '?status=all', '?status=open&assignRole=budtender', `?status=all&customerId=${fx.aCustomerId}`]) {
        const res = await call(tasksRoute.GET, { cookie, path: `/api/tasks${q}` });
        expect(res.status, q).toBe(200);
        expect(res.body.tasks.map((t: { id: string }) => t.id)).not.toContain(task.id);
        expect(JSON.stringify(res.body)).not.toContain('Only tenant A');
      }
    },
  },
  {
    route: 'POST /api/tasks',
    handler: tasksRoute.POST,
    roles: rolesFor('tasks:create'),
    request: () => ({ body: validTask }),
    crossTenant: async (fx, cookie) => {
      const before = (await tenantDb(fx.a.orgId).tasks.ref.get()).size;
      // A's customer id does not exist in B: refused with the field named, nothing stored anywhere.
      const aboutA = await call(tasksRoute.POST, { method: 'POST', cookie, body: { ...validTask, customerId: fx.aCustomerId } });
      expect(aboutA.status).toBe(422);
      expect(aboutA.body.error.details.issues).toEqual([{ path: 'customerId', message: 'No customer with this id in your dispensary' }]);
      // The tenant comes from the session: an orgId in the body is refused, never obeyed.
      const sneaky = await call(tasksRoute.POST, { method: 'POST', cookie, body: { ...validTask, orgId: fx.a.orgId } });
      expect(sneaky.status).toBe(422);
      const own = await call(tasksRoute.POST, { method: 'POST', cookie, body: validTask });
      expect(own.status).toBe(201);
      expect(await tenantDb(fx.b.orgId).tasks.get(own.body.task.id)).not.toBeNull();
      expect((await tenantDb(fx.a.orgId).tasks.ref.get()).size).toBe(before);
    },
  },
  {
    route: 'PATCH /api/tasks/[id]',
    handler: taskRoute.PATCH,
    roles: rolesFor('tasks:write'),
    request: () => ({ params: { id: 'task_x' }, body: { status: 'done' } }),
    crossTenant: async (fx, cookie) => {
      const task = await aTask(fx);
      for (const status of ['done', 'dismissed']) {
        const res = await call(taskRoute.PATCH, { method: 'PATCH', cookie, params: { id: task.id }, body: { status } });
        expect(res.status).toBe(404);
        expect(JSON.stringify(res.body)).not.toContain('Call the shared customer');
      }
      expect(await tenantDb(fx.a.orgId).tasks.getOrThrow(task.id)).toEqual(task);
    },
  },
];
