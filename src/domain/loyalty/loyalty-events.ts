import { canonicalEventId, makeEvent, type CanonicalEvent } from '../events/canonical-event';
import type { LedgerLine } from './ledger';
import { tierById, type Tier } from './settings';
import type { CustomerLoyalty } from './summary';
import type { TierChange } from './tiers';

type EarnedType = 'earn' | 'referral' | 'birthday' | 'anniversary' | 'bonus' | 'opening_balance' | 'adjust';
const EARNED_TYPES: ReadonlySet<string> = new Set<EarnedType>(['earn', 'referral', 'birthday', 'anniversary', 'bonus', 'opening_balance', 'adjust']);

/** The Balance every loyalty event carries: the points and tier as the event left them. */
export const balanceData = (s: CustomerLoyalty) => ({ available: s.available, pending: s.pending, tierId: s.tierId, tierName: s.tierName });
const tierRef = (tiers: readonly Tier[], id: string) => ({ id, name: tierById(tiers, id)?.name ?? id });

/**
 * The events a ledger change produces for playbooks: loyalty.points_earned for a credit line and
 * loyalty.tier_changed for a tier reached or lost. Ids derive from the line and the change, so a
 * retried transaction or a replay stores each once. Source `bakedbot`: they are derived.
 */
export function loyaltyEvents(o: {
  /** What caused the change (the order's event id, a job's key): names the tier event. */
  cause: string;
  customerId: string;
  at: Date;
  lines: readonly LedgerLine[];
  tierChange: TierChange;
  summary: CustomerLoyalty;
  tiers: readonly Tier[];
}): CanonicalEvent[] {
  const common = { occurredAt: o.at, receivedAt: o.at, source: 'bakedbot' as const, customerId: o.customerId, keys: { customerId: o.customerId } };
  const out: CanonicalEvent[] = [];
  for (const line of o.lines) {
    if (line.points <= 0 || !EARNED_TYPES.has(line.type)) continue;
    out.push(
      makeEvent({
        ...common,
        id: canonicalEventId('bakedbot', `points_earned:${line.id}`),
        name: 'loyalty.points_earned',
        data: { points: line.points, type: line.type as EarnedType, orderId: line.source.orderId, loyalty: balanceData(o.summary) },
      }),
    );
  }
  const c = o.tierChange;
  if (c.kind === 'joined' || c.kind === 'upgraded' || c.kind === 'downgraded') {
    out.push(
      makeEvent({
        ...common,
        id: canonicalEventId('bakedbot', `tier_changed:${o.cause}`),
        name: 'loyalty.tier_changed',
        data: {
          direction: c.kind === 'joined' ? 'joined' : c.kind === 'upgraded' ? 'up' : 'down',
          from: c.from ? tierRef(o.tiers, c.from) : null,
          to: tierRef(o.tiers, c.to),
          loyalty: balanceData(o.summary),
        },
      }),
    );
  }
  return out;
}
