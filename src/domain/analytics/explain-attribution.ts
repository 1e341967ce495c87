import { DAY, HOUR, MINUTE } from '../clock';
import { formatCents } from '../money';
import { formatCouponCode } from '../loyalty/redemption';
import type { Attribution } from './attribution';

const CHANNEL_WORD = { email: 'email', sms: 'text' } as const;

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 days", "5 hours", "40 minutes": the largest whole unit, rounded down so it never overstates. */
export function describeGap(ms: number): string {
  if (ms >= DAY) return plural(Math.floor(ms / DAY), 'day');
  if (ms >= HOUR) return plural(Math.floor(ms / HOUR), 'hour');
  return plural(Math.max(0, Math.floor(ms / MINUTE)), 'minute');
}

function shortDate(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone }).format(at);
}

/**
 * One sentence for the customer's timeline and the revenue page, e.g. "Clicked the email “Thank
 * you” on Mar 3, 2 days before this order (7-day click window)." Dates in the tenant's zone.
 */
export function explainAttribution(a: Attribution, timeZone: string): string {
  const when = shortDate(a.touchAt, timeZone);
  const gap = describeGap(a.placedAt.getTime() - a.touchAt.getTime());
  let sentence: string;
  if (a.rule === 'code') {
    const code = a.codeKind === 'redemption' ? formatCouponCode(a.code ?? '') : (a.code ?? '');
    const from = a.codeKind === 'redemption' ? 'loyalty reward' : 'campaign';
    const named = a.label ? ` “${a.label}”` : '';
    sentence = `Used the ${from} code ${code}${named}, issued on ${when}, on this order (codes count directly, with no window).`;
  } else {
    const word = CHANNEL_WORD[a.channel ?? 'email'];
    const message = a.label ? `the ${word} “${a.label}”` : `${word === 'email' ? 'an' : 'a'} ${word}`;
    sentence =
      a.rule === 'click'
        ? `Clicked ${message} on ${when}, ${gap} before this order (${a.windowDays}-day click window).`
        : `Received ${message} on ${when}, ${gap} before this order, without clicking it (${a.windowDays}-day view window for ${word}s).`;
  }
  if (a.refundedCents > 0) sentence += ` Refunds took back ${formatCents(a.refundedCents)}, leaving ${formatCents(a.revenueCents)}.`;
  return sentence;
}
