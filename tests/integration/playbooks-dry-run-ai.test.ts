// A dry run calls no model: AI steps say what they would ask and take their "no answer" path,
// unless an owner or admin ticks "use AI" (budtenders may not). Claude is a local server speaking
// the Messages API, reached through the real @anthropic-ai/sdk, so calls are counted where they land.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as dryRunRoute from '@/app/api/playbooks/[id]/dry-run/route';
import * as draftDryRunRoute from '@/app/api/playbooks/dry-run/route';
import * as playbooksRoute from '@/app/api/playbooks/route';
import { startAnthropicFake, type AnthropicFake } from '../support/fakes/anthropic';
import { call } from '../support/http';
import { seedMessagingCustomer, setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let claude: AnthropicFake;
let t: TestTenant;
let customerId: string;
let playbookId: string;

const asksClaude = {
  name: 'Ask first',
  triggers: [{ type: 'manual' }],
  steps: [
    {
      action: 'ai_condition',
      question: 'Is this customer likely to enjoy a new edible?',
      whenUnavailable: 'else',
      then: [{ action: 'add_tag', tag: 'edibles' }],
      else: [{ action: 'add_tag', tag: 'not-now' }],
    },
  ],
};

beforeAll(async () => {
  [claude, t] = await Promise.all([startAnthropicFake(), createTestTenant('Dry AI')]);
  setProviderEnv({ ANTHROPIC_API_KEY: claude.apiKey, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '2000' });
  customerId = await seedMessagingCustomer(t);
  const created = await call(playbooksRoute.POST, { method: 'POST', cookie: await t.cookie('admin'), body: asksClaude });
  expect(created.status).toBe(201);
  playbookId = created.body.playbook.id;
});
afterAll(async () => {
  setProviderEnv({});
  await claude.close();
});

async function dryRun(role: 'owner' | 'admin' | 'budtender', body: Record<string, unknown>) {
  return call(dryRunRoute.POST, { method: 'POST', cookie: await t.cookie(role), params: { id: playbookId }, body: { customerId, ...body } });
}

describe('AI steps in a dry run', () => {
  it('call no model by default, and say what they would ask', async () => {
    const before = claude.calls;
    for (const role of ['owner', 'admin'] as const) {
      const res = await dryRun(role, {});
      expect(res.status).toBe(200);
      const [ask, tag] = res.body.steps as Array<{ action: string; status: string; branch: string | null; detail: string }>;
      expect(ask).toMatchObject({ action: 'ai_condition', status: 'done', branch: 'else' });
      expect(ask!.detail).toMatch(/Would ask Claude: “Is this customer likely to enjoy a new edible\?”.*“else” branch declared for no answer/);
      expect(tag).toMatchObject({ action: 'add_tag', detail: 'Tagged "not-now"' });
    }
    expect(claude.calls - before).toBe(0);
  });

  it('refuses a budtender’s dry run, with or without "use AI", with 403, calling nothing', async () => {
    const before = claude.calls;
    for (const body of [{}, { useAi: true }]) {
      const res = await dryRun('budtender', body);
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/Dry runs are for owners and admins/);
    }
    const draft = await call(draftDryRunRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('budtender'),
      body: { definition: asksClaude, options: { customerId, useAi: true } },
    });
    expect(draft.status).toBe(403);
    expect(claude.calls - before).toBe(0);
  });

  it('calls Claude once when an admin ticks "use AI", and follows its answer', async () => {
    const before = claude.calls;
    claude.answers.push({ answer: true, reason: 'Bought edibles twice this year.' });
    const res = await dryRun('admin', { useAi: true });
    expect(res.status).toBe(200);
    expect(claude.calls - before).toBe(1);
    expect(res.body.steps.map((s: { action: string; branch: string | null }) => [s.action, s.branch])).toEqual([
      ['ai_condition', 'then'],
      ['add_tag', null],
    ]);
    expect(res.body.steps[0].detail).toMatch(/^Claude: yes/);
    expect(res.body.steps[1].detail).toBe('Tagged "edibles"');
  });

  it('ai_compose, unsaved in the builder, says what it would ask Craig and falls back to the template', async () => {
    const before = claude.calls;
    const res = await call(draftDryRunRoute.POST, {
      method: 'POST',
      cookie: await t.cookie('owner'),
      body: {
        definition: {
          name: 'Composed',
          triggers: [{ type: 'manual' }],
          steps: [
            { action: 'ai_compose', channel: 'email', brief: { goal: 'Welcome them warmly', offer: '10% off' } },
            { action: 'send_email', useComposed: true, template: 'welcome' },
          ],
        },
        options: { customerId },
      },
    });
    expect(res.status).toBe(200);
    const [compose, send] = res.body.steps as Array<{ status: string; detail: string; skipReason: string | null }>;
    expect(compose).toMatchObject({ status: 'skipped', skipReason: 'Dry run without AI; template used' });
    expect(compose!.detail).toMatch(/Would ask Craig for an email: “Welcome them warmly” \(offer: 10% off\)/);
    // The send uses the welcome template's own subject (sent or deferred, depending on the hour now).
    expect(send!.detail).toMatch(/^Email “Welcome to .*, Jamie” would be (sent|deferred)/);
    expect(claude.calls - before).toBe(0);
  });
});
