import { aiCallContribution, type Agent } from '@/domain/analytics/rollup';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { languageModelFor } from '../../integrations/anthropic/anthropic-language-model';
import { toolUseModelFor } from '../../integrations/anthropic/anthropic-tool-runner';
import { LanguageModelError, type LanguageModel } from '../craig/language-model';
import type { ToolUseModel } from '../loyalty/tool-use-model';
import { rollupTimeZone, writeRollupDeltaInTx } from './rollups-in-tx';

type Ctx = Pick<ServiceContext, 'orgId' | 'clock' | 'log'>;

/**
 * Counts one AI call for `agent` in the day's rollups (docs/analytics.md, Cost). A call that
 * reached Claude counts whether it answered or failed, since the provider bills both; a missing
 * key is no call. A counter write that fails is logged, never allowed to fail the work it counts.
 */
export async function recordAiCall(ctx: Ctx, agent: Agent): Promise<void> {
  try {
    const now = ctx.clock.now();
    const batch = firestore().batch();
    writeRollupDeltaInTx(batch, ctx.orgId, aiCallContribution(agent, now, await rollupTimeZone(ctx.orgId)), now);
    await batch.commit();
  } catch (err) {
    ctx.log?.warn({ err, agent }, 'AI call not counted');
  }
}

async function counted<T>(ctx: Ctx, agent: Agent, call: () => Promise<T>): Promise<T> {
  try {
    const out = await call();
    await recordAiCall(ctx, agent);
    return out;
  } catch (err) {
    if (!(err instanceof LanguageModelError && err.reason === 'not_configured')) await recordAiCall(ctx, agent);
    throw err;
  }
}

/** The dispensary's structured-output model, each call counted for `agent`. */
export async function countedLanguageModel(ctx: Ctx, agent: Agent): Promise<LanguageModel> {
  const inner = await languageModelFor(ctx.orgId);
  return { generateStructured: (req) => counted(ctx, agent, () => inner.generateStructured(req)) };
}

/** The dispensary's tool-using model, each conversation counted once for `agent` (its turns are not counted apart). */
export async function countedToolUseModel(ctx: Ctx, agent: Agent): Promise<ToolUseModel> {
  const inner = await toolUseModelFor(ctx.orgId);
  return { runTools: (req) => counted(ctx, agent, () => inner.runTools(req)) };
}
