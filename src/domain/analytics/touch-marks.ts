import { DAY } from '../clock';
import type { Customer } from '../customer';

/**
 * The customer's touch marks (Customer.lastSendAt, Customer.splitWindowEndsAt): what a settled order
 * needs to know, from the profile its own transaction already read, that no message and no A/B
 * split can be credited with it, so its attribution runs none of its queries (docs/analytics.md).
 *
 * `lastSendAt` is written with a message's send only when the mark is more than a day older than
 * the send, so a customer's sends rewrite their profile at most once a day; the day is the slack
 * `nothingCanEarn` allows for.
 */
export const SEND_MARK_SLACK_MS = DAY;

type Marks = Pick<Customer, 'lastSendAt' | 'splitWindowEndsAt'>;

/** The lastSendAt to write with a message created at `at`, or null when the mark already covers it. */
export function sendMarkAfter(c: Marks, at: Date): Date | null {
  const current = c.lastSendAt;
  return current && current.getTime() >= at.getTime() - SEND_MARK_SLACK_MS ? null : at;
}

/** The splitWindowEndsAt to write when the customer enters a split measured until `windowEndsAt`; null: nothing to write (covered, or not known). */
export function splitMarkAfter(c: Marks, windowEndsAt: Date): Date | null {
  if (c.splitWindowEndsAt === undefined) return null;
  return c.splitWindowEndsAt && c.splitWindowEndsAt >= windowEndsAt ? null : windowEndsAt;
}

/**
 * Whether the marks prove no message sent inside the longest attribution window before the order,
 * and no A/B split measuring it, can exist. Unknown marks prove nothing.
 */
export function nothingCanEarn(c: Marks, placedAt: Date, longestWindowDays: number): boolean {
  if (c.lastSendAt === undefined || c.splitWindowEndsAt === undefined) return false;
  const windowOpens = placedAt.getTime() - longestWindowDays * DAY;
  const noSends = c.lastSendAt === null || c.lastSendAt.getTime() + SEND_MARK_SLACK_MS < windowOpens;
  const noSplits = c.splitWindowEndsAt === null || c.splitWindowEndsAt < placedAt;
  return noSends && noSplits;
}

/** A profile whose marks no longer hold (a merge moved sends onto it, or an undo moved them back): they become unknown. */
export function withoutTouchMarks<C extends Marks>(c: C): Omit<C, 'lastSendAt' | 'splitWindowEndsAt'> {
  const { lastSendAt: _s, splitWindowEndsAt: _w, ...rest } = c;
  return rest;
}
