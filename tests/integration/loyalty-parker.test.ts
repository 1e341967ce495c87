// Mrs. Parker answers staff questions (Claude calling tools against a local Messages API server,
// or ready answers without a key) and suggests bonus campaigns that are created only as drafts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as askRoute from '@/app/api/customers/[id]/loyalty/ask/route';
import * as suggestionsRoute from '@/app/api/loyalty/suggestions/route';
import * as draftRoute from '@/app/api/loyalty/suggestions/[key]/draft/route';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { tenantDb } from '@/server/db/tenant-db';
import { askRateLimiter, ASKS_PER_MINUTE } from '@/server/http/rate-limit';
import { ledgerLineId } from '@/server/services/loyalty/ledger-in-tx';
import { postPoints } from '@/server/services/loyalty/post-points';
import { startAnthropicFake, type AnthropicFake } from '../support/fakes/anthropic';
import { seedCustomer } from '../support/fixtures';
import { call } from '../support/http';
import { setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

const orders: LedgerActor = { kind: 'system', id: 'system:orders', name: 'Order pipeline' };
let t: TestTenant;
let other: TestTenant;
let claude: AnthropicFake;
let customerId: string;

beforeAll(async () => {
  [claude, t, other] = await Promise.all([startAnthropicFake(), createTestTenant('Parker'), createTestTenant('Parker other')]);
  customerId = await seedCustomer(t.orgId, { firstName: 'Maria', email: 'maria.parker-test@example.com' });
  const ctx = t.ctx('owner');
  const now = ctx.clock.now();
  const soon = new Date(now.getTime() + 10 * 86_400_000);
  for (const [i, p] of [57, 43, 100].entries())
    await postPoints(ctx, customerId, [
      { key: `earn:ord_${i}`, posting: { kind: 'credit', type: 'earn', points: p, availableAt: now, expiresAt: i === 0 ? soon : null }, actor: orders },
    ]);
});
afterAll(async () => {
  setProviderEnv({});
  await claude.close();
});

const withClaude = () => setProviderEnv({ ANTHROPIC_API_KEY: claude.apiKey, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '2000' });
const withoutKey = () => setProviderEnv({ ANTHROPIC_BASE_URL: claude.url });
const ask = async (role: 'owner' | 'admin' | 'budtender', question: string, tenant = t) =>
  call(askRoute.POST, { method: 'POST', cookie: await tenant.cookie(role), params: { id: customerId }, body: { question } });
const toolUse = (id: string, name: string, input: unknown) => ({ type: 'tool_use', id, name, input });

describe('Ask Mrs. Parker', () => {
  it('with a key, Claude answers by calling tools and cites the lines they returned; the prompt carries no ledger', async () => {
    withClaude();
    const first = ledgerLineId('earn:ord_0');
    claude.turns.push(
      { stop_reason: 'tool_use', content: [toolUse('tu_1', 'get_balance', {}), toolUse('tu_2', 'list_ledger_lines', { type: 'earn', limit: 5 })] },
      { stop_reason: 'end_turn', content: [{ type: 'text', text: `Maria has 200 points; 57 of them, from her first order [${first}], expire in 10 days.` }] },
    );
    const before = claude.requests.length;
    const res = await ask('owner', 'Why does Maria have 200 points?');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ source: 'claude', model: 'claude-haiku-4-5', notice: null });
    expect(res.body.answer).toContain('expire in 10 days');
    expect(res.body.toolCalls).toEqual([
      { name: 'get_balance', input: {}, ok: true },
      { name: 'list_ledger_lines', input: { type: 'earn', limit: 5 }, ok: true },
    ]);
    expect(res.body.citedLines).toEqual([expect.objectContaining({ id: first, points: 57, text: 'Earned 57 points on an order' })]);

    const [opening, followUp] = claude.requests.slice(before);
    expect((opening!.tools as Array<{ name: string }>).map((x) => x.name)).toEqual([
      'get_balance',
      'list_ledger_lines',
      'get_programme_settings',
      'explain_line',
    ]);
    // The first request is the question alone: no lines, no balance, no customer record.
    const openingText = JSON.stringify(opening!.messages) + String(opening!.system);
    for (const leak of [first, 'maria.parker-test@example.com', 'Order pipeline', '"balance"']) expect(openingText).not.toContain(leak);
    // The ledger reaches the model only as tool results, filtered as asked.
    const results = JSON.stringify(followUp!.messages);
    expect(results).toContain('tool_result');
    expect(results).toContain(first);
    expect(results).toContain('\\"balance\\":200');
  });

  it('stops calling tools after four turns: the last turn must answer', async () => {
    withClaude();
    const before = claude.requests.length;
    for (let i = 0; i < 3; i++) claude.turns.push({ stop_reason: 'tool_use', content: [toolUse(`tu_l${i}`, 'get_balance', {})] });
    claude.turns.push({ stop_reason: 'end_turn', content: [{ type: 'text', text: 'Maria has 200 points.' }] });
    const res = await ask('admin', 'How many points?');
    expect(res.body.source).toBe('claude');
    const sent = claude.requests.slice(before);
    expect(sent).toHaveLength(4);
    expect(sent.map((r) => (r.tool_choice as { type: string }).type)).toEqual(['auto', 'auto', 'auto', 'none']);
  });

  it('without a key, gives a ready answer from the ledger and says AI answers need a Claude key', async () => {
    withoutKey();
    const calls = claude.calls;
    const res = await ask('owner', 'When do her points expire?');
    expect(res.status).toBe(200);
    expect(claude.calls).toBe(calls);
    expect(res.body).toMatchObject({ source: 'ready', model: null, intent: 'expiry', toolCalls: [] });
    expect(res.body.notice).toMatch(/AI answers need a Claude key/);
    expect(res.body.answer).toMatch(
      /^Points expire 12 months after they are earned, oldest first\. The next points expire on .+\. 57 points expire within 30 days\.$/,
    );

    const order = await ask('owner', 'What did order ord_1 earn?');
    expect(order.body.answer).toMatch(/^Order ord_1 earned 43 points on /);
    expect(order.body.citedLines.map((l: { id: string }) => l.id)).toEqual([ledgerLineId('earn:ord_1')]);
  });

  it('falls back to the ready answer when Claude fails', async () => {
    withClaude();
    claude.next({ status: 529, raw: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) });
    const res = await ask('owner', 'What can she redeem?');
    expect(res.body).toMatchObject({ source: 'ready', intent: 'redeem' });
    expect(res.body.notice).toMatch(/Claude could not be reached/);
  });

  it('gives a budtender no money: not in the ready answer, not in what the tools return, and the model is told', async () => {
    withoutKey();
    const ready = await ask('budtender', 'How far is she from the next tier?');
    expect(ready.body.intent).toBe('next_tier');
    expect(ready.body.answer).toMatch(/The next tier is Silver/);
    expect(ready.body.answer).not.toMatch(/\$/);
    const owner = await ask('owner', 'How far is she from the next tier?');
    expect(owner.body.answer).toMatch(/\$[\d,]+\.\d\d more qualifying spend/);

    withClaude();
    const before = claude.requests.length;
    claude.turns.push(
      { stop_reason: 'tool_use', content: [toolUse('tu_b1', 'get_programme_settings', {}), toolUse('tu_b2', 'get_balance', {})] },
      { stop_reason: 'end_turn', content: [{ type: 'text', text: 'She is Bronze; Silver is next.' }] },
    );
    const res = await ask('budtender', 'How far is she from the next tier?');
    expect(res.body.source).toBe('claude');
    const [opening, followUp] = claude.requests.slice(before);
    expect(String(opening!.system)).toMatch(/Never mention money amounts/);
    const results = JSON.stringify(followUp!.messages);
    expect(results).toContain('pointsCost');
    for (const money of ['minSpendCents', 'rewardValueCents', 'spendToNextCents']) expect(results).not.toContain(money);
  });

  it('another tenant’s customer is not found, and no model is asked', async () => {
    withClaude();
    const before = claude.requests.length;
    const res = await ask('owner', 'Why this balance?', other);
    expect(res.status).toBe(404);
    expect(claude.requests.length).toBe(before);
  });

  it('refuses a bad question with what was wrong, and limits asks per person', async () => {
    withoutKey();
    const bad = await ask('owner', 'hi');
    expect(bad.status).toBe(422);
    expect(JSON.stringify(bad.body)).toMatch(/at least 3 characters/);
    const key = `parker:${t.orgId}:${t.users.admin.uid}`;
    for (let i = 0; i < ASKS_PER_MINUTE + 1; i++) askRateLimiter.take(key, ASKS_PER_MINUTE, Date.now());
    const limited = await ask('admin', 'Why this balance?');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBeTruthy();
    expect((await ask('owner', 'Why this balance?')).status).toBe(200);
  });
});

describe('Bonus campaign suggestions', () => {
  it('without a key, suggests ready campaigns from the figures; accepting one creates a draft playbook, never active', async () => {
    withoutKey();
    const cookie = await t.cookie('owner');
    const list = await call(suggestionsRoute.GET, { cookie });
    expect(list.status).toBe(200);
    expect(list.body.source).toBe('ready');
    expect(list.body.notice).toMatch(/need a Claude key/);
    expect(list.body.suggestions.map((s: { key: string }) => s.key)).toEqual(['expiring_points_bonus', 'tier_up_bonus']);
    expect(list.body.suggestions[0].why).toMatch(/^1 of 1 members have 57 points expiring in the next 30 days/);
    expect(
      await tenantDb(t.orgId)
        .playbooks.ref.count()
        .get()
        .then((s) => s.data().count),
    ).toBe(0);

    const res = await call(draftRoute.POST, { method: 'POST', cookie, params: { key: 'expiring_points_bonus' }, body: { points: 40 } });
    expect(res.status).toBe(201);
    expect(res.body.playbook).toMatchObject({ status: 'draft', ownerAgent: 'mrs_parker', activatedAt: null });
    const stored = await tenantDb(t.orgId).playbooks.get(res.body.playbook.id);
    expect(stored?.status).toBe('draft');
    expect(stored?.triggers).toEqual([expect.objectContaining({ eventName: 'loyalty.points_expiring' })]);
    expect(stored?.steps[0]).toMatchObject({ action: 'award_points', points: 40 });

    const unknown = await call(draftRoute.POST, { method: 'POST', cookie, params: { key: 'free_money' } });
    expect(unknown.status).toBe(404);
    const tooMany = await call(draftRoute.POST, { method: 'POST', cookie, params: { key: 'tier_up_bonus' }, body: { points: 10_000_000 } });
    expect(tooMany.status).toBe(422);
    expect(JSON.stringify(tooMany.body)).toMatch(/at most 100000 points/);
  });

  it('with a key, Claude reads the settings and figures through tools and picks the campaign and bonus', async () => {
    withClaude();
    const before = claude.requests.length;
    claude.turns.push(
      { stop_reason: 'tool_use', content: [toolUse('tu_s1', 'get_programme_figures', {})] },
      {
        stop_reason: 'end_turn',
        content: [
          { type: 'text', text: '{"picks":[{"key":"tier_up_bonus","points":150,"why":"Every member is Bronze; a bonus makes Silver worth chasing."}]}' },
        ],
      },
    );
    const res = await call(suggestionsRoute.GET, { cookie: await t.cookie('admin') });
    expect(res.body).toMatchObject({ source: 'claude', notice: null, toolCalls: [{ name: 'get_programme_figures', input: {}, ok: true }] });
    expect(res.body.suggestions).toEqual([
      expect.objectContaining({ key: 'tier_up_bonus', points: 150, why: 'Every member is Bronze; a bonus makes Silver worth chasing.' }),
    ]);
    expect(res.body.suggestions[0].playbook.steps[0]).toMatchObject({ action: 'award_points', points: 150 });
    expect((claude.requests[before]!.tools as Array<{ name: string }>).map((x) => x.name)).toEqual(['get_programme_settings', 'get_programme_figures']);
  });
});
