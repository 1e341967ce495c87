import { expiryKey } from '@/domain/loyalty/daily';
import type { LedgerActor } from '@/domain/loyalty/ledger';
import { tierReviewAt } from '@/domain/loyalty/tiers';
import { systemActor } from '@/domain/roles';
import { modelConverter } from '../../db/typed-collection';
import { CustomerSchema, loadedCustomer } from '@/domain/customer';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import type { CronDeps, CronTask } from '../cron/cron-task';
import { workDue } from '../cron/due-work';
import { openLedger } from './ledger-in-tx';
import { dispatchLoyaltyEvents, storeEventInTx } from './loyalty-events';
import { loyaltyEvents } from '@/domain/loyalty/loyalty-events';
import { loyaltyProgramme } from './loyalty-settings';
import { loyaltyLocks } from './post-points';

export const EXPIRY_ACTOR: LedgerActor = { kind: 'system', id: 'system:loyalty-daily', name: 'Points expiry' };

export interface Settled {
  expired: number;
  tierChange: 'joined' | 'upgraded' | 'downgraded' | null;
}

/**
 * Brings one customer's points up to `now` in one transaction: removes what has expired (one
 * `expire` line, keyed by the day the newest of those points expired, so a rerun writes nothing),
 * reviews the tier when its requalification or grace date has passed (a change stores
 * loyalty.tier_changed with the line), and rewrites the profile's summary, which is how pending
 * points become spendable on the profile, the tablet and in templates.
 */
export async function settleLoyaltyAccount(ctx: ServiceContext, customerId: string): Promise<Settled> {
  const programme = await loyaltyProgramme(ctx);
  const tdb = tenantDb(ctx.orgId);
  const { settled, events } = await loyaltyLocks.run([`${ctx.orgId}:${customerId}`], () =>
    firestore().runTransaction(async (tx) => {
      const now = ctx.clock.now();
      const stored = (await tx.get(tdb.loyaltyAccounts.doc(customerId))).data();
      const key = stored ? expiryKey(customerId, stored.lots, now, programme.timeZone) : null;
      const session = await openLedger(tx, ctx.orgId, customerId, key ? [key] : [], programme, now);
      let expired = 0;
      if (key) {
        const r = session.post({ key, posting: { kind: 'expire', type: 'expire' }, actor: EXPIRY_ACTOR, reason: 'Points expired' });
        if (!r.duplicate) expired = -r.line.points;
        else ctx.log?.warn({ customerId, key }, 'expired points left on an account whose expiry line exists');
      }
      const review = tierReviewAt(session.current.tier);
      const change = review && review <= now ? session.reviewTier() : ({ kind: 'none' } as const);
      session.refresh();
      session.write(tx);
      // A downgrade (or a renewal's change) at review: named by the tier state it leaves, so a rerun stores it once.
      const out = loyaltyEvents({
        cause: `review:${customerId}:${session.current.tier?.reachedAt.toISOString() ?? now.toISOString()}`,
        customerId,
        at: now,
        lines: [],
        tierChange: change,
        summary: session.summary(),
        tiers: programme.settings.tiers.tiers,
      });
      for (const event of out) storeEventInTx(tx, ctx.orgId, event, now);
      const tierChange = change.kind === 'joined' || change.kind === 'upgraded' || change.kind === 'downgraded' ? change.kind : null;
      return { settled: { expired, tierChange }, events: out };
    }),
  );
  await dispatchLoyaltyEvents(ctx, events);
  return settled;
}

const customers = (q: FirebaseFirestore.Query) => q.withConverter(modelConverter(CustomerSchema, 'customers', { fromStored: loadedCustomer }));

/** The three dates on the profile that make an account due; each is passed once it is worked. */
const DUE_FIELDS = ['loyalty.nextExpiryAt', 'loyalty.nextAvailableAt', 'loyalty.tierReviewAt'] as const;

/**
 * The tick's share of the loyalty work: customers whose points expired, whose pending points
 * became spendable or whose tier is up for review, found by a range query on those dates (cost
 * follows the customers due, not all customers), settled one by one. Every minute, so expiry and
 * release happen within a minute of their (local midnight) instant.
 */
export async function settleDueLoyaltyAccounts(deps: CronDeps) {
  const report: Record<string, number> = {};
  for (const field of DUE_FIELDS) {
    const r = await workDue(deps, {
      collection: 'customers',
      outcomes: ['settled'] as const,
      pageSize: 200,
      concurrency: 4,
      due: (q, now) => customers(q).where(field, '<=', now).orderBy(field, 'asc'),
      async work(doc, orgId) {
        await settleLoyaltyAccount({ orgId, actor: systemActor('loyalty'), clock: deps.clock, log: deps.log }, doc.id);
        return 'settled';
      },
    });
    report[field] = r.settled;
    report.errors = (report.errors ?? 0) + r.errors;
  }
  return report;
}

export const settleDueLoyaltyAccountsTask: CronTask = { name: 'loyalty.settle-due-accounts', run: (deps) => settleDueLoyaltyAccounts(deps) };
