import { orderNetCents, type Order } from '../order';
import { availableAtFor, expiresAtFor, pointsForOrder, pointsToReverse, type EarningBreakdown } from './earning';
import type { Posting } from './ledger';
import { tierById, type LoyaltySettings } from './settings';

/** A ledger effect of an order, with its natural key (one effect per key, however often the order arrives). */
export interface OrderPosting {
  key: string;
  posting: Posting;
  reason: string;
}

export interface OrderPointsPlan {
  /** The keys whose lines must be read first (to recognise a repeat). */
  keys: string[];
  earn: (OrderPosting & { breakdown: EarningBreakdown }) | null;
  reverse: OrderPosting | null;
  /** Net spend the order adds (negative for a refund), counted in its local month for tiers. */
  spendDeltaCents: number;
  /** What the order document records once the plan is applied. */
  loyalty: NonNullable<Order['loyalty']> | undefined;
}

/** An order earns once it is placed and kept: not while pending, never when cancelled before earning. */
const earns = (o: Order) => o.status !== 'pending' && o.status !== 'cancelled';

/** What refunds (or a cancellation) have taken off the order, for the points reversal. */
const takenBackCents = (o: Order) => (o.status === 'cancelled' ? o.totalCents : o.refundedCents);

const money = (cents: number) => `$${(cents / 100).toFixed(2)}`;

/** "$54.00 eligible × 1 point per dollar × 2 (Double points weekend)" */
export function describeEarning(b: EarningBreakdown, tierName: string | null): string {
  const parts = [`${money(b.eligibleCents)} eligible × ${b.pointsPerDollar} ${b.pointsPerDollar === 1 ? 'point' : 'points'} per dollar`];
  if (b.socialEquityMultiplier !== 1) parts.push(`× ${b.socialEquityMultiplier} (social equity)`);
  if (b.tierMultiplier !== 1) parts.push(`× ${b.tierMultiplier} (${tierName ?? 'tier'})`);
  if (b.bonusMultiplier !== 1) parts.push(`× ${b.bonusMultiplier} (${b.bonusName ?? 'bonus'})`);
  return parts.join(' ');
}

/**
 * The points an order's change means for its customer, decided from the order as it was and as
 * it is now. Pure: the pipeline reads the account, applies this plan and writes it all in the
 * order's own transaction.
 *
 * - It earns once (`earn:{orderId}`), when first seen placed and kept, on the tier the customer
 *   held when they bought (a tier this order reaches applies from the next one).
 * - Refunds, and a cancellation after earning, take back the refunded share of what it earned,
 *   cumulatively (`reverse:{orderId}:{cents taken back}`), so partial refunds add up exactly and a
 *   repeated refund reverses nothing more.
 * - An order that moves to another customer after earning keeps its points where they were
 *   (rare; staff adjust by hand); only its spend follows.
 */
export function planOrderPoints(input: {
  before: Order | null;
  after: Order;
  settings: Pick<LoyaltySettings, 'points' | 'tiers'>;
  currentTierId: string | null;
  timeZone: string;
  now: Date;
}): OrderPointsPlan {
  const { before, after, settings, timeZone, now } = input;
  const sameOwner = !before || before.customerId === after.customerId;
  const spendDeltaCents = orderNetCents(after) - (sameOwner && before ? orderNetCents(before) : 0);
  const prior = sameOwner ? (before?.loyalty ?? after.loyalty) : undefined;
  if (!after.customerId || (!sameOwner && before?.loyalty)) return { keys: [], earn: null, reverse: null, spendDeltaCents, loyalty: after.loyalty };

  let earned = prior?.earnedPoints ?? 0;
  let earn: OrderPointsPlan['earn'] = null;
  if (!prior && earns(after)) {
    const tier = tierById(settings.tiers.tiers, input.currentTierId);
    const breakdown = pointsForOrder(after, settings.points, tier?.pointsMultiplier ?? 1);
    earned = breakdown.points;
    // Points date from the purchase (a late webhook does not shorten their life), never from the future.
    const at = after.placedAt < now ? after.placedAt : now;
    if (breakdown.points > 0) {
      earn = {
        key: `earn:${after.id}`,
        posting: {
          kind: 'credit',
          type: 'earn',
          points: breakdown.points,
          availableAt: availableAtFor(at, settings.points.returnWindowDays, timeZone),
          expiresAt: expiresAtFor(at, settings.points.expiryMonths, timeZone),
        },
        reason: describeEarning(breakdown, tier?.name ?? null),
        breakdown,
      };
    }
  }
  const earnedNow = !!prior || earns(after);
  const reversedBefore = prior?.reversedPoints ?? 0;
  const takenBack = takenBackCents(after);
  const toReverse = earnedNow ? pointsToReverse(earned, after.totalCents, takenBack, reversedBefore) : 0;
  const reverse: OrderPosting | null =
    toReverse > 0
      ? {
          key: `reverse:${after.id}:${takenBack}`,
          posting: { kind: 'deduct', type: 'refund_reversal', points: toReverse },
          reason: after.status === 'cancelled' ? 'Order cancelled' : `${money(takenBack)} of ${money(after.totalCents)} refunded`,
        }
      : null;
  const loyalty = earnedNow ? { earnedPoints: earned, reversedPoints: reversedBefore + toReverse } : undefined;
  return { keys: [earn?.key, reverse?.key].filter((k): k is string => !!k), earn, reverse, spendDeltaCents, loyalty };
}
