import type { z } from 'zod';

/**
 * The port Craig (and the playbook engine's ai_compose and ai_condition steps) use to ask a
 * language model for structured output. The Anthropic adapter implements it; callers never see
 * the vendor, and always have a fallback for LanguageModelError.
 */
export interface StructuredRequest<S extends z.ZodType> {
  /** Who the model is and what rules it follows. */
  system: string;
  /** The task, with all the context it needs. */
  prompt: string;
  /** The shape of the answer; the answer is validated against it (limits included). */
  schema: S;
  maxTokens?: number;
  /** Defaults to ANTHROPIC_TIMEOUT_MS (15 s). */
  timeoutMs?: number;
  /** Defaults to ANTHROPIC_MODEL (a small, fast model). */
  model?: string;
}

export interface StructuredResult<T> {
  output: T;
  model: string;
}

export type LanguageModelFailure = 'not_configured' | 'timeout' | 'failed' | 'invalid_output';

/** Why an agent answered staff without Claude, in their words (Mrs. Parker's and Pops's notices). */
export const ANSWER_FAILURE_WORDS: Record<LanguageModelFailure, string> = {
  not_configured: 'AI answers need a Claude key (Settings → Messaging)',
  timeout: 'Claude did not answer in time',
  failed: 'Claude could not be reached',
  invalid_output: 'Claude’s answer could not be used',
};

export class LanguageModelError extends Error {
  constructor(
    readonly reason: LanguageModelFailure,
    message: string,
  ) {
    super(message);
    this.name = 'LanguageModelError';
  }
}

export interface LanguageModel {
  generateStructured<S extends z.ZodType>(req: StructuredRequest<S>): Promise<StructuredResult<z.infer<S>>>;
}
