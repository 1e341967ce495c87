import { Liquid, type FS } from 'liquidjs';
import { formatCents } from '../money';
import { RenderBudgetExceededError, type RenderBudget } from './render-budget';
import { sampleContext } from './template-variables';

/**
 * Templates are written by staff and by Craig, so they never reach the file system: no root
 * directories, an fs that finds nothing, and the tags that load files replaced by one that
 * refuses at parse time (so a save names the field). Without this, liquidjs resolves
 * `{% include 'package.json' %}` against the server's working directory.
 */
export const FILE_TAGS = ['include', 'render', 'layout'] as const;

const NO_FILES: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async () => {
    throw new Error('Templates cannot read files');
  },
  readFileSync: () => {
    throw new Error('Templates cannot read files');
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
  sep: '/',
  dirname: () => '',
};

export class FileTagError extends Error {
  constructor(readonly tag: string) {
    super(`{% ${tag} %} is not allowed: templates cannot load other templates or files`);
    this.name = 'FileTagError';
  }
}

/**
 * Limits keep a hostile or careless template from eating the server. renderLimit (ms) applies
 * when no request budget is given. memoryLimit also bounds what happens between liquidjs's time
 * checks: a range like (1..9999999) is built in full before the first check, so at 10 M it took
 * a second; at 1 M it takes about a tenth of that.
 */
const LIMITS = { parseLimit: 100_000, renderLimit: 1_000, memoryLimit: 1_000_000 };
const BASE = {
  strictVariables: true,
  strictFilters: true,
  lenientIf: true,
  ownPropertyOnly: true,
  fs: NO_FILES,
  root: [],
  partials: [],
  layouts: [],
  relativeReference: false,
  ...LIMITS,
};

function build(engine: Liquid): Liquid {
  engine.registerFilter('money', (v: unknown) => {
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error('money expects an amount in cents');
    return formatCents(Math.round(v));
  });
  for (const tag of FILE_TAGS)
    engine.registerTag(tag, {
      parse() {
        throw new FileTagError(tag);
      },
      render() {
        throw new FileTagError(tag);
      },
    });
  return engine;
}

// Email HTML escapes every output, so a customer called "<script>" is text, never markup.
const htmlEngine = build(new Liquid({ ...BASE, outputEscape: 'escape' }));
const textEngine = build(new Liquid({ ...BASE }));

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

const isRenderLimit = (err: unknown) => /template render limit exceeded/.test((err as Error)?.message ?? '');

function explain(err: unknown, field: string): TemplateRenderError {
  const e = err as Error & { originalError?: Error & { variableName?: string } };
  const variable = e.originalError?.variableName ?? null;
  const raw = (e.message ?? String(err)).replace(/\s+/g, ' ');
  if (e.originalError instanceof FileTagError) return new TemplateRenderError(`${field}: ${e.originalError.message} (${position(raw)}).`, field, null);
  if (e.name === 'UndefinedVariableError' && variable)
    return new TemplateRenderError(`${field}: "${variable}" is not a variable this message has (${position(raw)}).`, field, variable);
  if (/memory alloc limit exceeded/.test(raw))
    return new TemplateRenderError(`${field}: the template builds too much (a range, loop or text this large is not allowed; ${position(raw)}).`, field, null);
  if (isRenderLimit(err)) return new TemplateRenderError(`${field}: the template took too long to render (${position(raw)}).`, field, null);
  if (/undefined filter/.test(raw)) return new TemplateRenderError(`${field}: ${raw.replace('undefined filter', 'unknown filter')}.`, field, null);
  return new TemplateRenderError(`${field}: ${raw}.`, field, null);
}

function position(msg: string): string {
  const m = /line:(\d+), col:(\d+)/.exec(msg);
  return m ? `line ${m[1]}, column ${m[2]}` : 'see the template';
}

/**
 * Renders one Liquid text; unknown variables and filters are a TemplateRenderError naming them.
 * With a budget (every request has one), the render may take at most what is left of it, and
 * the time it took is deducted; an exhausted budget is a RenderBudgetExceededError (422).
 */
export function renderLiquid(source: string, context: Record<string, unknown>, mode: TemplateMode, field = 'body', budget?: RenderBudget): string {
  const engine = mode === 'html' ? htmlEngine : textEngine;
  if (!budget) {
    try {
      return engine.parseAndRenderSync(source, context);
    } catch (err) {
      throw explain(err, field);
    }
  }
  if (budget.rendersLeft <= 0) throw new RenderBudgetExceededError(field, 'renders', budget);
  if (budget.remainingMs <= 0) throw new RenderBudgetExceededError(field, 'time', budget);
  budget.rendersLeft -= 1;
  const started = performance.now();
  try {
    return engine.parseAndRenderSync(source, context, { renderLimit: budget.remainingMs });
  } catch (err) {
    if (isRenderLimit(err)) {
      budget.remainingMs = 0;
      throw new RenderBudgetExceededError(field, 'time', budget);
    }
    throw explain(err, field);
  } finally {
    budget.remainingMs = Math.max(0, budget.remainingMs - (performance.now() - started));
  }
}

export interface TemplateProblem {
  path: string;
  message: string;
}

/**
 * Parses without rendering: broken Liquid and the file tags are a problem at the field. For
 * texts whose variables are only known at run time (playbook steps); templates are checked more
 * thoroughly by validateTemplateSource.
 */
export function liquidSourceProblem(source: string, field: string): TemplateProblem | null {
  try {
    textEngine.parse(source);
    return null;
  } catch (err) {
    return { path: field, message: explain(err, field).message };
  }
}

/** Checks a template against every documented variable: what is not documented is an error. */
export function validateTemplateSource(t: { channel: 'email' | 'sms'; subject: string | null; body: string }, budget?: RenderBudget): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const ctx = sampleContext();
  const tryRender = (source: string, mode: TemplateMode, field: string) => {
    try {
      renderLiquid(source, ctx, mode, field, budget);
    } catch (err) {
      if (err instanceof TemplateRenderError) problems.push({ path: field, message: err.message });
      else throw err;
    }
  };
  if (t.channel === 'email' && t.subject) tryRender(t.subject, 'text', 'subject');
  tryRender(t.body, t.channel === 'email' ? 'html' : 'text', 'body');
  return problems;
}

/**
 * The top-level variables a text refers to from outside (`cart` in `{{ cart.total }}`), not
 * counting names it assigns or loops over itself. Text that does not parse refers to none: it is
 * refused elsewhere, with its position.
 */
export function variableRoots(source: string): string[] {
  try {
    const segments = textEngine.globalVariableSegmentsSync(source);
    return [...new Set(segments.map((s) => String(s[0])))];
  } catch {
    return [];
  }
}
