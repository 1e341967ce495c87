import { AggregateField } from 'firebase-admin/firestore';
import { describeLedgerLine } from '@/domain/loyalty/explain';
import type { LedgerType } from '@/domain/loyalty/ledger';
import { localDatePlus, wallClock, zonedInstant } from '@/domain/messaging/local-time';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { customerNames } from '../messaging/customer-names';
import { loyaltyProgramme } from './loyalty-settings';

/** Credits that are the programme giving points (imports and staff adjustments are counted apart). */
const ISSUED: LedgerType[] = ['earn', 'referral', 'birthday', 'anniversary', 'bonus'];
const WEEKS = 12;
const LATEST = 50;

export interface LoyaltyOverview {
  timeZone: string;
  members: number;
  /** This calendar month in the dispensary's zone. */
  month: { label: string; issued: number; redeemed: number };
  expiringNext30Days: number;
  /** Points issued and redeemed per local week (Monday first), oldest first. */
  weekly: Array<{ weekStart: string; issued: number; redeemed: number }>;
  tiers: Array<{ id: string; name: string; color: string; customers: number }>;
  /** This month's redemptions per reward of the programme (cancelled ones left out), and how many of those coupons were used. */
  rewards: Array<{ id: string; description: string; redeemed: number; used: number }>;
  latest: Array<{ id: string; at: Date; customerId: string; customerName: string; type: LedgerType; text: string; points: number; balanceAfter: number }>;
}

const localMidnight = (timeZone: string, d: { year: number; month: number; day: number }) => zonedInstant(timeZone, d.year, d.month, d.day, 0);
const isoDate = (d: { year: number; month: number; day: number }) => `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

/**
 * The Loyalty page's figures. Every number is a Firestore aggregation (count or sum over index
 * entries), so the page costs the same few dozen aggregation reads at 500 customers or 100,000;
 * only the latest lines are read as documents. Points only, no money: every staff role may see it.
 */
export async function getLoyaltyOverview(ctx: ServiceContext, filter: { type?: LedgerType } = {}): Promise<LoyaltyOverview> {
  const tdb = tenantDb(ctx.orgId);
  const [tenant, programme] = await Promise.all([tenantsCollection().getOrThrow(ctx.orgId), loyaltyProgramme(ctx)]);
  const tz = tenant.timeZone;
  const now = ctx.clock.now();
  const today = wallClock(tz, now);
  const monthStart = zonedInstant(tz, today.year, today.month, 1, 0);
  const weekday = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7; // Monday 0
  const weekStarts = Array.from({ length: WEEKS + 1 }, (_, i) => localDatePlus(tz, now, -weekday - 7 * (WEEKS - 1 - i)));

  const lines = tdb.loyaltyLines.ref;
  const sumOf = async (types: LedgerType[], from: Date, to: Date) =>
    (
      await lines
        .where('type', 'in', types)
        .where('at', '>=', from)
        .where('at', '<', to)
        .aggregate({ points: AggregateField.sum('points') })
        .get()
    ).data().points ?? 0;
  const end = new Date(now.getTime() + 1);

  const latestQuery = (filter.type ? lines.where('type', '==', filter.type) : lines).orderBy('at', 'desc').limit(LATEST);
  const tiers = programme.settings.tiers.tiers;
  const redemptions = tdb.loyaltyRedemptions.ref;
  const rewardsThisMonth = (id: string, statuses: Array<'issued' | 'used'>) =>
    redemptions.where('rewardId', '==', id).where('status', 'in', statuses).where('createdAt', '>=', monthStart).count().get();
  const rewardList = programme.settings.redemptions.rewards;
  const [members, issued, redeemed, expiring, latestSnap, tierCounts, weekly, rewardCounts] = await Promise.all([
    tdb.loyaltyAccounts.ref.count().get(),
    sumOf(ISSUED, monthStart, end),
    sumOf(['redeem', 'redeem_cancel'], monthStart, end),
    tdb.customers.ref
      .where('loyalty.expiringSoon', '>', 0)
      .aggregate({ points: AggregateField.sum('loyalty.expiringSoon') })
      .get(),
    latestQuery.get(),
    Promise.all(tiers.map((t) => tdb.customers.ref.where('loyalty.tierId', '==', t.id).count().get())),
    Promise.all(
      weekStarts.slice(0, WEEKS).map(async (start, i) => {
        const from = localMidnight(tz, start);
        const to = i === WEEKS - 1 ? end : localMidnight(tz, weekStarts[i + 1]!);
        const [iss, red] = await Promise.all([sumOf(ISSUED, from, to), sumOf(['redeem', 'redeem_cancel'], from, to)]);
        return { weekStart: isoDate(start), issued: iss, redeemed: red === 0 ? 0 : -red };
      }),
    ),
    Promise.all(rewardList.map((r) => Promise.all([rewardsThisMonth(r.id, ['issued', 'used']), rewardsThisMonth(r.id, ['used'])]))),
  ]);

  const latestLines = latestSnap.docs.map((d) => d.data());
  const names = await customerNames(
    ctx,
    latestLines.map((l) => l.customerId),
  );

  return {
    timeZone: tz,
    members: members.data().count,
    month: {
      label: new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: tz }).format(now),
      issued,
      redeemed: redeemed === 0 ? 0 : -redeemed,
    },
    expiringNext30Days: expiring.data().points ?? 0,
    weekly,
    tiers: tiers.map((t, i) => ({ id: t.id, name: t.name, color: t.color, customers: tierCounts[i]!.data().count })),
    rewards: rewardList.map((r, i) => ({
      id: r.id,
      description: r.description,
      redeemed: rewardCounts[i]![0].data().count,
      used: rewardCounts[i]![1].data().count,
    })),
    latest: latestLines.map((l) => ({
      id: l.id,
      at: l.at,
      customerId: l.customerId,
      customerName: names[l.customerId] ?? 'A removed customer',
      type: l.type,
      text: describeLedgerLine(l),
      points: l.points,
      balanceAfter: l.balanceAfter,
    })),
  };
}
