import { AggregateField, type DocumentReference } from 'firebase-admin/firestore';
import type { CostSettings } from '@/domain/analytics/analytics-settings';
import { buildReportTables, seriesOf, sumDays, idsIn, type Names, type ReportTables, type SeriesPoint } from '@/domain/analytics/report';
import { ReportRangeQuerySchema, resolveRange, type ReportRange, type ReportRangeQuery } from '@/domain/analytics/report-range';
import type { Agent, Tally } from '@/domain/analytics/rollup';
import { daysBetween, dayStart, addDays, localDayKey, type DayKey } from '@/domain/analytics/rollup-day';
import { errors } from '@/domain/errors';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { readRollupDays } from './read-rollups';
import { cachedAnalyticsSettings } from './analytics-settings';

export interface AnalyticsReport extends ReportTables {
  dispensary: { name: string; slug: string | null };
  timeZone: string;
  range: ReportRange;
  costs: CostSettings;
  /** One point per day of the range. */
  series: SeriesPoint[];
}

/** The range a query asks for in the dispensary's days, or a 400 with the reason. */
export async function reportRangeFor(ctx: Pick<ServiceContext, 'orgId' | 'clock'>, query: ReportRangeQuery, timeZone?: string): Promise<ReportRange> {
  const parsed = ReportRangeQuerySchema.safeParse(query);
  if (!parsed.success) throw errors.badRequest(parsed.error.issues[0]!.message);
  const zone = timeZone ?? (await tenantsCollection().getOrThrow(ctx.orgId)).timeZone;
  const range = resolveRange(parsed.data, localDayKey(ctx.clock.now(), zone));
  if ('error' in range) throw errors.badRequest(range.error);
  return range;
}

/** Both periods' days in one read, split back into the current and the previous tally. */
export async function readPeriods(orgId: string, range: ReportRange) {
  const days = await readRollupDays(orgId, range.previous.from, range.to);
  const pick = (from: DayKey, to: DayKey) => sumDays([...days].filter(([d]) => d >= from && d <= to).map(([, t]) => t));
  return { days, current: pick(range.from, range.to), previous: pick(range.previous.from, range.previous.to) };
}

/** The value of loyalty rewards handed out in [from, to] (cancelled ones left out): what the points redeemed cost the store. */
async function loyaltyCostCents(orgId: string, from: DayKey, to: DayKey, timeZone: string): Promise<number> {
  const snap = await tenantDb(orgId)
    .loyaltyRedemptions.ref.where('status', 'in', ['issued', 'used'])
    .where('createdAt', '>=', dayStart(from, timeZone))
    .where('createdAt', '<', dayStart(addDays(to, 1), timeZone))
    .aggregate({ cents: AggregateField.sum('couponValueCents') })
    .get();
  return snap.data().cents ?? 0;
}

/** Names of the playbooks and campaigns the tallies mention, in one batched read (only those two fields). */
async function namesFor(orgId: string, tallies: Tally[]): Promise<Names> {
  const tdb = tenantDb(orgId);
  const pick = (group: string) => [...new Set(tallies.flatMap((t) => idsIn(t, group)))];
  const playbookIds = [...new Set([...pick('playbooks'), ...pick('playbookRuns'), ...pick('experiments')])];
  const campaignIds = pick('campaigns');
  const refs = [
    ...playbookIds.map((id) => tdb.playbooks.ref.withConverter(null).doc(id)),
    ...campaignIds.map((id) => tdb.campaigns.ref.withConverter(null).doc(id)),
  ] as DocumentReference[];
  const snaps = refs.length ? await firestore().getAll(...refs, { fieldMask: ['name', 'ownerAgent'] }) : [];
  const names: Names = { playbooks: {}, campaigns: {} };
  snaps.forEach((s, i) => {
    const data = s.data();
    if (!data) return;
    if (i < playbookIds.length) names.playbooks[s.id] = { name: String(data.name), ownerAgent: (data.ownerAgent as Agent | undefined) ?? 'craig' };
    else names.campaigns[s.id] = String(data.name);
  });
  return names;
}

/**
 * The Analytics page (docs/analytics.md, The Analytics page): per playbook, campaign and agent over
 * a range of the dispensary's days and the period before it, from the daily rollups (one query per
 * part over both periods), the names in one batched read, and the loyalty cost in two aggregations.
 */
export async function getAnalyticsReport(ctx: ServiceContext, query: ReportRangeQuery = {}): Promise<AnalyticsReport> {
  const tenant = await tenantsCollection().getOrThrow(ctx.orgId);
  const range = await reportRangeFor(ctx, query, tenant.timeZone);
  const [{ days, current, previous }, settings, loyaltyNow, loyaltyBefore] = await Promise.all([
    readPeriods(ctx.orgId, range),
    cachedAnalyticsSettings(ctx.orgId),
    loyaltyCostCents(ctx.orgId, range.from, range.to, tenant.timeZone),
    loyaltyCostCents(ctx.orgId, range.previous.from, range.previous.to, tenant.timeZone),
  ]);
  const names = await namesFor(ctx.orgId, [current, previous]);
  const tables = buildReportTables({ current, previous, names, costs: settings.costs, loyaltyCostCents: { current: loyaltyNow, previous: loyaltyBefore } });
  return {
    ...tables,
    dispensary: { name: tenant.name, slug: tenant.slug ?? null },
    timeZone: tenant.timeZone,
    range,
    costs: settings.costs,
    series: seriesOf(days, daysBetween(range.from, range.to)),
  };
}
