import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import * as askRoute from '@/app/api/analytics/pops/ask/route';
import * as popsRoute from '@/app/api/analytics/pops/route';
import { ManualClock } from '@/domain/clock';
import { addDays, localDayKey } from '@/domain/analytics/rollup-day';
import { tenantDb, tenantsCollection } from '@/server/db/tenant-db';
import { readRollupDays } from '@/server/services/analytics/read-rollups';
import { rebuildRollups } from '@/server/services/analytics/rebuild-rollups';
import { startSegmentRecompute, continueSegmentRecompute } from '@/server/services/crm/recompute-segments';
import { listSends } from '@/server/services/messaging/list-sends';
import { installGalleryPlaybook } from '@/server/services/playbooks/install-gallery-playbook';
import { setPlaybookStatus } from '@/server/services/playbooks/set-playbook-status';
import { logger } from '@/server/log';
import { startAnthropicFake, type AnthropicFake } from '../support/fakes/anthropic';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { fireScheduleOnce, nextUid, shopify, tick } from '../support/playbooks';
import { createTestTenant, type TestTenant } from '../support/tenant';
import { makeEndpoint, type TestEndpoint } from '../support/webhooks';

// Pops (docs/agents.md): the weekly report reaches the owner's outbox with last week's figures,
// and questions are answered from typed queries over the rollups, by Claude or without AI.

const TZ = 'America/Detroit';
const SAMPLE_TOTAL = 6_148; // Blue Dream 3.5g $35 + Watermelon Gummies $18, + 16% tax
let t: TestTenant;
let ep: TestEndpoint;
let claude: AnthropicFake;

/** One order by a new customer, placed at `at`, through the real Shopify receiver. */
async function order(at: string, person = `pops-${randomUUID().slice(0, 8)}`) {
  const clock = new ManualClock(at);
  await shopify(clock, ep, 'orders/create', {
    uid: nextUid(),
    customerId: nextUid() + 700_000,
    person: { firstName: 'Pat', lastName: person, email: `${person}@example.com`, phone: `+1313555${String(nextUid() % 10_000).padStart(4, '0')}` },
  });
}

beforeAll(async () => {
  setProviderEnv({});
  [claude, t] = await Promise.all([startAnthropicFake(), createTestTenant('Pops')]);
  ep = await makeEndpoint(t.ctx('admin'), 'shopify');
  // Last week (Mon Jun 30 – Sun Jul 6, 2031): three orders; the week before: one.
  await order('2031-06-24T16:00:00Z');
  for (const at of ['2031-06-30T16:00:00Z', '2031-07-02T16:00:00Z', '2031-07-05T23:00:00Z']) await order(at);
}, 120_000);

describe('Pops', () => {
  it('emails the weekly report from the gallery playbook, fired by its Monday schedule, into the outbox', async () => {
    // Sunday 2031-07-06, noon in Detroit.
    const clock = new ManualClock('2031-07-06T16:00:00Z');
    const ctx = { ...t.ctx('owner', clock), log: logger() };
    const installed = await installGalleryPlaybook(ctx, 'pops_weekly_report');
    await setPlaybookStatus(ctx, installed.id, 'active');
    // Monday 08:00 Detroit is 12:00 UTC.
    expect((await tenantDb(t.orgId).schedules.getOrThrow(installed.id)).nextFireAt).toEqual(new Date('2031-07-07T12:00:00Z'));
    await fireScheduleOnce(t.orgId, clock, '2031-07-07T12:00:30Z', installed.id);

    const { sends } = await listSends(t.ctx('owner', clock), { channel: 'email' });
    const report = sends.filter((s) => s.purpose === 'staff_report');
    // The owner only: not the admin, not the budtender.
    expect(report.map((s) => s.to)).toEqual([t.users.owner.email]);
    const [mail] = report;
    expect(mail!.status).not.toMatch(/skipped|failed|cancelled/);
    expect(mail!.message!.subject).toBe(`Pops’s weekly report for ${(await tenantsCollection().getOrThrow(t.orgId)).name}: $184.44 net sales, Jun 30 – Jul 6`);
    // Last week against the week before, in plain words, money formatted.
    expect(mail!.message!.text).toContain('you made $184.44 in net sales from 3 orders, up 200% on the week before ($61.48 from 1 order)');
    expect(mail!.message!.text).toContain('3 new customers (the week before: 1)');
    expect(mail!.message!.html).toContain('Blue Dream 3.5g');
    expect(mail!.message!.html).toContain('$105.00'); // three Blue Dreams at $35
    // A retried tick sends nothing more.
    await tick(t.orgId, clock);
    expect((await listSends(t.ctx('owner', clock), { channel: 'email' })).sends.filter((s) => s.purpose === 'staff_report')).toHaveLength(1);
  }, 120_000);

  it('shows the cards to owners and admins: sales, top sellers, cohorts, the repeat funnel', async () => {
    const res = await call(popsRoute.GET, { cookie: await t.cookie('admin') });
    expect(res.status).toBe(200);
    // The real clock's last week has no orders; cohorts and the funnel count every profile.
    expect(res.body.funnel.map((s: { customers: number }) => s.customers)).toEqual([4, 0, 0, 0]);
    expect(res.body.timeZone).toBe(TZ);
    expect((await call(popsRoute.GET, { cookie: await t.cookie('budtender') })).status).toBe(403);
  });

  it('answers a ready question from one typed query, without AI', async () => {
    setProviderEnv({ ANTHROPIC_BASE_URL: claude.url });
    const calls = claude.calls;
    const res = await call(askRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), body: { ready: 'repeat_funnel' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'ready', answer: '4 customers have ordered; 0 of them (0%) came back for a second order.' });
    expect(res.body.citations[0].tool).toBe('repeat_funnel');
    // A question in plain words without a key: no call to Claude, the ready questions instead.
    const plain = await call(askRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), body: { question: 'How are we doing?' } });
    expect(plain.body).toMatchObject({ source: 'ready', notice: expect.stringMatching(/need a Claude key/) });
    expect(plain.body.readyQuestions.length).toBeGreaterThanOrEqual(5);
    expect(claude.calls).toBe(calls);
  });

  it('with a Claude key, answers by calling typed queries and cites their figures', async () => {
    setProviderEnv({ ANTHROPIC_API_KEY: claude.apiKey, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '2000' });
    const before = claude.requests.length;
    claude.turns.push({
      stop_reason: 'tool_use',
      content: [{ type: 'tool_use', id: 'tu_1', name: 'sales_by_day', input: { from: '2031-06-30', to: '2031-07-06' } }],
    });
    claude.turns.push({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Last week brought $184.44 in net sales from 3 orders [sales_by_day].' }] });
    const res = await call(askRoute.POST, { method: 'POST', cookie: await t.cookie('owner'), body: { question: 'How much did we sell last week?' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'claude', answer: 'Last week brought $184.44 in net sales from 3 orders [sales_by_day].' });
    expect(res.body.citations).toEqual([
      expect.objectContaining({
        tool: 'sales_by_day',
        result: expect.objectContaining({ totals: expect.objectContaining({ orders: 3, netSalesCents: 3 * SAMPLE_TOTAL }) }),
      }),
    ]);
    const [opening, followUp] = claude.requests.slice(before);
    expect((opening!.tools as Array<{ name: string }>).map((x) => x.name)).toEqual([
      'sales_by_day',
      'top_products',
      'segment_movement',
      'cohort_ltv',
      'repeat_funnel',
      'playbook_results',
    ]);
    // The figures reach Claude only as the tool's result.
    expect(JSON.stringify(opening!.messages)).not.toContain(String(3 * SAMPLE_TOTAL));
    expect(JSON.stringify(followUp!.messages)).toContain(`\\"netSalesCents\\":${3 * SAMPLE_TOTAL}`);
    setProviderEnv({});
  });

  it('counts segment moves from the nightly recompute, and the rebuild agrees', async () => {
    // 200 days on, every customer has churned.
    const clock = new ManualClock('2032-01-20T12:00:00Z');
    const deps = { orgId: t.orgId, clock, log: logger() };
    await startSegmentRecompute(deps, 'nightly', 'pops-test');
    await continueSegmentRecompute(deps, 'nightly', Date.now() + 30_000);
    const day = localDayKey(clock.now(), TZ);
    const stored = await readRollupDays(t.orgId, addDays(day, -1), addDays(day, 1));
    expect(stored.get(day)?.['["segmentMoves","churned"]']).toBe(4);
    const rebuilt = await rebuildRollups(t.ctx('owner', clock), { from: addDays(day, -1), to: addDays(day, 1) });
    expect(Object.fromEntries(stored)).toEqual(rebuilt.totals);
  }, 60_000);
});
