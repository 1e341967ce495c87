// Route cases for tests/integration/tenancy.test.ts: the playbook API. Each crossTenant check
// makes tenant A's playbook (and run) first, then proves B's session can neither see nor change it.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import type { PlaybookDefinitionInput } from '@/domain/playbooks/playbook';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as playbookRoute from '@/app/api/playbooks/[id]/route';
import * as enableRoute from '@/app/api/playbooks/[id]/enable/route';
import * as runRoute from '@/app/api/playbooks/[id]/run/route';
import * as dryRunRoute from '@/app/api/playbooks/[id]/dry-run/route';
import * as duplicateRoute from '@/app/api/playbooks/[id]/duplicate/route';
import * as runsRoute from '@/app/api/playbooks/[id]/runs/route';
import * as validateRoute from '@/app/api/playbooks/validate/route';
import * as draftDryRunRoute from '@/app/api/playbooks/dry-run/route';
import * as eventsRoute from '@/app/api/playbooks/events/route';
import * as galleryRoute from '@/app/api/playbooks/gallery/route';
import * as installRoute from '@/app/api/playbooks/gallery/[key]/route';
import * as customerRunsRoute from '@/app/api/customers/[id]/runs/route';
import { tenantDb } from '@/server/db/tenant-db';
import { createPlaybook } from '@/server/services/playbooks/create-playbook';
import { runPlaybookManually } from '@/server/services/playbooks/run-playbook-manually';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const read = rolesFor('playbooks:read');
const write = rolesFor('playbooks:write');
const definition: PlaybookDefinitionInput = { name: 'Tag them', triggers: [{ type: 'manual' }], steps: [{ action: 'add_tag', tag: 'from-a' }] };

const aPlaybooks = new WeakMap<TestTenant, Promise<string>>();
/** Tenant A's active playbook with one completed run for A's customer. */
function aPlaybook(fx: Fx): Promise<string> {
  if (!aPlaybooks.has(fx.a)) {
    aPlaybooks.set(
      fx.a,
      (async () => {
        const ctx = fx.a.ctx('admin');
        const p = await createPlaybook(ctx, definition);
        await setPlaybookStatus(ctx, p.id, 'active');
        await runPlaybookManually(ctx, p.id, { customerId: fx.aCustomerId });
        return p.id;
      })(),
    );
  }
  return aPlaybooks.get(fx.a)!;
}

async function aState(fx: Fx, id: string) {
  const tdb = tenantDb(fx.a.orgId);
  const p = await tdb.playbooks.getOrThrow(id);
  return { status: p.status, version: p.version, name: p.name, playbooks: (await tdb.playbooks.ref.get()).size, runs: (await tdb.runs.ref.get()).size };
}

/** B acting on A's playbook by id gets 404 and A's playbook is exactly as it was. */
function notFoundAndUnchanged(handler: unknown, method: string, body?: unknown): Case['crossTenant'] {
  return async (fx, cookie) => {
    const id = await aPlaybook(fx);
    const before = await aState(fx, id);
    const res = await call(handler, { method, cookie, params: { id }, body });
    expect(res.status).toBe(404);
    expect(await aState(fx, id)).toEqual(before);
  };
}

export const PLAYBOOK_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/playbooks',
    handler: playbooksRoute.GET,
    roles: read,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const id = await aPlaybook(fx);
      const res = await call(playbooksRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.playbooks.map((p: { playbook: { id: string } }) => p.playbook.id)).not.toContain(id);
    },
  },
  {
    route: 'POST /api/playbooks',
    handler: playbooksRoute.POST,
    roles: write,
    request: () => ({ body: definition }),
    crossTenant: async (fx, cookie) => {
      const before = (await tenantDb(fx.a.orgId).playbooks.ref.get()).size;
      const res = await call(playbooksRoute.POST, { method: 'POST', cookie, body: { ...definition, orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      expect(await tenantDb(fx.b.orgId).playbooks.get(res.body.playbook.id)).not.toBeNull();
      expect((await tenantDb(fx.a.orgId).playbooks.ref.get()).size).toBe(before);
    },
  },
  {
    route: 'GET /api/playbooks/[id]',
    handler: playbookRoute.GET,
    roles: read,
    request: () => ({ params: { id: 'pb-x' } }),
    crossTenant: notFoundAndUnchanged(playbookRoute.GET, 'GET'),
  },
  {
    route: 'PUT /api/playbooks/[id]',
    handler: playbookRoute.PUT,
    roles: write,
    request: () => ({ params: { id: 'pb-x' }, body: definition }),
    crossTenant: notFoundAndUnchanged(playbookRoute.PUT, 'PUT', { ...definition, name: 'Hijacked' }),
  },
  {
    route: 'PATCH /api/playbooks/[id]',
    handler: playbookRoute.PATCH,
    roles: write,
    request: () => ({ params: { id: 'pb-x' }, body: { name: 'x' } }),
    crossTenant: notFoundAndUnchanged(playbookRoute.PATCH, 'PATCH', { name: 'Hijacked' }),
  },
  {
    route: 'DELETE /api/playbooks/[id]',
    handler: playbookRoute.DELETE,
    roles: write,
    request: () => ({ params: { id: 'pb-x' } }),
    crossTenant: notFoundAndUnchanged(playbookRoute.DELETE, 'DELETE'),
  },
  {
    route: 'POST /api/playbooks/[id]/enable',
    handler: enableRoute.POST,
    roles: write,
    request: () => ({ params: { id: 'pb-x' }, body: { enabled: false } }),
    crossTenant: notFoundAndUnchanged(enableRoute.POST, 'POST', { enabled: false }),
  },
  {
    route: 'POST /api/playbooks/[id]/run',
    handler: runRoute.POST,
    roles: write,
    request: (fx) => ({ params: { id: 'pb-x' }, body: { customerId: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => notFoundAndUnchanged(runRoute.POST, 'POST', { customerId: fx.aCustomerId })(fx, cookie),
  },
  {
    route: 'POST /api/playbooks/[id]/dry-run',
    handler: dryRunRoute.POST,
    roles: write,
    request: () => ({ params: { id: 'pb-x' }, body: {} }),
    crossTenant: notFoundAndUnchanged(dryRunRoute.POST, 'POST', {}),
  },
  {
    route: 'POST /api/playbooks/[id]/duplicate',
    handler: duplicateRoute.POST,
    roles: write,
    request: () => ({ params: { id: 'pb-x' } }),
    crossTenant: notFoundAndUnchanged(duplicateRoute.POST, 'POST'),
  },
  {
    route: 'GET /api/playbooks/[id]/runs',
    handler: runsRoute.GET,
    roles: read,
    request: () => ({ params: { id: 'pb-x' } }),
    crossTenant: notFoundAndUnchanged(runsRoute.GET, 'GET'),
  },
  {
    route: 'POST /api/playbooks/validate',
    handler: validateRoute.POST,
    roles: read,
    request: () => ({ body: definition }),
    crossTenant: async (fx, cookie) => {
      // A template only A has is not visible to B's validation.
      await tenantDb(fx.a.orgId).templates.set({
        id: 'a_only',
        name: 'A only',
        description: '',
        channel: 'email',
        kind: 'marketing',
        subject: 'Hi',
        body: '<p>Hi</p>',
        builtIn: false,
        createdAt: new Date(),
        updatedAt: new Date(),
        updatedBy: null,
      });
      const res = await call(validateRoute.POST, { method: 'POST', cookie, body: { ...definition, steps: [{ action: 'send_email', template: 'a_only' }] } });
      expect(res.body.ok).toBe(false);
      expect(res.body.problems[0].message).toMatch(/no template "a_only"/);
    },
  },
  {
    route: 'POST /api/playbooks/dry-run',
    handler: draftDryRunRoute.POST,
    roles: write,
    request: () => ({ body: { definition } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(draftDryRunRoute.POST, { method: 'POST', cookie, body: { definition, options: { customerId: fx.aCustomerId } } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
    },
  },
  {
    route: 'GET /api/playbooks/events',
    handler: eventsRoute.GET,
    roles: read,
    request: () => ({}),
    crossTenant: async (_fx, cookie) => {
      const res = await call(eventsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.events.length).toBeGreaterThan(10);
    },
  },
  {
    route: 'GET /api/playbooks/gallery',
    handler: galleryRoute.GET,
    roles: read,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await call(installRoute.POST, { method: 'POST', cookie: await fx.a.cookie('admin'), params: { key: 'welcome' } });
      const res = await call(galleryRoute.GET, { cookie });
      expect(res.body.gallery.find((g: { key: string }) => g.key === 'welcome').installedPlaybookId).toBeNull();
    },
  },
  {
    route: 'POST /api/playbooks/gallery/[key]',
    handler: installRoute.POST,
    roles: write,
    request: () => ({ params: { key: 'welcome' } }),
    crossTenant: async (fx, cookie) => {
      const before = (await tenantDb(fx.a.orgId).playbooks.ref.get()).size;
      const res = await call(installRoute.POST, { method: 'POST', cookie, params: { key: 'low_stock_alert' } });
      expect(res.status).toBe(201);
      expect(await tenantDb(fx.b.orgId).playbooks.get(res.body.playbook.id)).not.toBeNull();
      expect((await tenantDb(fx.a.orgId).playbooks.ref.get()).size).toBe(before);
    },
  },
  {
    route: 'GET /api/customers/[id]/runs',
    handler: customerRunsRoute.GET,
    roles: read,
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      await aPlaybook(fx);
      const res = await call(customerRunsRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
    },
  },
];
