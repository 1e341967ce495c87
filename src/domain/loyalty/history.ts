import type { LedgerLine, LedgerType } from './ledger';

const n = (points: number) => `${Math.abs(points).toLocaleString('en-US')} ${Math.abs(points) === 1 ? 'point' : 'points'}`;

const WORDS: Record<LedgerType, (l: LedgerLine) => string> = {
  earn: (l) => `Earned ${n(l.points)} on a purchase`,
  redeem: (l) => `Spent ${n(l.points)} on a reward`,
  redeem_cancel: (l) => `${n(l.points)} returned: a reward was cancelled`,
  adjust: (l) => (l.points >= 0 ? `${n(l.points)} added by the store` : `${n(l.points)} taken off by the store`),
  expire: (l) => `${n(l.points)} expired`,
  refund_reversal: (l) => `${n(l.points)} taken back for a return`,
  // Never the other customer's name here: the customer's own page shows no one else.
  referral: (l) =>
    l.idempotencyKey.endsWith(':referred')
      ? `Welcome bonus: ${n(l.points)} for joining with a friend's code`
      : `Referral bonus: ${n(l.points)}, a friend joined with your code`,
  birthday: (l) => `Happy birthday: ${n(l.points)}`,
  anniversary: (l) => `Membership anniversary: ${n(l.points)}`,
  bonus: (l) => `Bonus: ${n(l.points)}`,
  opening_balance: (l) => `Starting balance: ${n(l.points)}`,
};

/** One ledger line in the customer's words: what happened, never internal ids or staff names. */
export function describeLedgerLine(line: LedgerLine): string {
  const base = WORDS[line.type](line);
  // A store's reason is shown for adjustments (it explains the change); other reasons are internal.
  return line.type === 'adjust' && line.reason ? `${base} (${line.reason})` : base;
}
