import { randomBytes } from 'node:crypto';
import { errors } from '@/domain/errors';
import { describeLedgerLine } from '@/domain/loyalty/history';
import { emptyAccount } from '@/domain/loyalty/ledger';
import { referralCodeFrom } from '@/domain/loyalty/member-access';
import { loyaltySummary } from '@/domain/loyalty/summary';
import { tierProgress } from '@/domain/loyalty/tiers';
import type { ServiceContext } from '../../context';
import { config } from '../../config';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';
import { loyaltyProgramme } from './loyalty-settings';

/** Everything the customer's own page shows, and nothing else: no spend in money, no other customer, no staff. */
export interface MyLoyalty {
  firstName: string;
  available: number;
  pending: number;
  nextAvailableAt: Date | null;
  expiringSoon: number;
  nextExpiryAt: Date | null;
  tier: { name: string; color: string; benefits: string[] };
  next: { name: string; fraction: number; toNextDollars: number } | null;
  history: Array<{ id: string; at: Date; text: string; points: number; balanceAfter: number }>;
  rewards: Array<{ id: string; description: string; pointsCost: number; affordable: boolean }>;
  referral: { code: string; link: string };
  timeZone: string;
}

/**
 * The customer's stable referral code: made once (unique in the dispensary, claimed in
 * referral_codes) and kept on the profile. Concurrent first views agree on one code.
 */
export async function ensureReferralCode(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, customerId: string): Promise<string> {
  const tdb = tenantDb(ctx.orgId);
  for (let attempt = 0; attempt < 5; attempt++) {
    const candidate = referralCodeFrom(randomBytes(8));
    const code = await firestore().runTransaction(async (tx) => {
      const [c, taken] = await Promise.all([tx.get(tdb.customers.doc(customerId)), tx.get(tdb.referralCodes.doc(candidate))]);
      const customer = c.data();
      if (!customer) throw errors.notFound('Member');
      if (customer.referralCode) return customer.referralCode;
      if (taken.exists) return null;
      const now = ctx.clock.now();
      tx.create(tdb.referralCodes.doc(candidate), { id: candidate, customerId, createdAt: now });
      tdb.customers.updateIn(tx, customerId, { referralCode: candidate, updatedAt: now });
      return candidate;
    });
    if (code) return code;
  }
  throw errors.conflict('Could not make a referral code; try again.');
}

export async function getMyLoyalty(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, customerId: string, slug: string): Promise<MyLoyalty> {
  const tdb = tenantDb(ctx.orgId);
  const now = ctx.clock.now();
  const [customer, account, lines, programme] = await Promise.all([
    tdb.customers.get(customerId),
    tdb.loyaltyAccounts.get(customerId),
    tdb.loyaltyLines.ref.where('customerId', '==', customerId).orderBy('at', 'desc').limit(50).get(),
    loyaltyProgramme(ctx),
  ]);
  if (!customer) throw errors.notFound('Member');
  const { settings, timeZone } = programme;
  const acct = account ?? emptyAccount(customerId, now);
  const summary = loyaltySummary(acct, settings, now, timeZone);
  // Balances from before the ledger (no account yet) are the profile's spendable balance.
  const available = account ? summary.available : Math.max(0, customer.pointsBalance);
  const progress = tierProgress(acct.tier, summary.tierSpendCents, settings.tiers);
  const code = customer.referralCode ?? (await ensureReferralCode(ctx, customerId));
  return {
    firstName: customer.firstName,
    available,
    pending: summary.pending,
    nextAvailableAt: summary.nextAvailableAt,
    expiringSoon: summary.expiringSoon,
    nextExpiryAt: summary.nextExpiryAt,
    tier: { name: progress.tier.name, color: progress.tier.color, benefits: progress.tier.benefits },
    next: progress.next ? { name: progress.next.name, fraction: progress.fraction, toNextDollars: Math.ceil((progress.toNextCents ?? 0) / 100) } : null,
    history: lines.docs.map((d) => {
      const l = d.data();
      return { id: l.id, at: l.at, text: describeLedgerLine(l), points: l.points, balanceAfter: l.balanceAfter };
    }),
    rewards: settings.redemptions.rewards
      .filter((r) => r.active)
      .map((r) => ({ id: r.id, description: r.description, pointsCost: r.pointsCost, affordable: r.pointsCost <= available })),
    referral: { code, link: `${config().appBaseUrl.replace(/\/$/, '')}/join/${slug}?ref=${code}` },
    timeZone,
  };
}
