import type { Transaction } from 'firebase-admin/firestore';
import type { Customer } from '@/domain/customer';
import type { CanonicalEvent } from '@/domain/events/canonical-event';
import type { LedgerActor, LedgerLine, LoyaltyAccount } from '@/domain/loyalty/ledger';
import { loyaltyEvents } from '@/domain/loyalty/loyalty-events';
import { planOrderPoints } from '@/domain/loyalty/order-points';
import type { CustomerLoyalty } from '@/domain/loyalty/summary';
import type { TierChange } from '@/domain/loyalty/tiers';
import type { Order } from '@/domain/order';
import { openLedger } from './ledger-in-tx';
import type { LoyaltyProgramme } from './loyalty-settings';

const PIPELINE: LedgerActor = { kind: 'system', id: 'system:orders', name: 'Order pipeline' };

/** What an order did to its customer's points, for the events the pipeline records with it. */
export interface OrderPointsResult {
  order: Order;
  earned: LedgerLine | null;
  reversed: LedgerLine | null;
  tierChange: TierChange;
  summary: CustomerLoyalty;
  customerFields: { loyalty: CustomerLoyalty; pointsBalance: number };
  /** loyalty.points_earned and loyalty.tier_changed, to be stored with the order's own event. */
  events: (cause: string) => CanonicalEvent[];
}

/**
 * An order's points inside the order's own transaction: reads the customer's account (one round
 * trip, beside nothing else), then earns, reverses and counts spend in memory. `write` queues
 * the lines and the account; the caller merges `customerFields` into its own write of the
 * customer, so the profile, the ledger and the order commit together or not at all.
 */
export async function orderPointsInTx(
  tx: Transaction,
  orgId: string,
  programme: LoyaltyProgramme,
  o: {
    before: Order | null;
    after: Order;
    now: Date;
    /** The order and its customer are both new in this transaction: their ledger is empty, not read (lines are keyed by the order). */
    newCustomerAndOrder?: boolean;
    /** The order is new in this transaction and its customer's account was read with the profile: nothing more is read. */
    newOrderAccount?: LoyaltyAccount | null;
  },
): Promise<{ result: OrderPointsResult; write: (tx: Transaction) => void } | null> {
  const customerId = o.after.customerId;
  if (!customerId) return null;
  const common = { before: o.before, after: o.after, settings: programme.settings, timeZone: programme.timeZone, now: o.now };
  // The keys do not depend on the tier; the points do, so the plan is made again once the account is read.
  const keys = planOrderPoints({ ...common, currentTierId: null }).keys;
  const session = await openLedger(tx, orgId, customerId, keys, programme, o.now, {
    customerKnown: true,
    nothingYet: o.newCustomerAndOrder === true,
    accountRead: o.newOrderAccount,
  });
  const plan = planOrderPoints({ ...common, currentTierId: session.current.tier?.id ?? null });
  const source = { orderId: o.after.id };
  const earned = plan.earn ? session.post({ key: plan.earn.key, posting: plan.earn.posting, source, actor: PIPELINE, reason: plan.earn.reason }) : null;
  const reversed = plan.reverse
    ? session.post({ key: plan.reverse.key, posting: plan.reverse.posting, source, actor: PIPELINE, reason: plan.reverse.reason })
    : null;
  session.addSpend(plan.spendDeltaCents, o.after.placedAt);
  // A customer joins the first tier with their first purchase, not with a pending or cancelled order.
  const moved = !!(earned || reversed || plan.spendDeltaCents);
  const tierChange: TierChange = moved || session.current.tier ? session.reviewTier() : { kind: 'none' };
  const order: Order = plan.loyalty ? { ...o.after, loyalty: plan.loyalty } : o.after;
  const newLines = [earned, reversed].filter((r) => r && !r.duplicate).map((r) => r!.line);
  const summary = session.summary();
  return {
    result: {
      order,
      earned: earned && !earned.duplicate ? earned.line : null,
      reversed: reversed && !reversed.duplicate ? reversed.line : null,
      tierChange,
      summary,
      customerFields: session.customerFields(),
      events: (cause) => loyaltyEvents({ cause, customerId, at: o.now, lines: newLines, tierChange, summary, tiers: programme.settings.tiers.tiers }),
    },
    write: (t) => session.write(t, { customer: false }),
  };
}

/** The customer as the order's transaction leaves it, points included. */
export function withPoints(customer: Customer, points: OrderPointsResult | null): Customer {
  return points ? { ...customer, ...points.customerFields } : customer;
}
