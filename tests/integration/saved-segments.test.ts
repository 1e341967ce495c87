import { beforeAll, describe, expect, it } from 'vitest';
import * as listRoute from '@/app/api/saved-segments/route';
import * as previewRoute from '@/app/api/saved-segments/preview/route';
import { ManualClock } from '@/domain/clock';
import { savedTriggerSegment } from '@/domain/crm/saved-segment';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { logger } from '@/server/log';
import { createCampaign, getCampaignOrThrow } from '@/server/services/crm/campaigns';
import { previewSavedSegment } from '@/server/services/crm/preview-saved-segment';
import { archiveSavedSegment, createSavedSegment, listSavedSegments, updateSavedSegment } from '@/server/services/crm/saved-segments';
import { runDaily } from '@/server/services/cron/run-daily';
import { changeCustomerTag } from '@/server/services/customers/change-customer-tags';
import { listCustomers } from '@/server/services/customers/list-customers';
import { recordConsent } from '@/server/services/messaging/record-consent';
import { call } from '../support/http';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook, customerByEmail, nextUid, runsOf, shopify } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint } from '../support/webhooks';

const members = async (t: TestTenant, id: string) =>
  (await tenantDb(t.orgId).customers.ref.where('savedSegmentIds', 'array-contains', id).get()).docs.map((d) => d.id).sort();

let t: TestTenant;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Saved segments');
});

describe('saved segments', () => {
  it('a save marks its members in the background; the live count, the list filter and the count agree; an edit and an archive move them', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    const rich = await seedMessagingCustomer(t, { firstName: 'Rae', pointsBalance: 500, tags: ['Medical'] });
    const richer = await seedMessagingCustomer(t, { firstName: 'Rob', pointsBalance: 900 });
    const poor = await seedMessagingCustomer(t, { firstName: 'Pia', pointsBalance: 20, tags: ['Medical'] });
    const definition = { conditions: [{ kind: 'points', min: 100 }] };

    // The editor's count before anything is saved, through the route (a budtender may preview).
    const preview = await call(previewRoute.POST, { method: 'POST', cookie: await t.cookie('budtender'), body: { definition } });
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(2);
    expect(preview.body.sample.sort()).toEqual(['Rae Rivera', 'Rob Rivera']);
    // Spend is for owners and admins, as on the list.
    const spend = await call(previewRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('budtender'),
      body: { definition: { conditions: [{ kind: 'spend', min: 1 }] } },
    });
    expect(spend.status).toBe(403);
    const bad = await call(previewRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), body: { definition: { conditions: [{ kind: 'points' }] } } });
    expect(bad.body.error.message).toBe('Give a lowest or a highest points balance.');

    const created = await call(listRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), body: { name: 'Points people', definition } });
    expect(created.status).toBe(201);
    await drainAfterResponse();
    const id = created.body.segment.id as string;
    expect(await members(t, id)).toEqual([rich, richer].sort());
    const stored = await tenantDb(t.orgId).savedSegments.getOrThrow(id);
    expect(stored).toMatchObject({ memberCount: 2, jobRunning: false, job: { status: 'done', entered: 2 } });
    expect((await previewSavedSegment(ctx, { definition })).count).toBe(stored.memberCount);

    const [listed] = (await listSavedSegments(ctx)).filter((s) => s.id === id);
    expect(listed).toMatchObject({ name: 'Points people', words: 'points 100 or more', memberCount: 2, job: { percent: 100 } });
    expect((await listCustomers(ctx, { savedSegment: id })).totalCount).toBe(2);
    await expect(listCustomers(ctx, { savedSegment: id, tag: 'Medical' })).rejects.toMatchObject({ code: 'bad_request' });

    // A narrower definition: Rob leaves, Rae stays, nobody new enters.
    const edited = await updateSavedSegment(ctx, id, {
      name: 'Medical points',
      definition: { conditions: [...definition.conditions, { kind: 'tags', match: 'any', tags: ['medical'] }] },
    });
    await edited.followUp!.run();
    expect(await members(t, id)).toEqual([rich]);
    expect((await listCustomers(ctx, { savedSegment: id })).customers.map((c) => c.id)).toEqual([rich]);
    expect(await members(t, id)).not.toContain(poor);

    // Tagging at the counter moves membership at once, with its entered event; consent too.
    await changeCustomerTag(ctx, richer, 'added', 'medical');
    expect(await members(t, id)).toEqual([rich, richer].sort());
    const entered = await tenantDb(t.orgId).events.ref.where('name', '==', 'customer.saved_segment_entered').where('customerId', '==', richer).get();
    expect(entered.docs.map((d) => d.data().data.cause).sort()).toEqual(['edit', 'job']);
    const consented = await updateSavedSegment(ctx, id, {
      name: 'Medical points',
      definition: { conditions: [{ kind: 'email_consent', statuses: ['opted_in'] }] },
    });
    await consented.followUp!.run();
    expect(await members(t, id)).toContain(rich);
    await recordConsent(ctx, { customerId: rich, channel: 'email', status: 'opted_out', source: 'staff' });
    expect(await members(t, id)).not.toContain(rich);

    const archived = await archiveSavedSegment(ctx, id);
    await archived.followUp.run();
    expect(await members(t, id)).toEqual([]);
    expect((await listSavedSegments(ctx)).map((s) => s.id)).not.toContain(id);
  });

  it('an order through the webhook makes a customer enter a saved segment and starts its playbook exactly once; the nightly pass moves the lapsed', async () => {
    const own = await createTestTenant('Saved segments orders');
    const ep = await makeEndpoint(own.ctx('admin'), 'shopify');
    const clock = new ManualClock(new Date());
    const ctx = own.ctx('owner', clock);
    const twice = await createSavedSegment(ctx, { name: 'Came back', definition: { conditions: [{ kind: 'orders', min: 2 }] } });
    await twice.followUp.run();
    const lapsed = await createSavedSegment(ctx, { name: 'Lapsed', definition: { conditions: [{ kind: 'last_order', when: 'more_than', days: 30 }] } });
    await lapsed.followUp.run();
    const welcome = await activePlaybook(
      own,
      {
        name: 'Welcome back',
        triggers: [{ type: 'segment_entered', segment: savedTriggerSegment(twice.segment.id) }],
        steps: [{ action: 'add_tag', tag: 'welcomed-back' }],
      },
      clock,
    );
    const n = nextUid();
    const s = {
      person: { firstName: 'Sam', lastName: 'Ng', email: `sam-${n}@example.com`, phone: `+1313557${String(n % 10_000).padStart(4, '0')}` },
      customerId: n,
    };

    await shopify(clock, ep, 'orders/create', { uid: nextUid(), ...s });
    expect((await customerByEmail(own.orgId, s.person.email))!.savedSegmentIds ?? []).toEqual([]);
    clock.advance(60_000);
    const second = nextUid();
    await shopify(clock, ep, 'orders/create', { uid: second, ...s });
    const c = (await customerByEmail(own.orgId, s.person.email))!;
    expect(c.savedSegmentIds).toEqual([twice.segment.id]);
    expect(c.tags).toContain('welcomed-back');
    const runs = await runsOf(own.orgId, welcome.id);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({ customerId: c.id, trigger: { type: 'segment_entered', eventName: 'customer.saved_segment_entered' } });
    // A redelivery moves nothing and starts nothing.
    await shopify(clock, ep, 'orders/create', { uid: second, ...s });
    expect(await runsOf(own.orgId, welcome.id)).toHaveLength(1);

    clock.advance(31 * 86_400_000);
    await runDaily({ clock, log: logger(), orgId: own.orgId });
    expect((await customerByEmail(own.orgId, s.person.email))!.savedSegmentIds?.sort()).toEqual([twice.segment.id, lapsed.segment.id].sort());
    const entered = await tenantDb(own.orgId).events.ref.where('name', '==', 'customer.saved_segment_entered').get();
    expect(entered.docs.map((d) => [d.data().data.name, d.data().data.cause]).sort()).toEqual([
      ['Came back', 'order'],
      ['Lapsed', 'nightly'],
    ]);
    expect(await runsOf(own.orgId, welcome.id)).toHaveLength(1);
  });

  it('a campaign to a saved segment messages its members only, and says so', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    const inside = await seedMessagingCustomer(t, { firstName: 'Ines', tags: ['campaign-probe'] });
    const outside = await seedMessagingCustomer(t, { firstName: 'Otto' });
    const seg = await createSavedSegment(ctx, { name: 'Probe people', definition: { conditions: [{ kind: 'tags', match: 'any', tags: ['campaign-probe'] }] } });
    await seg.followUp.run();
    const { campaign, followUp } = await createCampaign(ctx, { name: 'Probe', savedSegmentId: seg.segment.id, channel: 'email', templateId: 'win_back' });
    expect(campaign).toMatchObject({ segment: null, savedSegment: { id: seg.segment.id, name: 'Probe people' } });
    await followUp!.run();
    expect(await getCampaignOrThrow(ctx, campaign.id)).toMatchObject({ status: 'done', processed: 1, total: 1 });
    const sends = (await tenantDb(t.orgId).sends.ref.where('source.id', '==', campaign.id).get()).docs.map((d) => d.data().customerId);
    expect(sends).toEqual([inside]);
    expect(sends).not.toContain(outside);
    await expect(
      createCampaign(ctx, { name: 'Both', segment: 'VIP', savedSegmentId: seg.segment.id, channel: 'email', templateId: 'win_back' }),
    ).rejects.toThrow();
  });
});
