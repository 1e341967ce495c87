// A local server speaking Anthropic's Messages API (POST /v1/messages), so the real
// @anthropic-ai/sdk can be pointed at it. Answers are queued as JSON objects for structured output.
import { randomUUID } from 'node:crypto';
import { sendRaw, startHttpFake, type HttpFake } from './http-fake';

export interface AnthropicFake extends HttpFake {
  apiKey: string;
  /** The next structured answers (objects are serialised as the text block Claude returns). */
  answers: unknown[];
  requests: Array<Record<string, unknown>>;
  /** Whole replies (content blocks and stop reason), served before `answers`: for tool use. */
  turns: Array<{ content: unknown[]; stop_reason: 'tool_use' | 'end_turn' | 'max_tokens' }>;
}

export async function startAnthropicFake(): Promise<AnthropicFake> {
  const apiKey = `sk-ant-test-${randomUUID()}`;
  const answers: unknown[] = [];
  const requests: AnthropicFake['requests'] = [];
  const turns: AnthropicFake['turns'] = [];
  const fake = await startHttpFake(({ req, url, body }, behaviour, res) => {
    if (req.method !== 'POST' || url.pathname !== '/v1/messages')
      return sendRaw(res, 404, JSON.stringify({ type: 'error', error: { type: 'not_found_error', message: 'Not found' } }));
    // The API takes the key as x-api-key or, as this SDK version sends it, as a Bearer token.
    if (req.headers['x-api-key'] !== apiKey && req.headers.authorization !== `Bearer ${apiKey}`)
      return sendRaw(res, 401, JSON.stringify({ type: 'error', error: { type: 'authentication_error', message: 'invalid x-api-key' } }));
    const parsed = JSON.parse(body) as Record<string, unknown>;
    requests.push(parsed);
    if (typeof behaviour === 'object')
      return sendRaw(res, behaviour.status, behaviour.raw ?? JSON.stringify({ type: 'error', error: { type: 'api_error', message: 'Internal server error' } }));
    const turn = turns.shift();
    const answer = turn ? null : (answers.shift() ?? {});
    const text = typeof answer === 'string' ? answer : JSON.stringify(answer);
    sendRaw(
      res,
      200,
      JSON.stringify({
        id: `msg_${randomUUID().replace(/-/g, '')}`,
        type: 'message',
        role: 'assistant',
        model: parsed.model,
        content: turn?.content ?? [{ type: 'text', text }],
        stop_reason: turn?.stop_reason ?? 'end_turn',
        stop_sequence: null,
        usage: { input_tokens: 200, output_tokens: 150 },
      }),
    );
  });
  return Object.assign(fake, { apiKey, answers, requests, turns });
}
