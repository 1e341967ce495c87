import { AggregateField } from 'firebase-admin/firestore';
import { accountConsistent } from '@/domain/loyalty/ledger';
import type { ServiceContext } from '../../context';
import { tenantDb } from '../../db/tenant-db';
import { createNotification } from '../notifications/create-notification';

/** At most this many accounts are checked a day per dispensary: a bounded sample of the busiest day. */
export const LEDGER_CHECK_LIMIT = 500;

/**
 * The ledger's invariant, checked on the accounts touched in [from, to): the sum of a customer's
 * lines equals the account's balance, and its lots add up to it. Each sum is one aggregation
 * query, so the cost follows the accounts touched, not their history. A mismatch is logged as
 * an error and reported to owners and admins once per customer and day.
 */
export async function checkLedgerBalances(ctx: ServiceContext, window: { from: Date; to: Date; day: string }) {
  const tdb = tenantDb(ctx.orgId);
  const snap = await tdb.loyaltyAccounts.ref
    .where('updatedAt', '>=', window.from)
    .where('updatedAt', '<', window.to)
    .orderBy('updatedAt', 'asc')
    .limit(LEDGER_CHECK_LIMIT)
    .get();
  let mismatches = 0;
  for (const doc of snap.docs) {
    const account = doc.data();
    const agg = await tdb.loyaltyLines.ref
      .where('customerId', '==', account.id)
      .aggregate({ sum: AggregateField.sum('points') })
      .get();
    const sum = agg.data().sum ?? 0;
    if (sum === account.balance && accountConsistent(account)) continue;
    mismatches += 1;
    const lots = account.lots.reduce((s, l) => s + l.points, 0);
    ctx.log?.error({ customerId: account.id, linesSum: sum, balance: account.balance, lots }, 'loyalty ledger does not add up to the account balance');
    await createNotification(ctx, {
      kind: 'system',
      severity: 'critical',
      title: 'A points balance does not add up',
      body: `This customer's points lines add up to ${sum.toLocaleString('en-US')}, but their balance is ${account.balance.toLocaleString('en-US')} (open points ${lots.toLocaleString('en-US')}). Nothing was changed; check "Why this balance?" and correct it with an adjustment.`,
      link: `/dashboard/customers/${account.id}`,
      sourceId: account.id,
      dedupeKey: `ledger-drift:${account.id}:${window.day}`,
    });
  }
  return { checked: snap.size, mismatches };
}
