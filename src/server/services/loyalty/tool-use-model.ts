import type { z } from 'zod';

/**
 * The port Mrs. Parker uses to let a language model answer by calling tools: the model sees only
 * what the tools return, never a dump of the customer. The Anthropic adapter implements it; a
 * failure is a LanguageModelError and the caller falls back to its ready answers.
 */
export interface ToolDefinition<S extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  input: S;
  run: (input: z.infer<S>) => Promise<unknown>;
}

export interface ToolCallRecord {
  name: string;
  input: unknown;
  /** False when the input was refused or the tool failed; the model was told why. */
  ok: boolean;
}

export interface ToolLoopRequest {
  system: string;
  prompt: string;
  tools: ToolDefinition[];
  /** Model turns at most; the last one may not call tools, so it must answer. */
  maxTurns: number;
  maxTokens: number;
}

export interface ToolLoopResult {
  text: string;
  model: string;
  calls: ToolCallRecord[];
  /** Every tool result, in order, for the caller to check the answer's citations against. */
  results: unknown[];
}

export interface ToolUseModel {
  runTools(req: ToolLoopRequest): Promise<ToolLoopResult>;
}
