import { AppError } from '../errors';

/**
 * What one request may still spend on template rendering. Liquid renders synchronously, so
 * every millisecond here is a millisecond the server answers nobody else; liquidjs's own limit
 * is per render, so a request that renders many templates needs one budget shared by all of
 * them. Plain data: the request creates it, services pass it down, renderLiquid deducts from it.
 */
export interface RenderBudget {
  /** Wall time left for synchronous rendering, in milliseconds. */
  remainingMs: number;
  /** Renders left. */
  rendersLeft: number;
  /** What the request started with, for the message when it runs out. */
  readonly totalMs: number;
  readonly totalRenders: number;
}

/** About a second of rendering per request: far more than any real message needs. */
export const REQUEST_RENDER_MS = 1_000;
export const REQUEST_MAX_RENDERS = 500;
/** A dry run walks up to 300 steps; each renders a title or a subject and a body. */
export const DRY_RUN_MAX_RENDERS = 100;

export function newRenderBudget(ms = REQUEST_RENDER_MS, renders = REQUEST_MAX_RENDERS): RenderBudget {
  return { remainingMs: ms, rendersLeft: renders, totalMs: ms, totalRenders: renders };
}

/** Lowers the number of renders left (never raises it). */
export function capRenders(budget: RenderBudget, renders: number): void {
  budget.rendersLeft = Math.min(budget.rendersLeft, renders);
}

/**
 * The request has used its rendering time or its number of renders. An expected error (422):
 * the template is too expensive for one request, and the caller is told which field hit it.
 */
export class RenderBudgetExceededError extends AppError {
  constructor(
    readonly field: string,
    readonly exhausted: 'time' | 'renders',
    budget: Pick<RenderBudget, 'totalMs' | 'totalRenders'>,
  ) {
    const message =
      exhausted === 'time'
        ? `${field}: not rendered. One request may spend ${budget.totalMs / 1000} s rendering templates, and this one has used it; a loop this large cannot be rendered.`
        : `${field}: not rendered. One request may render ${budget.totalRenders} templates, and this one has rendered them all.`;
    super('validation_failed', message, { issues: [{ path: field, message }], reason: 'render_budget_exceeded' });
    this.name = 'RenderBudgetExceededError';
  }
}
