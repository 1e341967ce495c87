// Route cases for tests/integration/tenancy.test.ts: segment campaigns (owners and admins). Tenant A
// has a scheduled campaign to its VIPs, A's customer among them; B's session must neither see nor
// change it, and B's audience and campaigns count only B's customers.
import { expect } from 'vitest';
import * as campaignsRoute from '@/app/api/campaigns/route';
import * as audienceRoute from '@/app/api/campaigns/audience/route';
import * as campaignRoute from '@/app/api/campaigns/[id]/route';
import * as actionRoute from '@/app/api/campaigns/[id]/[action]/route';
import type { Campaign } from '@/domain/crm/campaign';
import { rolesFor } from '@/domain/roles';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { createCampaign } from '@/server/services/crm/campaigns';
import { call } from './http';
import type { RouteCase as Case, TenancyFixture as Fx } from './tenancy-cases';

const body = { name: 'Probe', segment: 'VIP', channel: 'email', templateId: 'win_back' };

const aCampaigns = new WeakMap<Fx['a'], Promise<Campaign>>();
/** A's customer in VIP, and a campaign to them starting in a day (so nothing is sent). */
function aCampaign(fx: Fx): Promise<Campaign> {
  if (!aCampaigns.has(fx.a)) {
    aCampaigns.set(
      fx.a,
      tenantDb(fx.a.orgId)
        .customers.update(fx.aCustomerId, { segment: 'VIP' })
        .then(async () => (await createCampaign(fx.a.ctx('owner'), { ...body, startAt: new Date(Date.now() + 86_400_000) })).campaign),
    );
  }
  return aCampaigns.get(fx.a)!;
}

const aSends = async (fx: Fx) =>
  (await tenantDb(fx.a.orgId).sends.ref.where('customerId', '==', fx.aCustomerId).get()).docs.filter((d) => d.data().source.type === 'campaign').length;

export const CAMPAIGN_ROUTE_CASES: Case[] = [
  {
    route: 'GET /api/campaigns',
    handler: campaignsRoute.GET,
    roles: rolesFor('messages:send'),
    request: () => ({}),
    crossTenant: async (fx, cookie) => {
      const a = await aCampaign(fx);
      const res = await call(campaignsRoute.GET, { cookie });
      expect(res.status).toBe(200);
      expect(res.body.campaigns.map((c: { id: string }) => c.id)).not.toContain(a.id);
    },
  },
  {
    route: 'POST /api/campaigns',
    handler: campaignsRoute.POST,
    roles: rolesFor('messages:send'),
    // A day ahead: the probe never sends.
    request: () => ({ body: { ...body, startAt: new Date(Date.now() + 86_400_000).toISOString() } }),
    crossTenant: async (fx, cookie) => {
      await aCampaign(fx);
      const res = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...body, orgId: fx.a.orgId } });
      expect(res.status).toBe(201);
      await drainAfterResponse();
      // B's campaign to its VIPs reached none of A's.
      expect(await aSends(fx)).toBe(0);
      expect((await tenantDb(fx.b.orgId).campaigns.get(res.body.campaign.id))?.processed).toBe(0);
    },
  },
  {
    route: 'POST /api/campaigns/audience',
    handler: audienceRoute.POST,
    roles: rolesFor('messages:send'),
    request: () => ({ body: { segment: 'VIP', channel: 'email', templateId: 'win_back' } }),
    crossTenant: async (fx, cookie) => {
      await aCampaign(fx);
      const res = await call(audienceRoute.POST, { method: 'POST', cookie, body: { segment: 'VIP', channel: 'email', templateId: 'win_back' } });
      expect(res.status).toBe(200);
      expect(res.body.inSegment).toBe(0);
    },
  },
  {
    route: 'GET /api/campaigns/[id]',
    handler: campaignRoute.GET,
    roles: rolesFor('messages:send'),
    request: () => ({ params: { id: 'cmp_0000' } }),
    crossTenant: async (fx, cookie) => {
      const a = await aCampaign(fx);
      const res = await call(campaignRoute.GET, { cookie, params: { id: a.id } });
      expect(res.status).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain('Probe');
    },
  },
  {
    route: 'POST /api/campaigns/[id]/[action]',
    handler: actionRoute.POST,
    roles: rolesFor('messages:send'),
    request: () => ({ params: { id: 'cmp_0000', action: 'pause' } }),
    crossTenant: async (fx, cookie) => {
      const a = await aCampaign(fx);
      for (const action of ['pause', 'cancel']) {
        const res = await call(actionRoute.POST, { method: 'POST', cookie, params: { id: a.id, action } });
        expect(res.status).toBe(404);
      }
      expect((await tenantDb(fx.a.orgId).campaigns.getOrThrow(a.id)).status).toBe('scheduled');
    },
  },
];
