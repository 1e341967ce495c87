import { z } from 'zod';
import { changeWords, READY_QUESTIONS, reportWeeks, type ReadyQuestionId } from '@/domain/agents/pops';
import { localDayKey } from '@/domain/analytics/rollup-day';
import { errors } from '@/domain/errors';
import { formatCents } from '@/domain/money';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { countedToolUseModel } from '../analytics/count-ai-calls';
import { rollupTimeZone } from '../analytics/rollups-in-tx';
import { ANSWER_FAILURE_WORDS, LanguageModelError } from '../craig/language-model';
import type { ToolCallRecord, ToolDefinition, ToolUseModel } from '../loyalty/tool-use-model';
import {
  CohortInputSchema,
  DayRangeSchema,
  queryCohortLtv,
  queryPlaybookResults,
  queryRepeatFunnel,
  querySales,
  querySegmentMovement,
  queryTopProducts,
  TopProductsSchema,
} from './pops-queries';

export const AskPopsSchema = z.union([
  z.object({ question: z.string().trim().min(3, 'Ask a question of at least 3 characters').max(500, 'Keep the question under 500 characters') }),
  z.object({ ready: z.enum(READY_QUESTIONS.map((q) => q.id) as [ReadyQuestionId, ...ReadyQuestionId[]]) }),
]);
export type AskPopsInput = z.infer<typeof AskPopsSchema>;

/** A figure Pops's answer rests on: the typed query that gave it, its input and what it returned. */
export interface PopsCitation {
  tool: string;
  input: unknown;
  result: unknown;
}

export interface PopsAnswer {
  /** claude: answered by the model from tool results; ready: a ready question answered from one query, no AI. */
  source: 'claude' | 'ready';
  model: string | null;
  question: string;
  answer: string;
  /** Why there was no AI answer, when there was none. */
  notice: string | null;
  citations: PopsCitation[];
  toolCalls: ToolCallRecord[];
  /** The questions Pops can answer without AI. */
  readyQuestions: ReadonlyArray<{ id: string; question: string }>;
}

const MAX_TURNS = 5;
const MAX_TOKENS = 900;

const WHY = ANSWER_FAILURE_WORDS;

/** Pops's tools: the typed queries, each recording what it returned so the answer's figures can be shown beside it. */
function popsTools(ctx: ServiceContext, timeZone: string, cited: PopsCitation[]): ToolDefinition[] {
  const tool = <S extends z.ZodType>(name: string, description: string, input: S, run: (i: z.infer<S>) => Promise<unknown>): ToolDefinition =>
    ({
      name,
      description,
      input,
      run: async (i: z.infer<S>) => {
        const result = await run(i);
        cited.push({ tool: name, input: i, result });
        return result;
      },
    }) as ToolDefinition;
  return [
    tool(
      'sales_by_day',
      'Orders, gross and net sales (cents), refunds, new customers and returning orders over local days [from, to], with each day.',
      DayRangeSchema,
      (r) => querySales(ctx, r),
    ),
    tool('top_products', 'Best-selling products over [from, to] by line revenue (cents), with units.', TopProductsSchema, (r) => queryTopProducts(ctx, r)),
    tool(
      'segment_movement',
      'Customers won back (from At Risk or Churned to an active segment), slipping (into At Risk) and churned (into Churned) over [from, to], and entries per segment.',
      DayRangeSchema,
      (r) => querySegmentMovement(ctx, r),
    ),
    tool(
      'cohort_ltv',
      'Lifetime value (cents, net of refunds) of customers by the month of their first order, for the last `months` months.',
      CohortInputSchema,
      (r) => queryCohortLtv(ctx, r, timeZone),
    ),
    tool('repeat_funnel', 'Customers with at least 1, 2, 3 and 5 orders, each with its share of the step before.', z.object({}), () => queryRepeatFunnel(ctx)),
    tool('playbook_results', 'Per playbook over [from, to]: messages sent, conversions and attributed revenue (cents).', DayRangeSchema, (r) =>
      queryPlaybookResults(ctx, r),
    ),
  ];
}

/**
 * Pops answers a question about the dispensary's figures. A ready question is answered from one
 * typed query, no AI. A question in plain words goes to Claude with the typed queries as tools, in
 * a few bounded turns; without a key (or when Claude fails) Pops says so and offers the ready ones.
 */
export async function askPops(ctx: ServiceContext, raw: unknown, deps: { model?: ToolUseModel } = {}): Promise<PopsAnswer> {
  if (!ctx.actor.role || !can(ctx.actor.role, 'analytics:read')) throw errors.forbidden('Pops answers owners and admins.');
  const parsed = AskPopsSchema.safeParse(raw);
  if (!parsed.success) throw errors.badRequest(parsed.error.issues[0]!.message);
  const input = parsed.data;
  const timeZone = await rollupTimeZone(ctx.orgId);
  if ('ready' in input) return { ...(await answerReady(ctx, input.ready, timeZone)), notice: null };
  const cited: PopsCitation[] = [];
  const model = deps.model ?? (await countedToolUseModel(ctx, 'pops'));
  try {
    const out = await model.runTools({
      system: systemPrompt(ctx.clock.now(), timeZone),
      prompt: input.question,
      tools: popsTools(ctx, timeZone, cited),
      maxTurns: MAX_TURNS,
      maxTokens: MAX_TOKENS,
    });
    return {
      source: 'claude',
      model: out.model,
      question: input.question,
      answer: out.text,
      notice: null,
      citations: cited,
      toolCalls: out.calls,
      readyQuestions: READY_QUESTIONS,
    };
  } catch (err) {
    if (!(err instanceof LanguageModelError)) throw err;
    ctx.log?.warn({ reason: err.reason }, 'Pops answered without AI');
    return {
      source: 'ready',
      model: null,
      question: input.question,
      answer: 'Pick one of the ready questions below: each is answered from the figures, without AI.',
      notice: `No answer in plain words: ${WHY[err.reason]}.`,
      citations: [],
      toolCalls: [],
      readyQuestions: READY_QUESTIONS,
    };
  }
}

async function answerReady(ctx: ServiceContext, id: ReadyQuestionId, timeZone: string): Promise<Omit<PopsAnswer, 'notice'>> {
  const { lastWeek, weekBefore } = reportWeeks(ctx.clock.now(), timeZone);
  const question = READY_QUESTIONS.find((q) => q.id === id)!.question;
  const base = { source: 'ready' as const, model: null, question, toolCalls: [], readyQuestions: READY_QUESTIONS };
  if (id === 'sales_last_week') {
    const [a, b] = await Promise.all([querySales(ctx, lastWeek), querySales(ctx, weekBefore)]);
    const answer = `Last week (${lastWeek.from} to ${lastWeek.to}): ${formatCents(a.totals.netSalesCents)} net sales from ${a.totals.orders} orders, ${changeWords(a.totals.netSalesCents, b.totals.netSalesCents)} on the week before (${formatCents(b.totals.netSalesCents)} from ${b.totals.orders} orders).`;
    return { ...base, answer, citations: [cite('sales_by_day', lastWeek, a), cite('sales_by_day', weekBefore, b)] };
  }
  if (id === 'top_sellers') {
    const r = await queryTopProducts(ctx, { ...lastWeek, limit: 5 });
    const answer = r.products.length
      ? `Last week’s top sellers: ${r.products.map((p, i) => `${i + 1}. ${p.name}, ${formatCents(p.revenueCents)} (${p.units} units)`).join('; ')}.`
      : 'Nothing sold last week.';
    return { ...base, answer, citations: [cite('top_products', { ...lastWeek, limit: 5 }, r)] };
  }
  if (id === 'segment_movement') {
    const r = await querySegmentMovement(ctx, lastWeek);
    const answer = `Last week ${r.wonBack} ${r.wonBack === 1 ? 'customer was' : 'customers were'} won back, ${r.slipping} slipped into At Risk and ${r.churned} churned.`;
    return { ...base, answer, citations: [cite('segment_movement', lastWeek, r)] };
  }
  if (id === 'repeat_funnel') {
    const r = await queryRepeatFunnel(ctx);
    const [one, two] = r.steps;
    const answer = `${one!.customers} customers have ordered; ${two!.customers} of them (${Math.round(two!.ofPrevious * 100)}%) came back for a second order.`;
    return { ...base, answer, citations: [cite('repeat_funnel', {}, r)] };
  }
  const r = await queryCohortLtv(ctx, { months: 12 }, timeZone);
  const best = [...r.months].filter((m) => m.customers > 0).sort((a, b) => b.averageCents - a.averageCents)[0];
  const answer = best
    ? `Customers who first ordered in ${best.month} are worth the most so far: ${formatCents(best.averageCents)} each on average (${best.customers} customers, ${formatCents(best.lifetimeValueCents)} in all).`
    : 'No customer placed a first order in the last twelve months.';
  return { ...base, answer, citations: [cite('cohort_ltv', { months: 12 }, r)] };
}

const cite = (tool: string, input: unknown, result: unknown): PopsCitation => ({ tool, input, result });

function systemPrompt(now: Date, timeZone: string): string {
  const { lastWeek, weekBefore } = reportWeeks(now, timeZone);
  return [
    'You are Pops, the analyst of a licensed cannabis dispensary. An owner or admin asks about the business’s figures.',
    `Today is ${localDayKey(now, timeZone)} in the dispensary’s zone (${timeZone}). Last week ran ${lastWeek.from} to ${lastWeek.to}; the week before, ${weekBefore.from} to ${weekBefore.to}. Days are YYYY-MM-DD.`,
    'Answer only from what your tools return. If they do not say, say you do not know. Never guess or invent figures.',
    'Money in tool results is in cents: write it in dollars ($1,234.56).',
    'Cite every figure you state with the tool that gave it in square brackets, like “$4,210.00 net sales [sales_by_day]”.',
    'Call the fewest tools you need. Answer in at most five short sentences of plain English.',
  ].join('\n');
}
