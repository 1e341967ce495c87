import { z } from 'zod';
import { customerDisplayName } from '@/domain/customer';
import { balancesOf, emptyAccount } from '@/domain/loyalty/ledger';
import { matchIntent, readyAnswer, type ParkerIntent } from '@/domain/loyalty/parker';
import { can } from '@/domain/roles';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { countedToolUseModel } from '../analytics/count-ai-calls';
import { ANSWER_FAILURE_WORDS, LanguageModelError } from '../craig/language-model';
import { explainCustomerBalance } from './explain-customer-balance';
import { ledgerLineId } from './ledger-in-tx';
import { loyaltyProgramme } from './loyalty-settings';
import { customerTools, tierOf } from './parker-tools';
import type { ToolCallRecord, ToolUseModel } from './tool-use-model';

export const AskParkerSchema = z.object({
  question: z.string().trim().min(3, 'Ask a question of at least 3 characters').max(500, 'Keep the question under 500 characters'),
});

export interface ParkerAnswer {
  /** claude: answered by the model from tool results; ready: a deterministic answer from the ledger. */
  source: 'claude' | 'ready';
  model: string | null;
  answer: string;
  /** Set when the answer is a ready one: why there was no AI answer. */
  notice: string | null;
  intent: ParkerIntent | null;
  /** The ledger lines the answer rests on (only ids the tools returned, or the ready answer used). */
  citedLines: Array<{ id: string; at: Date; text: string; points: number }>;
  toolCalls: ToolCallRecord[];
}

const MAX_TURNS = 4;
const MAX_TOKENS = 800;

const WHY = ANSWER_FAILURE_WORDS;

/**
 * Mrs. Parker answers a staff question about one customer's points. With a Claude key the model
 * answers by calling tools (balance, ledger pages, settings, one line) for this customer only, in
 * a few bounded turns; it never receives a dump of the customer. Without a key, or when Claude
 * fails, the question is matched to a ready intent and answered from the ledger.
 */
export async function askMrsParker(
  ctx: ServiceContext,
  input: { customerId: string; question: string },
  deps: { model?: ToolUseModel } = {},
): Promise<ParkerAnswer> {
  const { question } = AskParkerSchema.parse({ question: input.question });
  const tdb = tenantDb(ctx.orgId);
  // Not found for another tenant's id (the path is this tenant's), before any model is asked.
  const customer = await tdb.customers.getOrThrow(input.customerId);
  const programme = await loyaltyProgramme(ctx);
  const showMoney = ctx.actor.role !== undefined && can(ctx.actor.role, 'revenue:read');
  const who = customer.firstName.trim() || customerDisplayName(customer);
  const model = deps.model ?? (await countedToolUseModel(ctx, 'mrs_parker'));
  try {
    const out = await model.runTools({
      system: systemPrompt(who, showMoney),
      prompt: question,
      tools: customerTools(ctx, { customerId: customer.id, programme, showMoney }),
      maxTurns: MAX_TURNS,
      maxTokens: MAX_TOKENS,
    });
    const seen = new Map<string, { id: string; at: string; text: string; points: number }>();
    for (const r of out.results) for (const l of linesIn(r)) seen.set(l.id, l);
    const cited = [...seen.values()].filter((l) => out.text.includes(l.id));
    return {
      source: 'claude',
      model: out.model,
      answer: out.text,
      notice: null,
      intent: null,
      citedLines: cited.map((l) => ({ id: l.id, at: new Date(l.at), text: l.text, points: l.points })),
      toolCalls: out.calls,
    };
  } catch (err) {
    if (!(err instanceof LanguageModelError)) throw err;
    ctx.log?.warn({ reason: err.reason }, 'Mrs. Parker answered without AI');
    const ready = await answerReady(ctx, customer.id, who, question, programme, showMoney);
    return { ...ready, notice: `This is a ready answer from the ledger: ${WHY[err.reason]}.` };
  }
}

async function answerReady(
  ctx: ServiceContext,
  customerId: string,
  who: string,
  question: string,
  programme: Awaited<ReturnType<typeof loyaltyProgramme>>,
  showMoney: boolean,
): Promise<Omit<ParkerAnswer, 'notice'>> {
  const tdb = tenantDb(ctx.orgId);
  const matched = matchIntent(question);
  const now = ctx.clock.now();
  const [explanation, account, orderLine] = await Promise.all([
    explainCustomerBalance(ctx, customerId),
    tdb.loyaltyAccounts.get(customerId),
    matched?.orderId ? tdb.loyaltyLines.get(ledgerLineId(`earn:${matched.orderId}`)) : Promise.resolve(null),
  ]);
  const acct = account ?? emptyAccount(customerId, now);
  const line = orderLine && orderLine.customerId === customerId ? orderLine : null;
  const answer = readyAnswer(matched, {
    who,
    timeZone: programme.timeZone,
    balance: acct.balance,
    balances: balancesOf(acct, now, 30),
    explanation,
    expiryMonths: programme.settings.points.expiryMonths,
    tier: tierOf(acct, programme, now),
    rewards: programme.settings.redemptions.rewards.filter((r) => r.active),
    order: matched?.orderId ? { orderId: matched.orderId, line: line ? { id: line.id, points: line.points, at: line.at } : null } : null,
    showMoney,
  });
  const known = new Map(explanation.lines.map((l) => [l.id, { id: l.id, at: l.at, text: l.text, points: l.points }]));
  if (line) known.set(line.id, { id: line.id, at: line.at, text: `Earned ${line.points} points on an order`, points: line.points });
  return {
    source: 'ready',
    model: null,
    answer: answer.answer,
    intent: matched?.intent ?? null,
    citedLines: answer.citedLineIds.flatMap((id) => (known.has(id) ? [known.get(id)!] : [])),
    toolCalls: [],
  };
}

function linesIn(result: unknown): Array<{ id: string; at: string; text: string; points: number }> {
  if (!result || typeof result !== 'object') return [];
  const r = result as { lines?: unknown; line?: unknown };
  const list = Array.isArray(r.lines) ? r.lines : r.line ? [r.line] : [];
  return list.filter((l): l is { id: string; at: string; text: string; points: number } => !!l && typeof (l as { id?: unknown }).id === 'string');
}

function systemPrompt(who: string, showMoney: boolean): string {
  return [
    `You are Mrs. Parker, the loyalty assistant of a licensed cannabis dispensary. A staff member asks about the points of one customer, ${who}.`,
    'Answer only from what your tools return: the customer’s balance, ledger lines and the programme’s settings. If the tools do not say, say you do not know. Never guess figures.',
    'Call the fewest tools you need. Answer in at most four short sentences of plain English.',
    'When a statement rests on particular ledger lines, cite each line by its id in square brackets, like [pts_abc123].',
    showMoney ? 'You may mention spend amounts in dollars when the tools give them.' : 'Never mention money amounts: this staff member may not see them.',
  ].join('\n');
}
