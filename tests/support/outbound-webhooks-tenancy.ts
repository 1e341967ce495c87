// Route cases for tests/integration/tenancy.test.ts: the outbound (playbook) webhook signing
// secret. Tenant A's secret exists first; B's owner must neither read nor rotate it.
import { expect } from 'vitest';
import { rolesFor } from '@/domain/roles';
import * as statusRoute from '@/app/api/settings/playbook-webhooks/route';
import * as revealRoute from '@/app/api/settings/playbook-webhooks/reveal/route';
import * as rotateRoute from '@/app/api/settings/playbook-webhooks/rotate-secret/route';
import { revealOutboundWebhookSecret } from '@/server/services/playbooks/outbound-webhook-secret';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const aSecret = async (fx: Fx) => (await revealOutboundWebhookSecret(fx.a.ctx('owner'))).secret;

export const OUTBOUND_WEBHOOK_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/settings/playbook-webhooks',
    handler: statusRoute.GET,
    roles: rolesFor('settings:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const secret = await aSecret(fx);
      const res = await call(statusRoute.GET, { cookie });
      expect(res.status).toBe(200);
      // B has never sent or revealed one: A's existing secret does not make B's "configured".
      expect(res.body.status).toEqual({ configured: false, rotatedAt: null, previousValidUntil: null });
      expect(JSON.stringify(res.body)).not.toContain(secret);
    },
  },
  {
    route: 'POST /api/settings/playbook-webhooks/reveal',
    handler: revealRoute.POST,
    roles: rolesFor('secrets:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const secret = await aSecret(fx);
      const res = await call(revealRoute.POST, { method: 'POST', cookie, body: { orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect(res.body.secret).toMatch(/^whsec_/);
      expect(res.body.secret).not.toBe(secret);
    },
  },
  {
    route: 'POST /api/settings/playbook-webhooks/rotate-secret',
    handler: rotateRoute.POST,
    roles: rolesFor('secrets:manage'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const secret = await aSecret(fx);
      const res = await call(rotateRoute.POST, { method: 'POST', cookie, body: { orgId: fx.a.orgId } });
      expect(res.status).toBe(200);
      expect(res.body.secret).not.toBe(secret);
      expect(await aSecret(fx)).toBe(secret);
    },
  },
];
