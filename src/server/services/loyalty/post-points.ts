import { AppError } from '@/domain/errors';
import { InsufficientPointsError, type LedgerLine } from '@/domain/loyalty/ledger';
import type { CustomerLoyalty } from '@/domain/loyalty/summary';
import type { TierChange } from '@/domain/loyalty/tiers';
import { KeyedMutex } from '../../concurrency/keyed-mutex';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { openLedger, type LedgerRequest, type LedgerSession } from './ledger-in-tx';
import { loyaltyProgramme } from './loyalty-settings';

/**
 * One instance's postings to the same customer run one at a time: correctness comes from the
 * transaction (across instances), this only spares the emulator and Firestore the lock waits
 * that fifty redemptions racing on one balance would otherwise cause.
 */
export const loyaltyLocks = new KeyedMutex();

export interface PostedPoints {
  lines: LedgerLine[];
  /** True when every request had been posted before (a retry, a replay). */
  duplicate: boolean;
  summary: CustomerLoyalty;
  tierChange: TierChange;
}

/**
 * Posts effects to one customer's points in one transaction: each request once (by its key),
 * the account and the profile's summary with them. `extra` may add to the same transaction
 * (a redemption document, a coupon) after the postings succeed.
 */
export async function postPoints(
  ctx: ServiceContext,
  customerId: string,
  requests: readonly LedgerRequest[],
  extra?: (session: LedgerSession, tx: FirebaseFirestore.Transaction) => void | Promise<void>,
): Promise<PostedPoints> {
  const programme = await loyaltyProgramme(ctx);
  return loyaltyLocks.run([`${ctx.orgId}:${customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const session = await openLedger(
        tx,
        ctx.orgId,
        customerId,
        requests.map((r) => r.key),
        programme,
        now,
      );
      const lines: LedgerLine[] = [];
      let duplicate = true;
      for (const req of requests) {
        try {
          const r = session.post(req);
          lines.push(r.line);
          duplicate &&= r.duplicate;
        } catch (err) {
          if (err instanceof InsufficientPointsError) throw new AppError('insufficient_points', err.message, { needed: err.needed, available: err.available });
          throw err;
        }
      }
      if (extra) await extra(session, tx);
      session.write(tx);
      return { lines, duplicate, summary: session.summary(), tierChange: session.lastTierChange };
    }),
  );
}
