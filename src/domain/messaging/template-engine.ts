import { Liquid } from 'liquidjs';
import { formatCents } from '../money';
import { sampleContext } from './template-variables';

// Limits keep a hostile or careless template from eating the server: parse size, render work, memory.
const LIMITS = { parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 10_000_000 };
const BASE = { strictVariables: true, strictFilters: true, lenientIf: true, ownPropertyOnly: true, ...LIMITS };

function withFilters(engine: Liquid): Liquid {
  engine.registerFilter('money', (v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error('money expects an amount in cents');
    return formatCents(Math.round(v));
  });
  return engine;
}

// Email HTML escapes every output, so a customer called "<script>" is text, never markup.
const htmlEngine = withFilters(new Liquid({ ...BASE, outputEscape: 'escape' }));
const textEngine = withFilters(new Liquid({ ...BASE }));

export type TemplateMode = 'html' | 'text';

export class TemplateRenderError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly variable: string | null,
  ) {
    super(message);
    this.name = 'TemplateRenderError';
  }
}

function explain(err: unknown, field: string): TemplateRenderError {
  const e = err as Error & { originalError?: Error & { variableName?: string } };
  const variable = e.originalError?.variableName ?? null;
  const raw = (e.message ?? String(err)).replace(/\s+/g, ' ');
  if (e.name === 'UndefinedVariableError' && variable)
    return new TemplateRenderError(`${field}: "${variable}" is not a variable this message has (${position(raw)}).`, field, variable);
  if (/undefined filter/.test(raw)) return new TemplateRenderError(`${field}: ${raw.replace('undefined filter', 'unknown filter')}.`, field, null);
  return new TemplateRenderError(`${field}: ${raw}.`, field, null);
}

function position(msg: string): string {
  const m = /line:(\d+), col:(\d+)/.exec(msg);
  return m ? `line ${m[1]}, column ${m[2]}` : 'see the template';
}

/** Renders one Liquid text; unknown variables and filters are a TemplateRenderError naming them. */
export function renderLiquid(source: string, context: Record<string, unknown>, mode: TemplateMode, field = 'body'): string {
  const engine = mode === 'html' ? htmlEngine : textEngine;
  try {
    return engine.parseAndRenderSync(source, context);
  } catch (err) {
    throw explain(err, field);
  }
}

export interface TemplateProblem {
  path: string;
  message: string;
}

/** Checks a template against every documented variable: what is not documented is an error. */
export function validateTemplateSource(t: { channel: 'email' | 'sms'; subject: string | null; body: string }): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const ctx = sampleContext();
  const tryRender = (source: string, mode: TemplateMode, field: string) => {
    try {
      renderLiquid(source, ctx, mode, field);
    } catch (err) {
      if (err instanceof TemplateRenderError) problems.push({ path: field, message: err.message });
      else throw err;
    }
  };
  if (t.channel === 'email' && t.subject) tryRender(t.subject, 'text', 'subject');
  tryRender(t.body, t.channel === 'email' ? 'html' : 'text', 'body');
  return problems;
}
