import { countedLanguageModel } from '../../analytics/count-ai-calls';
import { LanguageModelError, type LanguageModel } from '../../craig/language-model';
import type { StepRunContext } from '../engine/step-handler';

/** Real runs may call a model; a dry run only when an owner or admin ticked "use AI in this dry run". */
export function mayCallModels(ctx: Pick<StepRunContext, 'dryRun' | 'aiInDryRun'>): boolean {
  return !ctx.dryRun || ctx.aiInDryRun === true;
}

// Handed to a step that asks for a model where it may not call one: a slip costs nothing, it just takes the fallback.
const noModel: LanguageModel = {
  generateStructured: () => Promise.reject(new LanguageModelError('not_configured', 'Dry runs call no model unless "use AI" is ticked.')),
};

/** The model an AI step asks: the dispensary's Claude, or, in a dry run without AI, one that never calls out. */
export async function stepModel(ctx: StepRunContext): Promise<LanguageModel> {
  return mayCallModels(ctx) ? countedLanguageModel(ctx, 'craig') : noModel;
}
