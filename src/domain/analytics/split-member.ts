import { z } from 'zod';
import { DAY } from '../clock';

/**
 * A customer's place in one A/B split (tenants/{orgId}/split_members/{playbookId}_{stepId}_{customerId}):
 * the arm, when they first entered, and every order they placed while it was being measured. Holdout
 * customers get no message, so nothing can be attributed to them: lift compares what each arm's
 * customers bought, whatever brought them (docs/analytics.md, Incremental lift).
 */
export const SplitMemberSchema = z.object({
  id: z.string().min(1),
  playbookId: z.string().min(1),
  stepId: z.string().min(1),
  customerId: z.string().min(1),
  /** A variant's name, or "holdout". */
  arm: z.string().min(1).max(40),
  firstEnteredAt: z.date(),
  /** Orders placed from the first entry until this instant count; every new entry moves it out. */
  windowEndsAt: z.date(),
  /** Paid order id → its total less refunds, in cents. Bounded: orders inside the windows only. */
  orders: z.record(z.string(), z.number().int().nonnegative()).default({}),
  updatedAt: z.date(),
});
export type SplitMember = z.infer<typeof SplitMemberSchema>;

/** At most this many orders are kept per member: a customer buying more inside a week is counted on the first ones. */
export const MAX_MEMBER_ORDERS = 100;

export const splitMemberId = (playbookId: string, stepId: string, customerId: string) => `${playbookId}_${stepId}_${customerId}`;

export const memberRevenueCents = (m: Pick<SplitMember, 'orders'>) => Object.values(m.orders).reduce((a, b) => a + b, 0);

/**
 * The member after an entry at `at`: created on the first one; a later entry (a playbook that runs on
 * every order) keeps the arm and the first day and measures `windowDays` from the newest entry.
 */
export function enterSplit(
  existing: SplitMember | null,
  e: { playbookId: string; stepId: string; customerId: string; arm: string; at: Date; windowDays: number },
): SplitMember {
  const windowEndsAt = new Date(e.at.getTime() + e.windowDays * DAY);
  if (existing) return windowEndsAt > existing.windowEndsAt ? { ...existing, windowEndsAt, updatedAt: e.at } : existing;
  return {
    id: splitMemberId(e.playbookId, e.stepId, e.customerId),
    playbookId: e.playbookId,
    stepId: e.stepId,
    customerId: e.customerId,
    arm: e.arm,
    firstEnteredAt: e.at,
    windowEndsAt,
    orders: {},
    updatedAt: e.at,
  };
}

/**
 * The member with an order at its current worth (total less refunds; 0 or unpaid: removed), or the
 * member unchanged when the order falls outside the measured time. State, not increments: a replay
 * or a refund delivered twice sets the same value.
 */
export function withMemberOrder(m: SplitMember, order: { id: string; placedAt: Date; netCents: number }, now: Date): SplitMember {
  const inside = order.placedAt >= m.firstEnteredAt && order.placedAt <= m.windowEndsAt;
  const had = Object.hasOwn(m.orders, order.id);
  if (!inside && !had) return m;
  const orders = { ...m.orders };
  if (inside && order.netCents > 0) {
    if (!had && Object.keys(orders).length >= MAX_MEMBER_ORDERS) return m;
    orders[order.id] = order.netCents;
  } else delete orders[order.id];
  if (orders[order.id] === m.orders[order.id] && had === Object.hasOwn(orders, order.id)) return m;
  return { ...m, orders, updatedAt: now };
}
