// Route cases for tests/integration/tenancy.test.ts: the customer page (timeline, tags, notes, counter
// consent). Each crossTenant check gives tenant A's customer something first (a note, a tag), then
// proves B's session can neither read it nor change it.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import * as timelineRoute from '@/app/api/customers/[id]/timeline/route';
import * as tagsRoute from '@/app/api/customers/[id]/tags/route';
import * as notesRoute from '@/app/api/customers/[id]/notes/route';
import * as noteRoute from '@/app/api/customers/[id]/notes/[noteId]/route';
import * as consentRoute from '@/app/api/customers/[id]/consent/route';
import { tenantDb } from '@/server/db/tenant-db';
import { addCustomerNote } from '@/server/services/customers/customer-notes';
import { changeCustomerTag } from '@/server/services/customers/change-customer-tags';
import { call } from './http';
import type { TestTenant } from './tenant';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const seeded = new WeakMap<TestTenant, Promise<{ noteId: string }>>();
/** A's customer with a note and a tag only A may see: "Secret of A". */
function aHistory(fx: Fx): Promise<{ noteId: string }> {
  if (!seeded.has(fx.a)) {
    seeded.set(
      fx.a,
      (async () => {
        const note = await addCustomerNote(fx.a.ctx('owner'), fx.aCustomerId, { text: 'Secret of A' });
        await changeCustomerTag(fx.a.ctx('owner'), fx.aCustomerId, 'added', 'Secret of A tag');
        return { noteId: note.id };
      })(),
    );
  }
  return seeded.get(fx.a)!;
}

const snapshot = async (fx: Fx) => {
  const db = tenantDb(fx.a.orgId);
  const c = await db.customers.getOrThrow(fx.aCustomerId);
  return { tags: c.tags, consent: c.consent, notes: (await db.customerNotes(fx.aCustomerId).ref.get()).size };
};

export const CUSTOMER_PAGE_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/customers/[id]/timeline',
    handler: timelineRoute.GET,
    roles: rolesFor('customers:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      await aHistory(fx);
      const res = await call(timelineRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Secret of A');
    },
  },
  {
    route: 'GET /api/customers/[id]/tags',
    handler: tagsRoute.GET,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      await aHistory(fx);
      const res = await call(tagsRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Secret of A');
    },
  },
  {
    route: 'POST /api/customers/[id]/tags',
    handler: tagsRoute.POST,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { tag: 'Probe' } }),
    crossTenant: async (fx, cookie) => {
      await aHistory(fx);
      const before = await snapshot(fx);
      const res = await call(tagsRoute.POST, { method: 'POST', cookie, params: { id: fx.aCustomerId }, body: { tag: 'From B' } });
      expect(res.status).toBe(404);
      expect(await snapshot(fx)).toEqual(before);
      // B's own registry did not learn A's tag, nor A's of B's attempt.
      expect(await tenantDb(fx.b.orgId).tagRegistry.get('registry')).toBeNull();
      expect(Object.keys((await tenantDb(fx.a.orgId).tagRegistry.getOrThrow('registry')).tags)).not.toContain('from b');
    },
  },
  {
    route: 'DELETE /api/customers/[id]/tags',
    handler: tagsRoute.DELETE,
    roles: rolesFor('customers:write'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { tag: 'Probe' } }),
    crossTenant: async (fx, cookie) => {
      await aHistory(fx);
      const before = await snapshot(fx);
      const res = await call(tagsRoute.DELETE, { method: 'DELETE', cookie, params: { id: fx.aCustomerId }, body: { tag: 'Secret of A tag' } });
      expect(res.status).toBe(404);
      expect(await snapshot(fx)).toEqual(before);
    },
  },
  {
    route: 'POST /api/customers/[id]/notes',
    handler: notesRoute.POST,
    roles: rolesFor('customers:note'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { text: 'Probe' } }),
    crossTenant: async (fx, cookie) => {
      await aHistory(fx);
      const before = await snapshot(fx);
      const res = await call(notesRoute.POST, { method: 'POST', cookie, params: { id: fx.aCustomerId }, body: { text: 'From B' } });
      expect(res.status).toBe(404);
      expect(await snapshot(fx)).toEqual(before);
      expect((await tenantDb(fx.b.orgId).customerNotes(fx.aCustomerId).ref.get()).size).toBe(0);
    },
  },
  {
    route: 'DELETE /api/customers/[id]/notes/[noteId]',
    handler: noteRoute.DELETE,
    roles: rolesFor('customers:note'),
    request: (fx) => ({ params: { id: fx.aCustomerId, noteId: 'note_x' } }),
    crossTenant: async (fx, cookie) => {
      const { noteId } = await aHistory(fx);
      const res = await call(noteRoute.DELETE, { method: 'DELETE', cookie, params: { id: fx.aCustomerId, noteId } });
      expect(res.status).toBe(404);
      expect(await tenantDb(fx.a.orgId).customerNotes(fx.aCustomerId).get(noteId)).not.toBeNull();
    },
  },
  {
    route: 'GET /api/customers/[id]/consent',
    handler: consentRoute.GET,
    roles: rolesFor('customers:consent'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(consentRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('opted_');
    },
  },
];
