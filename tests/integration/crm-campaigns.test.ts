import { beforeAll, describe, expect, it, vi } from 'vitest';
import * as campaignsRoute from '@/app/api/campaigns/route';
import * as actionRoute from '@/app/api/campaigns/[id]/[action]/route';
import type { Segment } from '@/domain/crm/segments';
import type { Customer } from '@/domain/customer';
import { tenantDb } from '@/server/db/tenant-db';
import { drainAfterResponse } from '@/server/http/after-response';
import { logger } from '@/server/log';
import { changeCampaign, checkAudience, createCampaign, getCampaignOrThrow } from '@/server/services/crm/campaigns';
import { continueCampaigns, runCampaign } from '@/server/services/crm/run-campaign';
import { sendSourceNames } from '@/server/services/messaging/send-source-names';
import { describeSendSource } from '@/domain/messaging/send-source';
import { call } from '../support/http';
import { middayClock, seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

const now = new Date('2031-05-06T16:00:00Z');

/** A segment of four customers: one the gate lets through, three it holds back for different reasons; and one in another segment. */
async function audience(t: TestTenant, segment: Segment) {
  const inSegment = (over: Partial<Customer>) => seedMessagingCustomer(t, { segment, ...over });
  const ok = await inSegment({ firstName: 'Olive' });
  const optedOut = await inSegment({
    consent: { email: { status: 'opted_out', source: 'unsubscribe_link', at: now }, sms: { status: 'opted_in', source: 'test', at: now } },
  });
  const young = await inSegment({ dateOfBirth: '2012-01-01' });
  const noEmail = await inSegment({ email: null });
  const other = await seedMessagingCustomer(t, { segment: segment === 'VIP' ? 'Loyal' : 'VIP' });
  return { ok, optedOut, young, noEmail, other, members: [ok, optedOut, young, noEmail] };
}

async function sendsOf(t: TestTenant, campaignId: string) {
  const snap = await tenantDb(t.orgId).sends.ref.where('source.id', '==', campaignId).get();
  return snap.docs.map((d) => d.data()).filter((s) => s.source.type === 'campaign');
}

const base = { name: 'VIP thank-you', channel: 'email', templateId: 'win_back' } as const;

let t: TestTenant;
beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Campaigns');
});

describe('segment campaigns', () => {
  it('counts the audience after the gate by reason, then messages each customer of the segment once, in the outbox', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    const a = await audience(t, 'VIP');

    let created = '';
    const check = await checkAudience(ctx, { segment: 'VIP', channel: 'email', templateId: 'win_back' });
    expect(check).toMatchObject({ inSegment: 4, checked: 4, estimated: false, send: 1, deferred: 0 });
    expect(Object.fromEntries(check.skipped.map((s) => [s.reason, s.count]))).toEqual({ opted_out: 1, under_age: 1, no_address: 1 });
    expect(check.skipped.map((s) => s.label)).toContain('Under 21');

    // The route runs on the system clock: pinned to the next late morning in Detroit (16:00 UTC,
    // within the session's life and after its issue), so no run of the suite falls in quiet hours.
    // Only Date is faked.
    const cookie = await t.cookie('owner');
    const lateMorning = new Date();
    if (lateMorning.getUTCHours() >= 16) lateMorning.setUTCDate(lateMorning.getUTCDate() + 1);
    lateMorning.setUTCHours(16, 0, 0, 0);
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(lateMorning);
    try {
      const res = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, segment: 'VIP' } });
      expect(res.status).toBe(201);
      expect(res.body.campaign).toMatchObject({ status: 'sending', segment: 'VIP', processed: 0 });
      created = res.body.campaign.id;
      await drainAfterResponse();
    } finally {
      vi.useRealTimers();
    }
    const done = await getCampaignOrThrow(ctx, created);
    expect(done).toMatchObject({ status: 'done', processed: 4, total: 4 });
    expect(done.tally).toEqual({ queued: 1, deferred: 0, failed: 0, skipped: { opted_out: 1, under_age: 1, no_address: 1 } });

    const sends = await sendsOf(t, done.id);
    expect(sends.map((s) => s.customerId).sort()).toEqual([...a.members].sort());
    expect(sends.find((s) => s.customerId === a.ok)).toMatchObject({ status: 'sent', kind: 'marketing', templateId: 'win_back' });
    expect(
      sends
        .filter((s) => s.status === 'skipped')
        .map((s) => s.decision.reason)
        .sort(),
    ).toEqual(['no_address', 'opted_out', 'under_age']);
    // The outbox names the campaign each message came from.
    const names = await sendSourceNames(ctx, sends);
    expect(describeSendSource(names[sends[0]!.id]!)).toBe('Campaign “VIP thank-you”');
  });

  it('a restarted or doubled run never messages anyone twice nor counts them twice', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    const a = await audience(t, 'Frequent');
    const { campaign } = await createCampaign(ctx, { ...base, segment: 'Frequent' });
    // Two workers at once (the answer's follow-up and the tick): one moves the cursor, the other's tally is dropped.
    await Promise.all([runCampaign(ctx, campaign.id, Date.now() + 30_000), runCampaign(ctx, campaign.id, Date.now() + 30_000)]);
    // A crash after the sends, before the cursor moved: the chunk is done again.
    await tenantDb(t.orgId).campaigns.update(campaign.id, {
      status: 'sending',
      cursor: null,
      processed: 0,
      total: null,
      tally: { queued: 0, deferred: 0, skipped: {}, failed: 0 },
    });
    await runCampaign(ctx, campaign.id, Date.now() + 30_000);
    const after = await getCampaignOrThrow(ctx, campaign.id);
    expect(after).toMatchObject({ status: 'done', processed: 4 });
    expect(after.tally.queued + after.tally.deferred + Object.values(after.tally.skipped).reduce((x, y) => x + y, 0)).toBe(4);
    const sends = await sendsOf(t, campaign.id);
    expect(sends).toHaveLength(4);
    expect(new Set(sends.map((s) => s.customerId)).size).toBe(4);
    expect(sends.map((s) => s.customerId)).not.toContain(a.other);
  });

  it('keeps to its rate: a minute’s share now, the rest from the tick a minute later', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    await audience(t, 'Casual');
    const { campaign } = await createCampaign(ctx, { ...base, segment: 'Casual', ratePerMinute: 3 });
    await runCampaign(ctx, campaign.id, Date.now() + 30_000);
    expect(await getCampaignOrThrow(ctx, campaign.id)).toMatchObject({ status: 'sending', processed: 3, total: 4 });
    // Not yet due: the tick leaves it.
    await continueCampaigns({ orgId: t.orgId, clock, log: logger(), deadline: Date.now() + 30_000 });
    expect((await getCampaignOrThrow(ctx, campaign.id)).processed).toBe(3);
    clock.advance(61_000);
    await continueCampaigns({ orgId: t.orgId, clock, log: logger(), deadline: Date.now() + 30_000 });
    expect(await getCampaignOrThrow(ctx, campaign.id)).toMatchObject({ status: 'done', processed: 4 });
    expect(await sendsOf(t, campaign.id)).toHaveLength(4);
  });

  it('a scheduled campaign waits for its time; paused, the tick leaves it; resumed, it sends', async () => {
    const clock = middayClock();
    const ctx = t.ctx('owner', clock);
    await audience(t, 'High Value');
    const startAt = new Date(clock.now().getTime() + 3_600_000);
    const { campaign, followUp } = await createCampaign(ctx, { ...base, segment: 'High Value', startAt: startAt.toISOString() });
    expect(followUp).toBeNull();
    expect(campaign.status).toBe('scheduled');
    await changeCampaign(ctx, campaign.id, 'pause');
    clock.set(startAt.getTime() + 1_000);
    await continueCampaigns({ orgId: t.orgId, clock, log: logger(), deadline: Date.now() + 30_000 });
    expect(await sendsOf(t, campaign.id)).toHaveLength(0);
    const resumed = await call(actionRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id: campaign.id, action: 'resume' } });
    expect(resumed.status).toBe(200);
    await drainAfterResponse();
    // The route's follow-up runs on the real clock; the tick at the campaign's time finishes it either way.
    await continueCampaigns({ orgId: t.orgId, clock, log: logger(), deadline: Date.now() + 30_000 });
    expect(await sendsOf(t, campaign.id)).toHaveLength(4);
    const again = await call(actionRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), params: { id: campaign.id, action: 'resume' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/cannot be resumed/);
  });

  it('cancelling withdraws the messages waiting for quiet hours to end', async () => {
    // 03:00 in Detroit: every message the gate lets through waits for the morning.
    const clock = middayClock();
    clock.set('2031-05-06T07:00:00Z');
    const ctx = t.ctx('owner', clock);
    await audience(t, 'Slipping');
    const check = await checkAudience(ctx, { segment: 'Slipping', channel: 'email', templateId: 'win_back' });
    expect(check).toMatchObject({ send: 0, deferred: 1 });
    const { campaign } = await createCampaign(ctx, { ...base, segment: 'Slipping' });
    await runCampaign(ctx, campaign.id, Date.now() + 30_000);
    expect((await getCampaignOrThrow(ctx, campaign.id)).tally.deferred).toBe(1);
    await tenantDb(t.orgId).campaigns.update(campaign.id, { status: 'sending' });
    await changeCampaign(ctx, campaign.id, 'cancel');
    const sends = await sendsOf(t, campaign.id);
    expect(sends.filter((s) => s.status === 'deferred')).toHaveLength(0);
    expect(sends.filter((s) => s.status === 'cancelled')).toHaveLength(1);
    expect((await getCampaignOrThrow(ctx, campaign.id)).status).toBe('cancelled');
  });

  it('refuses what cannot be sent, saying why', async () => {
    const cookie = await t.cookie('owner');
    const wrongChannel = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, segment: 'VIP', templateId: 'win_back_sms' } });
    expect(wrongChannel.status).toBe(422);
    expect(wrongChannel.body.error.message).toMatch(/is for SMS/);
    const transactional = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, segment: 'VIP', templateId: 'thank_you' } });
    expect(transactional.status).toBe(422);
    expect(transactional.body.error.message).toMatch(/transactional/);
    const badSegment = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, segment: 'Whales' } });
    expect(badSegment.status).toBe(422);
    const past = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, segment: 'VIP', startAt: '2020-01-01T00:00:00Z' } });
    expect(past.status).toBe(422);
    expect(past.body.error.message).toMatch(/start time has passed/);
  });
});

describe('campaign discount codes', () => {
  it('claims the code with the campaign; the same code again, or a bad one, is refused and nothing is written', async () => {
    const cookie = await t.cookie('owner');
    const first = await call(campaignsRoute.POST, {
      method: 'POST',
      cookie,
      body: { ...base, name: 'Fall sale', segment: 'Casual', discountCode: 'fall-20 ' },
    });
    expect(first.status).toBe(201);
    expect(first.body.campaign.discountCode).toBe('FALL20');
    const code = await tenantDb(t.orgId).campaignCodes.get('FALL20');
    expect(code).toMatchObject({ campaignId: first.body.campaign.id, label: 'Fall sale' });

    const before = (await tenantDb(t.orgId).campaigns.ref.get()).size;
    const again = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, name: 'Copy', segment: 'Casual', discountCode: 'FALL-20' } });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe('The code FALL20 is already in use; choose another.');
    const bad = await call(campaignsRoute.POST, { method: 'POST', cookie, body: { ...base, name: 'Bad', segment: 'Casual', discountCode: 'no!' } });
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toContain('A campaign code is 3 to 30 letters or digits');
    expect((await tenantDb(t.orgId).campaigns.ref.get()).size).toBe(before);
    await drainAfterResponse();
  });
});
