import { AggregateField } from 'firebase-admin/firestore';
import { customerDisplayName } from '@/domain/customer';
import { explainBalance, type BalanceExplanation, type LedgerTotals } from '@/domain/loyalty/explain';
import { balancesOf, emptyAccount, LEDGER_TYPES, type LedgerType } from '@/domain/loyalty/ledger';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';

const RECENT_LINES = 25;

/**
 * "Why this balance?": Mrs. Parker's deterministic answer for one of this tenant's customers.
 * The totals per kind of line come from Firestore sum/count aggregations (index entries, not
 * documents), so a customer with years of history costs the same few reads as a new one; only
 * the latest lines are read in full. No amounts of money: every staff role may read it.
 */
export async function explainCustomerBalance(ctx: ServiceContext, customerId: string): Promise<BalanceExplanation> {
  const tdb = tenantDb(ctx.orgId);
  const lines = tdb.loyaltyLines.ref.where('customerId', '==', customerId);
  const [customer, account, tenant, recent, ...aggregates] = await Promise.all([
    tdb.customers.getOrThrow(customerId),
    tdb.loyaltyAccounts.get(customerId),
    tenantsCollection().getOrThrow(ctx.orgId),
    lines.orderBy('at', 'desc').limit(RECENT_LINES).get(),
    ...LEDGER_TYPES.map((type) =>
      lines
        .where('type', '==', type)
        .aggregate({ points: AggregateField.sum('points'), count: AggregateField.count() })
        .get(),
    ),
  ]);
  const totals = new Map<LedgerType, { points: number; count: number }>();
  LEDGER_TYPES.forEach((type, i) => {
    const { points, count } = aggregates[i]!.data();
    if (count > 0) totals.set(type, { points: points ?? 0, count });
  });
  const now = ctx.clock.now();
  const acct = account ?? emptyAccount(customerId, now);
  return explainBalance({
    who: customer.firstName.trim() || customerDisplayName(customer),
    totals: totals as LedgerTotals,
    recent: recent.docs.map((d) => d.data()),
    balance: acct.balance,
    balances: balancesOf(acct, now, 30),
    timeZone: tenant.timeZone,
  });
}
