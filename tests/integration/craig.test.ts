// Craig drafts copy with the real @anthropic-ai/sdk against a local Messages API server, holds the
// draft to the content rules, and falls back to the dispensary's templates when Claude is unavailable.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { draftCopy } from '@/server/services/craig/draft-copy';
import { startAnthropicFake, type AnthropicFake } from '../support/fakes/anthropic';
import { setProviderEnv } from '../support/messaging';
import { createTestTenant, type TestTenant } from '../support/tenant';

let t: TestTenant;
let claude: AnthropicFake;

beforeAll(async () => {
  [claude, t] = await Promise.all([startAnthropicFake(), createTestTenant('Craig')]);
});
afterAll(async () => {
  setProviderEnv({});
  await claude.close();
});

const withClaude = (extra: Record<string, string> = {}) =>
  setProviderEnv({ ANTHROPIC_API_KEY: claude.apiKey, ANTHROPIC_BASE_URL: claude.url, ANTHROPIC_TIMEOUT_MS: '500', ...extra });
const brief = {
  goal: 'Win back regulars who have not visited in two months',
  audience: 'lapsed regulars',
  tone: 'warm',
  offer: '15% off with code COMEBACK15',
  channel: 'both' as const,
};

describe('Craig', () => {
  it('writes a subject, an email and SMS variants with the configured small model and the brand voice', async () => {
    withClaude();
    claude.answers.push({
      subject: 'We saved your seat, {{ customer.first_name | default: "there" }}',
      emailHtml: '<p>Hi {{ customer.first_name | default: "there" }},</p><p>It has been a while. Come back for 15% off with code COMEBACK15.</p>',
      smsVariants: ['We miss you! 15% off with code COMEBACK15 this week.', 'Come back for 15% off: COMEBACK15'],
    });
    const draft = await draftCopy(t.ctx(), brief);
    expect(draft).toMatchObject({ source: 'craig', model: 'claude-haiku-4-5', notice: null, flags: [], problems: [] });
    expect(draft.subject).toBe('We saved your seat, {{ customer.first_name | default: "there" }}');
    expect(draft.smsVariants.map((v) => v.segments.count)).toEqual([1, 1]);
    const req = claude.requests.at(-1)!;
    expect(req.model).toBe('claude-haiku-4-5');
    expect(req.output_config).toMatchObject({ format: { type: 'json_schema', schema: expect.objectContaining({ type: 'object' }) } });
    expect(String(req.system)).toMatch(/Never make health or medical claims/);
    expect(JSON.stringify(req.messages)).toContain('COMEBACK15');
  });

  it('flags and rewrites health claims and content aimed at minors', async () => {
    withClaude({ ANTHROPIC_MODEL: 'claude-sonnet-4-6' });
    claude.answers.push({
      subject: 'Relief is here',
      emailHtml: '<p>Our new tincture relieves anxiety. Perfect for back-to-school stress. Stop by this week for 15% off.</p>',
      smsVariants: ['Gummies that cure insomnia!', 'New tinctures are in. 15% off this week.'],
    });
    const draft = await draftCopy(t.ctx(), brief);
    expect(draft.source).toBe('craig');
    expect(draft.model).toBe('claude-sonnet-4-6');
    expect(draft.flags.map((f) => f.rule).sort()).toEqual(['health_claim', 'health_claim', 'minors']);
    expect(draft.emailHtml).toBe('<p>Stop by this week for 15% off.</p>');
    expect(draft.smsVariants.map((v) => v.text)).toEqual(['New tinctures are in. 15% off this week.']);
    expect(draft.notice).toMatch(/removed 3 phrase\(s\)/);
  });

  it('falls back to the dispensary’s templates, and says so, without an API key', async () => {
    setProviderEnv({ ANTHROPIC_BASE_URL: claude.url });
    const before = claude.calls;
    const draft = await draftCopy(t.ctx(), brief);
    expect(claude.calls).toBe(before);
    expect(draft).toMatchObject({ source: 'template_fallback', model: null });
    expect(draft.notice).toMatch(/no Anthropic API key is configured/);
    expect(draft.fallbackTemplates.map((x) => x.id)).toEqual(['win_back', 'win_back_sms']);
    expect(draft.subject).toBe('We miss you at {{ dispensary.name }}');
  });

  it('falls back when Claude fails or times out', async () => {
    withClaude();
    claude.next({ status: 529, raw: JSON.stringify({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }) });
    const failed = await draftCopy(t.ctx(), { goal: 'Birthday greeting' });
    expect(failed).toMatchObject({ source: 'template_fallback' });
    expect(failed.notice).toMatch(/Claude could not be reached/);
    expect(failed.fallbackTemplates[0]!.id).toBe('birthday');

    claude.next('hang');
    const slow = await draftCopy(t.ctx(), { goal: 'Ask for a review' });
    expect(slow.notice).toMatch(/did not answer in time/);
    expect(slow.fallbackTemplates.map((x) => x.id)).toEqual(['review_request']);

    claude.answers.push('{"subject": 42}');
    const garbled = await draftCopy(t.ctx(), { goal: 'Welcome new members' });
    expect(garbled.notice).toMatch(/could not be used/);
  });
});
