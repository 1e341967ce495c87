import Anthropic from '@anthropic-ai/sdk';
import { zodOutputFormat } from '@anthropic-ai/sdk/helpers/zod';
import type { z } from 'zod';
import { LanguageModelError, type LanguageModel, type StructuredRequest, type StructuredResult } from '../../services/craig/language-model';
import { credential, messagingEnv } from '../../services/messaging/messaging-config';

export interface AnthropicOptions {
  apiKey: string | null;
  /** Anthropic's API by default; tests give a local server speaking the Messages API. */
  baseURL?: string;
  model: string;
  timeoutMs: number;
}

/** Structured output from Claude through the Messages API (output_config.format = JSON schema). */
export class AnthropicLanguageModel implements LanguageModel {
  constructor(private readonly opts: AnthropicOptions) {}

  async generateStructured<S extends z.ZodType>(req: StructuredRequest<S>): Promise<StructuredResult<z.infer<S>>> {
    if (!this.opts.apiKey) throw new LanguageModelError('not_configured', 'No Anthropic API key is configured.');
    const model = req.model ?? this.opts.model;
    const client = new Anthropic({ apiKey: this.opts.apiKey, baseURL: this.opts.baseURL, maxRetries: 0, timeout: req.timeoutMs ?? this.opts.timeoutMs });
    let parsed: unknown;
    try {
      const res = await client.messages.parse({
        model,
        max_tokens: req.maxTokens ?? 1_500,
        system: req.system,
        messages: [{ role: 'user', content: req.prompt }],
        output_config: { format: zodOutputFormat(req.schema as z.ZodType) },
      });
      parsed = res.parsed_output;
      if (res.stop_reason === 'max_tokens') throw new LanguageModelError('invalid_output', 'The answer was cut off at the token limit.');
    } catch (err) {
      if (err instanceof LanguageModelError) throw err;
      if (err instanceof Anthropic.APIConnectionTimeoutError) throw new LanguageModelError('timeout', 'Claude did not answer in time.');
      if (err instanceof Anthropic.APIError)
        throw new LanguageModelError('failed', `Claude answered ${err.status ?? 'with an error'}: ${err.message}`.slice(0, 300));
      throw new LanguageModelError('invalid_output', `Claude's answer could not be read: ${(err as Error).message}`.slice(0, 300));
    }
    const checked = req.schema.safeParse(parsed);
    if (!checked.success)
      throw new LanguageModelError('invalid_output', `Claude's answer did not match the expected shape: ${checked.error.issues[0]?.message ?? 'invalid'}.`);
    return { output: checked.data, model };
  }
}

/** The configured model for a dispensary: its own key, else the platform's, else none (callers fall back). */
export async function languageModelFor(orgId?: string): Promise<LanguageModel> {
  const env = messagingEnv();
  return new AnthropicLanguageModel({
    apiKey: await credential('ANTHROPIC_API_KEY', orgId),
    baseURL: env.ANTHROPIC_BASE_URL,
    model: env.ANTHROPIC_MODEL,
    timeoutMs: env.ANTHROPIC_TIMEOUT_MS,
  });
}
