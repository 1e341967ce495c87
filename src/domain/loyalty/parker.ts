import type { BalanceExplanation } from './explain';
import type { Balances } from './ledger';

/**
 * Mrs. Parker's ready answers: what staff most often ask about a customer's points, matched by
 * keywords and answered from the same figures the ledger and settings give. Used when there is no
 * Claude key, or Claude fails; they can only say what the ledger says.
 */

export const PARKER_INTENTS = ['why_balance', 'expiry', 'next_tier', 'order_earned', 'redeem'] as const;
export type ParkerIntent = (typeof PARKER_INTENTS)[number];

export interface MatchedIntent {
  intent: ParkerIntent;
  /** For order_earned: the order named in the question, when there is one. */
  orderId: string | null;
}

const ORDER_ID = /\b(ord[_-][A-Za-z0-9_-]{2,60})\b/i;
const ORDER_AFTER_WORD = /\border\s+#?([A-Za-z0-9][A-Za-z0-9_-]{2,60})\b/i;

// First match wins: "when do the points from order X expire" is about expiry, not the order.
const RULES: Array<[ParkerIntent, RegExp]> = [
  ['expiry', /\b(expir\w*|run out|lose (their|her|his|my) points|use (them|it) by)\b/i],
  ['next_tier', /\b(tier|silver|gold|platinum|bronze|level|status|upgrade)\b/i],
  ['order_earned', /\b(order|purchase|visit|receipt|transaction)\b.*\b(earn\w*|get|got|give|gave|points?)\b|\b(earn\w*|points?)\b.*\b(order|purchase)\b/i],
  ['redeem', /\b(redeem\w*|reward\w*|spend|afford|cash in|use (their|her|his) points|what can)\b/i],
  ['why_balance', /\b(why|balance|how many|where .* points|add up|history|points)\b/i],
];

/** The ready intent a question asks for, or null when none fits (the answer then lists what can be asked). */
export function matchIntent(question: string): MatchedIntent | null {
  const q = question.trim();
  for (const [intent, re] of RULES) {
    if (!re.test(q)) continue;
    const orderId = intent === 'order_earned' ? (ORDER_ID.exec(q)?.[1] ?? ORDER_AFTER_WORD.exec(q)?.[1] ?? null) : null;
    return { intent, orderId };
  }
  return null;
}

export interface ParkerFacts {
  who: string;
  timeZone: string;
  balance: number;
  balances: Pick<Balances, 'available' | 'pending' | 'expiringSoon' | 'nextExpiryAt'>;
  explanation: BalanceExplanation;
  /** Months points last; null: they never expire. */
  expiryMonths: number | null;
  tier: { name: string; next: string | null; toNextCents: number | null } | null;
  rewards: Array<{ description: string; pointsCost: number }>;
  /** The earn line of the order asked about, when the question named one. */
  order: { orderId: string; line: { id: string; points: number; at: Date } | null } | null;
  /** Budtenders see no money: spend to the next tier is left out for them. */
  showMoney: boolean;
}

export interface ReadyAnswer {
  answer: string;
  citedLineIds: string[];
}

const pts = (v: number) => `${Math.abs(v).toLocaleString('en-US')} ${Math.abs(v) === 1 ? 'point' : 'points'}`;
const dollars = (cents: number) => `$${(cents / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

function day(d: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
}

export const READY_QUESTIONS = [
  'Why is this the balance?',
  'When do the points expire?',
  'How far to the next tier?',
  'What did order … earn?',
  'What can they redeem?',
];

export function readyAnswer(m: MatchedIntent | null, f: ParkerFacts): ReadyAnswer {
  if (!m) return { answer: `I can answer these without AI: ${READY_QUESTIONS.join(' ')}`, citedLineIds: [] };
  switch (m.intent) {
    case 'why_balance': {
      const e = f.explanation;
      return {
        answer: [e.summary, ...e.breakdown, e.drift].filter(Boolean).join(' '),
        citedLineIds: e.lines.slice(0, 5).map((l) => l.id),
      };
    }
    case 'expiry': {
      if (f.expiryMonths === null) return { answer: `Points never expire in this programme. ${f.who} has ${pts(f.balance)}.`, citedLineIds: [] };
      const rule = `Points expire ${f.expiryMonths} months after they are earned, oldest first.`;
      if (f.balance === 0) return { answer: `${f.who} has no points to expire. ${rule}`, citedLineIds: [] };
      const next = f.balances.nextExpiryAt ? ` The next points expire on ${day(f.balances.nextExpiryAt, f.timeZone)}.` : '';
      const soon = f.balances.expiringSoon > 0 ? ` ${pts(f.balances.expiringSoon)} expire within 30 days.` : ' None expire within 30 days.';
      return { answer: `${rule}${next}${soon}`, citedLineIds: [] };
    }
    case 'next_tier': {
      if (!f.tier) return { answer: `${f.who} has no tier yet.`, citedLineIds: [] };
      if (!f.tier.next) return { answer: `${f.who} is ${f.tier.name}, the top tier.`, citedLineIds: [] };
      const gap = f.showMoney && f.tier.toNextCents !== null ? `: ${dollars(f.tier.toNextCents)} more qualifying spend reaches it` : '';
      return { answer: `${f.who} is ${f.tier.name}. The next tier is ${f.tier.next}${gap}. Tiers follow spend, not points.`, citedLineIds: [] };
    }
    case 'order_earned': {
      if (!f.order) return { answer: 'Name the order (its id, such as ord_123) and I will say what it earned.', citedLineIds: [] };
      if (!f.order.line) return { answer: `Order ${f.order.orderId} has earned no points for ${f.who}.`, citedLineIds: [] };
      return {
        answer: `Order ${f.order.orderId} earned ${pts(f.order.line.points)} on ${day(f.order.line.at, f.timeZone)}.`,
        citedLineIds: [f.order.line.id],
      };
    }
    case 'redeem': {
      const active = [...f.rewards].sort((a, b) => a.pointsCost - b.pointsCost);
      if (!active.length) return { answer: 'The programme has no active rewards.', citedLineIds: [] };
      const can = active.filter((r) => r.pointsCost <= f.balances.available);
      if (!can.length) {
        const first = active[0]!;
        return {
          answer: `${f.who} has ${pts(f.balances.available)} to spend: ${pts(first.pointsCost - f.balances.available)} short of the first reward (${first.description}, ${pts(first.pointsCost)}).`,
          citedLineIds: [],
        };
      }
      return {
        answer: `${f.who} has ${pts(f.balances.available)} to spend and can redeem: ${can.map((r) => `${r.description} (${pts(r.pointsCost)})`).join('; ')}.`,
        citedLineIds: [],
      };
    }
  }
}
