import type { Balances, LedgerLine, LedgerType } from './ledger';

/**
 * Mrs. Parker's deterministic answer to "why this balance?": the ledger read back in plain words.
 * It needs no model and no key, so every dispensary gets it, and it can only say what the lines
 * say. The AI answers (when a Claude key is set) are grounded in the same lines.
 */

export interface ExplainedLine {
  id: string;
  at: Date;
  /** "Earned 57 points on an order", "Redeemed 500 points for a reward". */
  text: string;
  points: number;
  balanceAfter: number;
}

export interface BalanceExplanation {
  /** One sentence: the balance and what it is made of. */
  summary: string;
  /** One sentence per kind of line, largest effect first: "Earned 1,340 points on 18 orders." */
  breakdown: string[];
  /** Set when the lines do not add up to the balance: what the daily check would report. */
  drift: string | null;
  lines: ExplainedLine[];
}

const n = (v: number) => Math.abs(v).toLocaleString('en-US');
const pts = (v: number) => `${n(v)} ${Math.abs(v) === 1 ? 'point' : 'points'}`;
const times = (c: number, one: string, many: string) => `${c.toLocaleString('en-US')} ${c === 1 ? one : many}`;

function day(d: Date, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone }).format(d);
  } catch {
    return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
}

type Line = Pick<LedgerLine, 'id' | 'type' | 'points' | 'balanceAfter' | 'shortfall' | 'reason' | 'at' | 'actor' | 'source'>;

/** One ledger line in the words a customer or a budtender reads in a history. */
export function describeLedgerLine(line: Line): string {
  const p = pts(line.points);
  const because = line.reason ? `: ${line.reason}` : '';
  const short = line.shortfall > 0 ? ` (${pts(line.shortfall)} had already been spent)` : '';
  switch (line.type) {
    case 'earn':
      return `Earned ${p} on an order`;
    case 'redeem':
      return `Redeemed ${p} for a reward`;
    case 'redeem_cancel':
      return `${p} returned: a reward was cancelled before use`;
    case 'adjust':
      return line.points >= 0 ? `${p} added by ${line.actor.name}${because}` : `${p} removed by ${line.actor.name}${because}${short}`;
    case 'expire':
      return `${p} expired`;
    case 'refund_reversal':
      return `${p} taken back for a refund${short}`;
    case 'referral':
      return `Referral bonus of ${p}${because}`;
    case 'birthday':
      return `Birthday bonus of ${p}`;
    case 'anniversary':
      return `Anniversary bonus of ${p}`;
    case 'bonus':
      return `Bonus of ${p}${line.reason ? ` (${line.reason})` : ''}`;
    case 'opening_balance':
      return `Opening balance of ${p} brought over from the previous programme`;
  }
}

const BREAKDOWN: Record<LedgerType, (points: number, count: number) => string> = {
  opening_balance: (p) => `Started with ${pts(p)} brought over from the previous programme.`,
  earn: (p, c) => `Earned ${pts(p)} on ${times(c, 'order', 'orders')}.`,
  referral: (p, c) => `Earned ${pts(p)} for ${times(c, 'referral', 'referrals')}.`,
  birthday: (p, c) => `Received ${pts(p)} in ${times(c, 'birthday bonus', 'birthday bonuses')}.`,
  anniversary: (p, c) => `Received ${pts(p)} in ${times(c, 'anniversary bonus', 'anniversary bonuses')}.`,
  bonus: (p, c) => `Received ${pts(p)} in ${times(c, 'bonus', 'bonuses')} from promotions.`,
  adjust: (p, c) => `${p >= 0 ? 'Gained' : 'Lost'} ${pts(p)} in ${times(c, 'staff adjustment', 'staff adjustments')}.`,
  redeem: (p, c) => `Spent ${pts(p)} on ${times(c, 'reward', 'rewards')}.`,
  redeem_cancel: (p, c) => `Got back ${pts(p)} from ${times(c, 'cancelled reward', 'cancelled rewards')}.`,
  refund_reversal: (p, c) => `Lost ${pts(p)} to ${times(c, 'refund', 'refunds')}.`,
  expire: (p, c) => `${pts(p)} expired (${times(c, 'time', 'times')}).`,
};

export type LedgerTotals = ReadonlyMap<LedgerType, { points: number; count: number }>;

/** Totals per kind of line; the service gets the same figures from Firestore aggregations instead. */
export function totalsOf(lines: readonly Pick<LedgerLine, 'type' | 'points'>[]): LedgerTotals {
  const totals = new Map<LedgerType, { points: number; count: number }>();
  for (const l of lines) {
    const t = totals.get(l.type) ?? { points: 0, count: 0 };
    totals.set(l.type, { points: t.points + l.points, count: t.count + 1 });
  }
  return totals;
}

/**
 * Explains a balance from the totals of every ledger line of one customer (so its cost does not
 * grow with a long history) and the latest lines (any order; they are shown newest first).
 * `who` is how the customer is named ("Maria"); `balances` the account's current figures.
 */
export function explainBalance(input: {
  who: string;
  totals: LedgerTotals;
  recent: readonly Line[];
  balance: number;
  balances: Pick<Balances, 'available' | 'pending' | 'expiringSoon' | 'nextExpiryAt' | 'nextAvailableAt'>;
  timeZone: string;
}): BalanceExplanation {
  const { who, balances, timeZone, totals } = input;
  const recent = [...input.recent].sort((a, b) => b.at.getTime() - a.at.getTime() || b.id.localeCompare(a.id));
  let sum = 0;
  let count = 0;
  for (const t of totals.values()) {
    sum += t.points;
    count += t.count;
  }
  const breakdown = [...totals.entries()]
    .filter(([, t]) => t.count > 0)
    .sort((a, b) => Math.abs(b[1].points) - Math.abs(a[1].points) || a[0].localeCompare(b[0]))
    .map(([type, t]) => BREAKDOWN[type](t.points, t.count));

  let summary: string;
  if (count === 0) summary = `${who} has ${pts(input.balance)} and no points activity yet.`;
  else if (balances.pending > 0) {
    const when = balances.nextAvailableAt ? ` (the next become spendable on ${day(balances.nextAvailableAt, timeZone)})` : '';
    summary = `${who} has ${pts(input.balance)}: ${n(balances.available)} to spend now and ${n(balances.pending)} pending while the return window runs${when}.`;
  } else if (input.balance === 0) summary = `${who} has no points right now.`;
  else summary = `${who} has ${pts(input.balance)}, all of them spendable now.`;
  if (balances.expiringSoon > 0 && balances.nextExpiryAt)
    summary += ` ${pts(balances.expiringSoon)} expire within 30 days (the first on ${day(balances.nextExpiryAt, timeZone)}).`;

  const drift =
    sum === input.balance
      ? null
      : `The history adds up to ${pts(sum)}, but the balance is ${pts(input.balance)}: a difference of ${pts(input.balance - sum)}. Staff have been notified.`;

  return {
    summary,
    breakdown,
    drift,
    lines: recent.map((l) => ({ id: l.id, at: l.at, text: describeLedgerLine(l), points: l.points, balanceAfter: l.balanceAfter })),
  };
}
