// Every API route appears here. For each: no session is 401, each role outside its list is 403,
// and a signed-in user of tenant B can neither see nor change tenant A's data through it.
// A route added under src/app/api without an entry here (or in PUBLIC_ROUTES) fails this file.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ALL_ROLES, rolesFor } from '@/domain/roles';
import * as customersRoute from '@/app/api/customers/route';
import * as customerRoute from '@/app/api/customers/[id]/route';
import * as customerLoyaltyRoute from '@/app/api/customers/[id]/loyalty/route';
import * as meRoute from '@/app/api/me/route';
import * as sessionRoute from '@/app/api/auth/session/route';
import * as staffRoute from '@/app/api/staff/route';
import * as staffMemberRoute from '@/app/api/staff/[uid]/route';
import * as resetRoute from '@/app/api/staff/[uid]/reset-password/route';
import { tenantDb } from '@/server/db/tenant-db';
import { adminAuth } from '@/server/auth/firebase-auth';
import { call } from '../support/http';
import { createTestTenant } from '../support/tenant';
import { seedCustomer } from '../support/fixtures';
import { PUBLIC_SIGNALS_ROUTES, SIGNALS_ROUTE_CASES } from '../support/signals-tenancy';
import * as msgSendRoute from '@/app/api/messages/send/route';
import * as msgPreviewRoute from '@/app/api/messages/preview/route';
import * as msgSendsRoute from '@/app/api/messages/sends/route';
import * as msgSendOneRoute from '@/app/api/messages/sends/[id]/route';
import * as msgTemplatesRoute from '@/app/api/messages/templates/route';
import * as msgTemplateRoute from '@/app/api/messages/templates/[id]/route';
import * as msgCraigRoute from '@/app/api/messages/craig/route';
import * as msgSettingsRoute from '@/app/api/settings/messaging/route';
import * as msgWebhooksRoute from '@/app/api/settings/messaging/webhooks/route';
import * as consentRoute from '@/app/api/customers/[id]/consent/route';
import * as timelineRoute from '@/app/api/customers/[id]/messages/route';
import { messagingFixture } from '../support/messaging-tenancy';
import { PLAYBOOK_ROUTE_CASES } from '../support/playbooks-tenancy';
import { TASK_ROUTE_CASES } from '../support/tasks-tenancy';
import { OUTBOUND_WEBHOOK_ROUTE_CASES } from '../support/outbound-webhooks-tenancy';
import { LOYALTY_ROUTE_CASES, PUBLIC_LOYALTY_ROUTES } from '../support/loyalty-tenancy';
import { LOYALTY_SETTINGS_ROUTE_CASES, PUBLIC_LOYALTY_ROUTES as PUBLIC_MEMBER_ROUTES } from '../support/loyalty-join-tenancy';
import { LOYALTY_IMPORT_ROUTE_CASES } from '../support/loyalty-import-tenancy';
import { CUSTOMER_IMPORT_ROUTE_CASES } from '../support/customer-import-tenancy';
import { LOYALTY_PARKER_ROUTE_CASES } from '../support/loyalty-parker-tenancy';
import { SMOKEY_ROUTE_CASES } from '../support/smokey-tenancy';
import { POPS_ROUTE_CASES } from '../support/pops-tenancy';
import { CAMPAIGN_ROUTE_CASES } from '../support/campaigns-tenancy';
import { SAVED_SEGMENT_ROUTE_CASES } from '../support/saved-segments-tenancy';
import { CUSTOMER_EXPORT_ROUTE_CASES } from '../support/customers-export-tenancy';
import { LOCATION_ROUTE_CASES } from '../support/locations-tenancy';
import { CUSTOMER_PAGE_ROUTE_CASES } from '../support/customer-page-tenancy';
import { CUSTOMER_PRIVACY_ROUTE_CASES } from '../support/customer-privacy-tenancy';
import { CUSTOMER_MERGE_ROUTE_CASES } from '../support/customer-merge-tenancy';
import { ANALYTICS_ROUTE_CASES } from '../support/analytics-tenancy';
import { counterDisclosures } from '@/server/services/customers/record-counter-consent';
import type { RouteCase, TenancyFixture as Fixture } from '../support/tenancy-cases';

/** Routes that authenticate by other means (or need none), with the reason. */
export const PUBLIC_ROUTES: Record<string, string> = {
  'GET /api/health': 'liveness probe, returns no data',
  'POST /api/auth/session': 'sign-in: the caller has no session yet; the ID token names the tenant',
  'POST /api/cron/tick': 'system endpoint: Google OIDC (production) or the local shared secret; see cron-auth.test.ts',
  'POST /api/cron/daily': 'system endpoint: Google OIDC (production) or the local shared secret; see cron-auth.test.ts',
  ...PUBLIC_SIGNALS_ROUTES,
  ...PUBLIC_LOYALTY_ROUTES,
  ...PUBLIC_MEMBER_ROUTES,
  'POST /api/webhooks/mailjet/[endpointId]':
    'Mailjet event callbacks: basic auth from the URL, hashed per-tenant credentials, fail closed; see messaging-webhooks.test.ts',
  'POST /api/webhooks/blackleaf/[endpointId]': 'Blackleaf inbound texts and receipts: basic auth from the URL, fail closed; see messaging-webhooks.test.ts',
  'GET /api/unsubscribe/[token]': 'public unsubscribe link: only redirects to the confirmation page; see messaging-links.test.ts',
  'POST /api/unsubscribe/[token]': 'RFC 8058 one-click unsubscribe: the HMAC-signed token names tenant and customer; see messaging-links.test.ts',
};

const ROUTES: RouteCase[] = [
  {
    route: 'GET /api/me',
    handler: meRoute.GET,
    roles: ALL_ROLES,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const res = await call(meRoute.GET, { cookie });
      expect(res.body.tenant.id).toBe(fx.b.orgId);
    },
  },
  {
    route: 'DELETE /api/auth/session',
    handler: sessionRoute.DELETE,
    roles: ALL_ROLES,
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const before = (await adminAuth().getUser(fx.a.users.owner.uid)).tokensValidAfterTime;
      await call(sessionRoute.DELETE, { method: 'DELETE', cookie });
      expect((await adminAuth().getUser(fx.a.users.owner.uid)).tokensValidAfterTime).toBe(before);
    },
  },
  {
    route: 'GET /api/customers',
    handler: customersRoute.GET,
    roles: rolesFor('customers:read'),
    request: () => ({ path: '/api/customers' }),
    crossTenant: async (fx, cookie) => {
      for (const q of ['', `?q=${encodeURIComponent('shared@example.com')}`, '?q=%2B13135550199', '?q=shared']) {
        const res = await call(customersRoute.GET, { cookie, path: `/api/customers${q}` });
        expect(res.status).toBe(200);
        expect(res.body.customers.map((c: { id: string }) => c.id)).not.toContain(fx.aCustomerId);
      }
    },
  },
  {
    route: 'GET /api/customers/[id]',
    handler: customerRoute.GET,
    roles: rolesFor('customers:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(customerRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
    },
  },
  {
    route: 'GET /api/customers/[id]/loyalty',
    handler: customerLoyaltyRoute.GET,
    roles: rolesFor('customers:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(customerLoyaltyRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('points');
    },
  },
  {
    route: 'GET /api/staff',
    handler: staffRoute.GET,
    roles: rolesFor('staff:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const res = await call(staffRoute.GET, { cookie });
      const uids = res.body.staff.map((s: { id: string }) => s.id);
      expect(uids).not.toContain(fx.a.users.owner.uid);
      expect(uids).toContain(fx.b.users.owner.uid);
    },
  },
  {
    route: 'POST /api/staff',
    handler: staffRoute.POST,
    roles: rolesFor('staff:manage'),
    request: (fx) => ({ body: { email: `nobody-${fx.a.orgId}@test.example`, displayName: 'N', role: 'admin' } }),
    crossTenant: async (fx, cookie) => {
      // Even with another tenant's id in the body, the new member lands in B: the tenant comes from the session only.
      const res = await call(staffRoute.POST, {
        method: 'POST',
        cookie,
        body: { email: `sneaky-${fx.a.orgId}@test.example`, displayName: 'S', role: 'owner', orgId: fx.a.orgId },
      });
      expect(res.status).toBe(201);
      expect((await adminAuth().getUser(res.body.staff.id)).customClaims).toEqual({ orgId: fx.b.orgId, role: 'owner' });
      expect(await tenantDb(fx.a.orgId).staff.get(res.body.staff.id)).toBeNull();
    },
  },
  {
    route: 'PATCH /api/staff/[uid]',
    handler: staffMemberRoute.PATCH,
    roles: rolesFor('staff:manage'),
    request: (fx) => ({ params: { uid: fx.a.users.budtender.uid }, body: { displayName: 'Renamed' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(staffMemberRoute.PATCH, {
        method: 'PATCH',
        cookie,
        params: { uid: fx.a.users.admin.uid },
        body: { role: 'budtender', disabled: true },
      });
      expect(res.status).toBe(404);
      const user = await adminAuth().getUser(fx.a.users.admin.uid);
      expect(user.disabled).toBe(false);
      expect(user.customClaims).toEqual({ orgId: fx.a.orgId, role: 'admin' });
    },
  },
  {
    route: 'POST /api/staff/[uid]/reset-password',
    handler: resetRoute.POST,
    roles: rolesFor('staff:manage'),
    request: (fx) => ({ params: { uid: fx.a.users.budtender.uid } }),
    crossTenant: async (fx, cookie) => {
      const before = (await adminAuth().getUser(fx.a.users.admin.uid)).passwordHash;
      const res = await call(resetRoute.POST, { method: 'POST', cookie, params: { uid: fx.a.users.admin.uid } });
      expect(res.status).toBe(404);
      expect((await adminAuth().getUser(fx.a.users.admin.uid)).passwordHash).toBe(before);
    },
  },
  // -- behavioural signals routes --
  ...SIGNALS_ROUTE_CASES,
  // -- playbook routes --
  ...PLAYBOOK_ROUTE_CASES,
  // -- staff task routes --
  ...TASK_ROUTE_CASES,
  // -- outbound (playbook) webhook signing secret --
  ...OUTBOUND_WEBHOOK_ROUTE_CASES,
  ...LOYALTY_ROUTE_CASES,
  // -- loyalty settings --
  ...LOYALTY_SETTINGS_ROUTE_CASES,
  ...LOYALTY_IMPORT_ROUTE_CASES,
  ...CUSTOMER_IMPORT_ROUTE_CASES,
  ...LOYALTY_PARKER_ROUTE_CASES,
  ...SMOKEY_ROUTE_CASES,
  ...POPS_ROUTE_CASES,
  ...CAMPAIGN_ROUTE_CASES,
  ...SAVED_SEGMENT_ROUTE_CASES,
  ...CUSTOMER_EXPORT_ROUTE_CASES,
  ...LOCATION_ROUTE_CASES,
  ...CUSTOMER_PAGE_ROUTE_CASES,
  ...CUSTOMER_PRIVACY_ROUTE_CASES,
  ...CUSTOMER_MERGE_ROUTE_CASES,
  ...ANALYTICS_ROUTE_CASES,
  // -- messaging routes --
  {
    route: 'POST /api/messages/send',
    handler: msgSendRoute.POST,
    roles: rolesFor('messages:send'),
    request: (fx) => ({ body: { customerId: fx.aCustomerId, channel: 'email', templateId: 'welcome', idempotencyKey: 'tenancy-send-0001' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(msgSendRoute.POST, {
        method: 'POST',
        cookie,
        body: { customerId: fx.aCustomerId, channel: 'email', templateId: 'welcome', idempotencyKey: 'tenancy-cross-0001' },
      });
      expect(res.status).toBe(404);
      expect(
        (await tenantDb(fx.a.orgId).sends.ref.where('customerId', '==', fx.aCustomerId).where('idempotencyKey', '==', 'manual:tenancy-cross-0001').get()).size,
      ).toBe(0);
    },
  },
  {
    route: 'POST /api/messages/preview',
    handler: msgPreviewRoute.POST,
    roles: rolesFor('messages:send'),
    request: (fx) => ({ body: { customerId: fx.aCustomerId, channel: 'email', templateId: 'welcome' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(msgPreviewRoute.POST, { method: 'POST', cookie, body: { customerId: fx.aCustomerId, channel: 'email', templateId: 'welcome' } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
    },
  },
  {
    route: 'GET /api/messages/sends',
    handler: msgSendsRoute.GET,
    roles: rolesFor('messages:read'),
    request: () => ({ path: '/api/messages/sends' }),
    crossTenant: async (fx, cookie) => {
      const { sendId } = await messagingFixture(fx.a, fx.aCustomerId);
      for (const q of ['', `?customerId=${fx.aCustomerId}`, '?channel=email']) {
        const res = await call(msgSendsRoute.GET, { cookie, path: `/api/messages/sends${q}` });
        expect(res.status).toBe(200);
        expect(res.body.sends.map((s: { id: string }) => s.id)).not.toContain(sendId);
        // The names that come with the page are only this tenant's.
        expect(JSON.stringify(res.body.names)).not.toContain('Shared Name');
      }
    },
  },
  {
    route: 'GET /api/messages/sends/[id]',
    handler: msgSendOneRoute.GET,
    roles: rolesFor('messages:read'),
    request: () => ({ params: { id: 'snd_0000' } }),
    crossTenant: async (fx, cookie) => {
      const { sendId } = await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(msgSendOneRoute.GET, { cookie, params: { id: sendId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
    },
  },
  {
    route: 'GET /api/messages/templates',
    handler: msgTemplatesRoute.GET,
    roles: rolesFor('messages:read'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const { templateId } = await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(msgTemplatesRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.templates.map((t: { id: string }) => t.id)).not.toContain(templateId);
    },
  },
  {
    route: 'POST /api/messages/templates',
    handler: msgTemplatesRoute.POST,
    roles: rolesFor('messages:send'),
    request: () => ({ body: { key: 'tenancy_probe', name: 'Probe', channel: 'sms', kind: 'marketing', body: 'Hi' } }),
    crossTenant: async (fx, cookie) => {
      const res = await call(msgTemplatesRoute.POST, {
        method: 'POST',
        cookie,
        body: { key: 'cross_tenant_probe', name: 'Probe', channel: 'sms', kind: 'marketing', body: 'Hi', orgId: fx.a.orgId },
      });
      expect(res.status).toBe(201);
      expect(await tenantDb(fx.a.orgId).templates.get('cross_tenant_probe')).toBeNull();
      expect(await tenantDb(fx.b.orgId).templates.get('cross_tenant_probe')).not.toBeNull();
    },
  },
  {
    route: 'GET /api/messages/templates/[id]',
    handler: msgTemplateRoute.GET,
    roles: rolesFor('messages:read'),
    request: () => ({ params: { id: 'welcome' } }),
    crossTenant: async (fx, cookie) => {
      const { templateId } = await messagingFixture(fx.a, fx.aCustomerId);
      expect((await call(msgTemplateRoute.GET, { cookie, params: { id: templateId } })).status).toBe(404);
    },
  },
  {
    route: 'PUT /api/messages/templates/[id]',
    handler: msgTemplateRoute.PUT,
    roles: rolesFor('messages:send'),
    request: () => ({ params: { id: 'welcome' }, body: { name: 'W', channel: 'sms', kind: 'marketing', body: 'Hi' } }),
    crossTenant: async (fx, cookie) => {
      const { templateId } = await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(msgTemplateRoute.PUT, {
        method: 'PUT',
        cookie,
        params: { id: templateId },
        body: { name: 'Hijacked', channel: 'sms', kind: 'marketing', body: 'Hijacked' },
      });
      expect(res.status).toBe(404);
      expect((await tenantDb(fx.a.orgId).templates.getOrThrow(templateId)).name).not.toBe('Hijacked');
    },
  },
  {
    route: 'DELETE /api/messages/templates/[id]',
    handler: msgTemplateRoute.DELETE,
    roles: rolesFor('messages:send'),
    request: () => ({ params: { id: 'no_such_template' } }),
    crossTenant: async (fx, cookie) => {
      const { templateId } = await messagingFixture(fx.a, fx.aCustomerId);
      expect((await call(msgTemplateRoute.DELETE, { method: 'DELETE', cookie, params: { id: templateId } })).status).toBe(404);
      expect(await tenantDb(fx.a.orgId).templates.get(templateId)).not.toBeNull();
    },
  },
  {
    route: 'POST /api/messages/craig',
    handler: msgCraigRoute.POST,
    roles: rolesFor('messages:send'),
    request: () => ({ body: { goal: 'Win back regulars' } }),
    crossTenant: async (fx, cookie) => {
      const { templateId } = await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(msgCraigRoute.POST, { method: 'POST', cookie, body: { goal: 'Win back regulars' } });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain(templateId);
    },
  },
  {
    route: 'GET /api/settings/messaging',
    handler: msgSettingsRoute.GET,
    roles: rolesFor('settings:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(msgSettingsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(JSON.stringify(res.body)).not.toContain('tenancy-secret-voice');
      expect(res.body.webhooks).toEqual([]);
    },
  },
  {
    route: 'PUT /api/settings/messaging',
    handler: msgSettingsRoute.PUT,
    roles: rolesFor('settings:manage'),
    request: () => ({ body: {} }),
    crossTenant: async (fx, cookie) => {
      await messagingFixture(fx.a, fx.aCustomerId);
      const mine = (await call(msgSettingsRoute.GET, { cookie })).body.settings;
      const { id: _i, updatedAt: _u, updatedBy: _b, ...body } = mine;
      const res = await call(msgSettingsRoute.PUT, { method: 'PUT', cookie, body: { ...body, brandVoice: 'overwritten' } });
      expect(res.status).toBe(200);
      expect((await tenantDb(fx.a.orgId).messagingSettings.getOrThrow('current')).brandVoice).toBe('tenancy-secret-voice');
    },
  },
  {
    route: 'POST /api/settings/messaging/webhooks',
    handler: msgWebhooksRoute.POST,
    roles: rolesFor('settings:manage'),
    request: () => ({ body: { provider: 'mailjet' } }),
    crossTenant: async (fx, cookie) => {
      const { webhook } = await messagingFixture(fx.a, fx.aCustomerId);
      const before = await tenantDb(fx.a.orgId).messagingWebhooks.getOrThrow(webhook.endpointId);
      const res = await call(msgWebhooksRoute.POST, { method: 'POST', cookie, body: { provider: 'mailjet' } });
      expect(res.status).toBe(200);
      expect(res.body.webhook.endpointId).not.toBe(webhook.endpointId);
      expect((await tenantDb(fx.a.orgId).messagingWebhooks.getOrThrow(webhook.endpointId)).passwordSha256).toBe(before.passwordSha256);
    },
  },
  {
    route: 'POST /api/customers/[id]/consent',
    handler: consentRoute.POST,
    roles: rolesFor('customers:consent'),
    request: (fx) => ({ params: { id: fx.aCustomerId }, body: { channel: 'sms', status: 'opted_out', disclosure: 'x' } }),
    crossTenant: async (fx, cookie) => {
      const before = (await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId)).consent;
      const status = before.email.status === 'opted_out' ? 'opted_in' : 'opted_out';
      // The disclosure B's own page shows (B's name), so the wording passes: A's customer is simply not found.
      const disclosures = await counterDisclosures({ orgId: fx.b.orgId });
      const res = await call(consentRoute.POST, {
        method: 'POST',
        cookie,
        params: { id: fx.aCustomerId },
        body: { channel: 'email', status, disclosure: disclosures.email[status] },
      });
      expect(res.status).toBe(404);
      expect((await tenantDb(fx.a.orgId).customers.getOrThrow(fx.aCustomerId)).consent).toEqual(before);
    },
  },
  {
    route: 'GET /api/customers/[id]/messages',
    handler: timelineRoute.GET,
    roles: rolesFor('messages:read'),
    request: (fx) => ({ params: { id: fx.aCustomerId } }),
    crossTenant: async (fx, cookie) => {
      await messagingFixture(fx.a, fx.aCustomerId);
      const res = await call(timelineRoute.GET, { cookie, params: { id: fx.aCustomerId } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('shared@example.com');
    },
  },
];

function discoverRoutes(): string[] {
  const apiDir = path.join(process.cwd(), 'src', 'app', 'api');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.name === 'route.ts') {
        const url = `/api/${path.relative(apiDir, dir).split(path.sep).join('/')}`.replace(/\/$/, '');
        const src = readFileSync(full, 'utf8');
        for (const m of src.matchAll(/export (?:const|async function|function) (GET|POST|PUT|PATCH|DELETE)\b/g)) found.push(`${m[1]} ${url}`);
      }
    }
  };
  walk(apiDir);
  return found.sort();
}

describe('tenancy and roles on every API route', () => {
  let fx: Fixture;

  beforeAll(async () => {
    const [a, b] = await Promise.all([createTestTenant('A'), createTestTenant('B')]);
    const aCustomerId = await seedCustomer(a.orgId, { email: 'shared@example.com', phone: '+13135550199', firstName: 'Shared', lastName: 'Name' });
    fx = { a, b, aCustomerId };
  });

  it('covers every route under src/app/api', () => {
    const covered = new Set([...ROUTES.map((r) => r.route), ...Object.keys(PUBLIC_ROUTES)]);
    const missing = discoverRoutes().filter((r) => !covered.has(r));
    expect(missing, 'add these routes to ROUTES (or PUBLIC_ROUTES with a reason)').toEqual([]);
  });

  for (const rc of ROUTES) {
    const [method] = rc.route.split(' ') as [string];
    describe(rc.route, () => {
      it('answers 401 without a session', async () => {
        const res = await call(rc.handler, { method, ...rc.request(fx) });
        expect(res.status).toBe(401);
      });

      // Only where a role is refused: a route open to every role has no 403 to prove.
      const refused = ALL_ROLES.filter((r) => !rc.roles.includes(r));
      for (const role of refused) {
        it(`answers 403 to a ${role}`, async () => {
          const res = await call(rc.handler, { method, cookie: await fx.a.cookie(role), ...rc.request(fx) });
          expect(res.status, `${role} on ${rc.route}`).toBe(403);
        });
      }

      it("does not let another tenant's user see or change this tenant's data", async () => {
        const other = await createTestTenant('B2');
        await rc.crossTenant({ ...fx, b: other }, await other.cookie(rc.roles.includes('owner') ? 'owner' : rc.roles[0]!));
      });
    });
  }
});
