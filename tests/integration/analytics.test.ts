import { inflateSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import * as reportRoute from '@/app/api/analytics/route';
import * as csvRoute from '@/app/api/analytics/export.csv/route';
import * as pdfRoute from '@/app/api/analytics/export.pdf/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import * as resultsRoute from '@/app/api/playbooks/[id]/results/route';
import * as runRoute from '@/app/api/playbooks/[id]/run/route';
import * as settingsRoute from '@/app/api/settings/analytics/route';
import { parseCsv } from '@/domain/csv';
import { addDays, localDayKey } from '@/domain/analytics/rollup-day';
import type { RollupDelta } from '@/domain/analytics/rollup';
import { firestore } from '@/server/db/firestore';
import { tenantDb } from '@/server/db/tenant-db';
import { recordAiCall } from '@/server/services/analytics/count-ai-calls';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { readRollupDays } from '@/server/services/analytics/read-rollups';
import { writeRollupDeltaInTx } from '@/server/services/analytics/rollups-in-tx';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { activePlaybook } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';

// The Analytics page's figures (docs/analytics.md, The Analytics page), from rollups written by the
// real paths (runs, AI calls) and by writeRollupDeltaInTx for the message and attribution counters.

const TZ = 'America/Detroit';
const k = (...p: string[]) => JSON.stringify(p);

let t: TestTenant;
let owner: string;
let playbookId: string;
let today: string;

async function write(delta: RollupDelta) {
  const batch = firestore().batch();
  writeRollupDeltaInTx(batch, t.orgId, delta, new Date());
  await batch.commit();
}

/** Arm counters for n customers, x of whom spent `each` cents. */
const arm = (pb: string, name: string, n: number, x: number, each: number) => ({
  [k('experiments', pb, 'split-1', name, 'customers')]: n,
  [k('experiments', pb, 'split-1', name, 'converters')]: x,
  [k('experiments', pb, 'split-1', name, 'revenueSumCents')]: x * each,
  [k('experiments', pb, 'split-1', name, 'revenueSumSquaresCents')]: x * each * each,
});

beforeAll(async () => {
  setProviderEnv({});
  t = await createTestTenant('Analytics');
  owner = await t.cookie('owner');
  today = localDayKey(new Date(), TZ);
  playbookId = (
    await activePlaybook(t, {
      name: 'Win-back “Miss you”',
      triggers: [{ type: 'manual' }],
      steps: [{ action: 'add_tag', tag: 'ran', label: 'Tag them' }],
    })
  ).id;
  const campaignId = 'cmp_analytics';
  await tenantDb(t.orgId).campaigns.ref.withConverter(null).doc(campaignId).set({ id: campaignId, name: 'Spring sale' });
  // Two real runs (the start-run commit counts them) and three AI calls for Craig.
  const customers = [await seedMessagingCustomer(t), await seedMessagingCustomer(t)];
  const ran = await call(runRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), params: { id: playbookId }, body: { customerIds: customers } });
  expect(ran.body.started).toBe(2);
  for (let i = 0; i < 3; i++) await recordAiCall(t.ctx('owner'), 'craig');
  await write({
    [addDays(today, -1)]: {
      [k('channels', 'email', 'sends')]: 1_000,
      [k('channels', 'sms', 'sends')]: 200,
      [k('channels', 'email', 'clicks')]: 40,
      [k('playbooks', playbookId, 'email', 'sends')]: 1_000,
      [k('playbooks', playbookId, 'sms', 'sends')]: 200,
      [k('playbooks', playbookId, 'email', 'clicks')]: 40,
      [k('playbooks', playbookId, 'email', 'conversions')]: 10,
      [k('playbooks', playbookId, 'email', 'attributedRevenueCents')]: 50_000,
      [k('steps', playbookId, 'add-tag', 'sends')]: 1_200,
      [k('variants', playbookId, 'A', 'sends')]: 600,
      [k('variants', playbookId, 'B', 'sends')]: 600,
      [k('agents', 'craig', 'sends')]: 1_300,
      [k('campaigns', campaignId, 'email', 'sends')]: 100,
      [k('campaigns', campaignId, 'code', 'conversions')]: 2,
      [k('campaigns', campaignId, 'code', 'attributedRevenueCents')]: 8_000,
      [k('conversions')]: 12,
      [k('attributedRevenueCents')]: 58_000,
      ...arm(playbookId, 'A', 400, 60, 5_000),
      ...arm(playbookId, 'B', 400, 20, 5_000),
      ...arm(playbookId, 'holdout', 200, 10, 5_000),
    },
    // The previous period (days 31 to 60 before today).
    [addDays(today, -40)]: { [k('playbooks', playbookId, 'email', 'attributedRevenueCents')]: 20_000, [k('attributedRevenueCents')]: 20_000 },
  });
});

describe('the Analytics report', () => {
  it('adds up each playbook, campaign and agent, with cost, ROI, lift and the previous period', async () => {
    const res = await call(reportRoute.GET, { cookie: owner, path: '/api/analytics' });
    expect(res.status).toBe(200);
    const r = res.body;
    expect(r.range).toMatchObject({ to: today, from: addDays(today, -29), days: 30, previous: { to: addDays(today, -30) } });
    const pb = r.playbooks.find((p: { id: string }) => p.id === playbookId);
    // Cost: 1,000 emails at 100¢/1,000 = $1.00, 200 texts at 1,500¢/1,000 = $3.00.
    expect(pb).toMatchObject({ name: 'Win-back “Miss you”', runs: 2, sends: 1_200, clicks: 40, conversions: 10, attributedRevenueCents: 50_000 });
    expect(pb.cost).toMatchObject({ emailCents: 100, smsCents: 300, totalCents: 400 });
    expect(pb.roi).toBeCloseTo((50_000 - 400) / 400, 10);
    expect(pb.previousAttributedRevenueCents).toBe(20_000);
    // Treated 800 customers, 80 spent $50: $5.00 each; holdout 200, 10 spent $50: $2.50 each → 800 × $2.50.
    expect(pb.incremental).toEqual({ cents: 200_000, note: null });
    expect(r.lift[0].splits[0].holdout.treated).toMatchObject({ customers: 800, converters: 80 });
    expect(r.lift[0].splits[0].winner.winner).toBe('A');
    expect(r.lift[0].splits[0].winner.sample).toEqual([
      { name: 'A', customers: 400, converters: 60 },
      { name: 'B', customers: 400, converters: 20 },
    ]);
    const campaign = r.campaigns[0];
    expect(campaign).toMatchObject({ name: 'Spring sale', sends: 100, conversions: 2, attributedRevenueCents: 8_000, incremental: { cents: null } });
    expect(campaign.cost.totalCents).toBe(10);
    const craig = r.agents.find((a: { id: string }) => a.id === 'craig');
    // Craig: his playbook's and the campaign's messages ($1.10 + $3.00) and 3 AI calls at 1,000¢/1,000 (3¢).
    expect(craig).toMatchObject({ sends: 1_300, aiCalls: 3, runs: 2, cost: { aiCents: 3, totalCents: 413 } });
    expect(r.totals).toMatchObject({ runs: 2, sends: 1_200, conversions: 12, attributedRevenueCents: 58_000, aiCalls: 3, incremental: { cents: 200_000 } });
    expect(r.totals.cost.totalCents).toBe(403);
    expect(r.previousTotals.attributedRevenueCents).toBe(20_000);
    expect(r.series).toHaveLength(30);
    expect(r.series.find((s: { day: string }) => s.day === addDays(today, -1))).toMatchObject({
      sends: 1_200,
      clicks: 40,
      conversions: 12,
      attributedRevenueCents: 58_000,
    });
  });

  it('refuses a range it cannot read with a 400 that says why', async () => {
    const bad = async (q: string) => call(reportRoute.GET, { cookie: owner, path: `/api/analytics?${q}` });
    expect((await bad('from=2031-05-10&to=2031-05-01')).body.error.message).toMatch(/start date must not be after the end date/);
    const long = await bad('from=2030-01-01&to=2031-05-01');
    expect(long.status).toBe(400);
    expect(long.body.error.message).toMatch(/at most 366 days/);
    expect((await bad('from=2031-02-30')).body.error.message).toMatch(/does not exist/);
    expect((await bad('from=yesterday')).status).toBe(400);
    expect((await bad(`from=${addDays(today, -365)}&to=${today}`)).status).toBe(200);
  });

  it('exports CSV and PDF as attachments named with the dispensary and the range', async () => {
    const csv = await call(csvRoute.GET, { cookie: owner, path: '/api/analytics/export.csv' });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(new RegExp(`attachment; filename="bakedbot-analytics-.+-${addDays(today, -29)}-to-${today}\\.csv"`));
    const rows = parseCsv(csv.body as string).map((r) => r.fields);
    expect(rows[0]!.slice(0, 4)).toEqual(['Kind', 'Name', 'Runs', 'Sends']);
    const pbRow = rows.find((r) => r[0] === 'Playbook')!;
    expect(pbRow[1]).toBe('Win-back “Miss you”');
    expect(pbRow.slice(2, 12)).toEqual(['2', '1200', '0', '0', '40', '10', '500.00', '2000.00', '4.00', '12400%']);

    const pdf = await call(pdfRoute.GET, { cookie: owner, path: '/api/analytics/export.pdf' });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(pdf.headers.get('content-disposition')).toMatch(/\.pdf"$/);
    const raw = await (
      await pdfRoute.GET(new Request('http://localhost/api/analytics/export.pdf', { headers: { cookie: owner } }), { params: Promise.resolve({}) })
    ).arrayBuffer();
    const bytes = Buffer.from(raw);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfText(bytes)).toContain('Win-back "Miss you"');
  });

  it('saves the unit costs (owners and admins), and cost and ROI follow at once', async () => {
    const bad = await call(settingsRoute.PUT, { method: 'PUT', cookie: owner, body: { costs: { emailPer1000Cents: -5 } } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toMatch(/cannot be negative/);
    const ok = await call(settingsRoute.PUT, {
      method: 'PUT',
      cookie: owner,
      body: { costs: { emailPer1000Cents: 1_000, smsPer1000Cents: 1_500, aiCallPer1000Cents: 1_000 } },
    });
    expect(ok.status).toBe(200);
    const got = await call(settingsRoute.GET, { cookie: await t.cookie('admin') });
    expect(got.body.settings.costs.emailPer1000Cents).toBe(1_000);
    const r = (await call(reportRoute.GET, { cookie: owner, path: '/api/analytics' })).body;
    expect(r.playbooks.find((p: { id: string }) => p.id === playbookId).cost.emailCents).toBe(1_000);
    await call(settingsRoute.PUT, {
      method: 'PUT',
      cookie: owner,
      body: { costs: { emailPer1000Cents: 100, smsPer1000Cents: 1_500, aiCallPer1000Cents: 1_000 } },
    });
  });

  it('gives a playbook its Results per step and variant, and the list its 30-day figures from rollups', async () => {
    const res = await call(resultsRoute.GET, { cookie: owner, params: { id: playbookId }, path: `/api/playbooks/${playbookId}/results` });
    expect(res.status).toBe(200);
    expect(res.body.steps).toEqual([expect.objectContaining({ id: 'add-tag', name: 'A removed step', sends: 1_200 })]);
    expect(res.body.variants.map((v: { id: string; sends: number }) => [v.id, v.sends])).toEqual([
      ['A', 600],
      ['B', 600],
    ]);
    expect(res.body.totals).toMatchObject({ runs: 2, attributedRevenueCents: 50_000, incremental: { cents: 200_000 } });

    const list = await call(playbooksRoute.GET, { cookie: owner });
    expect(list.body.playbooks[0]).toMatchObject({ runs30d: 2, messages30d: 1_200, revenue30dCents: 50_000 });
    const forBudtender = await call(playbooksRoute.GET, { cookie: await t.cookie('budtender') });
    expect(forBudtender.body.playbooks[0]).toMatchObject({ runs30d: 2, revenue30dCents: null });
  });

  it('a rebuild recounts runs from the run records and keeps the AI calls it cannot recount', async () => {
    const before = await readRollupDays(t.orgId, today, today, { parts: ['messages'] });
    await rebuildRollups(t.ctx('owner'), { from: today, to: today });
    const after = await readRollupDays(t.orgId, today, today, { parts: ['messages'] });
    expect(after.get(today)?.[k('playbookRuns', playbookId)]).toBe(2);
    expect(after.get(today)?.[k('aiCalls', 'craig')]).toBe(3);
    expect(after).toEqual(before);
  });
});

/** The text drawn in a PDF: content streams inflated, hex strings decoded (pdf-lib writes standard-font text as hex). */
function pdfText(pdf: Buffer): string {
  const out: string[] = [];
  const s = pdf.toString('latin1');
  for (let i = s.indexOf('stream'); i >= 0; i = s.indexOf('stream', i + 6)) {
    const start = s[i + 6] === '\r' ? i + 8 : i + 7;
    const end = s.indexOf('endstream', start);
    if (end < 0) break;
    let body: string;
    try {
      body = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      body = pdf.subarray(start, end).toString('latin1');
    }
    for (const m of body.matchAll(/<([0-9A-Fa-f]+)>\s*Tj/g)) out.push(Buffer.from(m[1]!, 'hex').toString('latin1'));
    for (const m of body.matchAll(/\(((?:[^()\\]|\\.)*)\)\s*Tj/g)) out.push(m[1]!);
    i = end;
  }
  return out.join('\n');
}
