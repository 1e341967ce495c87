import Anthropic from '@anthropic-ai/sdk';
import { z } from 'zod';
import { LanguageModelError } from '../../services/craig/language-model';
import type { ToolCallRecord, ToolLoopRequest, ToolLoopResult, ToolUseModel } from '../../services/loyalty/tool-use-model';
import { credential, messagingEnv } from '../../services/messaging/messaging-config';
import type { AnthropicOptions } from './anthropic-language-model';

type Block = Anthropic.Messages.ContentBlock;
type Param = Anthropic.Messages.MessageParam;

/** A tool result is cut to this many characters, so one page of lines cannot flood the context. */
const MAX_RESULT_CHARS = 8_000;

/** Claude's tool use through the Messages API: call tools, feed results back, until it answers. */
export class AnthropicToolRunner implements ToolUseModel {
  constructor(private readonly opts: AnthropicOptions) {}

  async runTools(req: ToolLoopRequest): Promise<ToolLoopResult> {
    if (!this.opts.apiKey) throw new LanguageModelError('not_configured', 'No Anthropic API key is configured.');
    const client = new Anthropic({ apiKey: this.opts.apiKey, baseURL: this.opts.baseURL, maxRetries: 0, timeout: this.opts.timeoutMs });
    const tools: Anthropic.Messages.Tool[] = req.tools.map((t) => ({
      name: t.name,
      description: t.description,
      input_schema: z.toJSONSchema(t.input, { io: 'input' }) as Anthropic.Messages.Tool['input_schema'],
    }));
    const messages: Param[] = [{ role: 'user', content: req.prompt }];
    const calls: ToolCallRecord[] = [];
    const results: unknown[] = [];
    for (let turn = 1; turn <= req.maxTurns; turn++) {
      const last = turn === req.maxTurns;
      const res = await this.create(client, {
        model: this.opts.model,
        max_tokens: req.maxTokens,
        system: req.system,
        messages,
        tools,
        // The last turn may not call tools: the model must answer with what it has.
        tool_choice: last ? { type: 'none' } : { type: 'auto' },
      });
      const uses = res.content.filter((b): b is Anthropic.Messages.ToolUseBlock => b.type === 'tool_use');
      if (res.stop_reason !== 'tool_use' || !uses.length || last) {
        const text = textOf(res.content);
        if (res.stop_reason === 'max_tokens') throw new LanguageModelError('invalid_output', 'The answer was cut off at the token limit.');
        if (!text) throw new LanguageModelError('invalid_output', 'Claude gave no answer.');
        return { text, model: this.opts.model, calls, results };
      }
      messages.push({ role: 'assistant', content: res.content });
      const replies: Anthropic.Messages.ToolResultBlockParam[] = [];
      for (const use of uses) {
        const tool = req.tools.find((t) => t.name === use.name);
        const input = tool?.input.safeParse(use.input);
        let content: string;
        let ok = false;
        if (!tool) content = `Unknown tool ${use.name}.`;
        else if (!input?.success) content = `Invalid input: ${input?.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`;
        else {
          try {
            const out = await tool.run(input.data);
            results.push(out);
            content = JSON.stringify(out).slice(0, MAX_RESULT_CHARS);
            ok = true;
          } catch (err) {
            content = `The tool failed: ${(err as Error).message}`.slice(0, 300);
          }
        }
        calls.push({ name: use.name, input: use.input, ok });
        replies.push({ type: 'tool_result', tool_use_id: use.id, content, is_error: !ok });
      }
      messages.push({ role: 'user', content: replies });
    }
    throw new LanguageModelError('invalid_output', 'Claude did not answer within its turns.');
  }

  private async create(client: Anthropic, body: Anthropic.Messages.MessageCreateParamsNonStreaming): Promise<Anthropic.Messages.Message> {
    try {
      return await client.messages.create(body);
    } catch (err) {
      if (err instanceof Anthropic.APIConnectionTimeoutError) throw new LanguageModelError('timeout', 'Claude did not answer in time.');
      if (err instanceof Anthropic.APIError)
        throw new LanguageModelError('failed', `Claude answered ${err.status ?? 'with an error'}: ${err.message}`.slice(0, 300));
      throw new LanguageModelError('failed', `Claude could not be reached: ${(err as Error).message}`.slice(0, 300));
    }
  }
}

function textOf(content: Block[]): string {
  return content
    .filter((b): b is Anthropic.Messages.TextBlock => b.type === 'text')
    .map((b) => b.text)
    .join('\n')
    .trim();
}

/** The dispensary's tool-using model: its own key, else the platform's, else none (callers fall back). */
export async function toolUseModelFor(orgId?: string): Promise<ToolUseModel> {
  const env = messagingEnv();
  return new AnthropicToolRunner({
    apiKey: await credential('ANTHROPIC_API_KEY', orgId),
    baseURL: env.ANTHROPIC_BASE_URL,
    model: env.ANTHROPIC_MODEL,
    timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
  });
}
