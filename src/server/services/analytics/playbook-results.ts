import { breakdownOf, liftOf, playbookFigures, seriesOf, type Figures, type SeriesPoint, type SplitLift } from '@/domain/analytics/report';
import type { ReportRangeQuery, ReportRange } from '@/domain/analytics/report-range';
import { daysBetween, localDayKey } from '@/domain/analytics/rollup-day';
import { stepType, walkSteps } from '@/domain/playbooks/steps';
import type { ServiceContext } from '../../context';
import { tenantDb, tenantsCollection } from '../../db/tenant-db';
import { readPeriods, reportRangeFor } from './analytics-report';
import { cachedAnalyticsSettings } from './analytics-settings';

type Breakdown = ReturnType<typeof breakdownOf>[number];

export interface PlaybookResults {
  playbookId: string;
  name: string;
  timeZone: string;
  /** The dispensary's local day now, for the range presets. */
  today: string;
  range: ReportRange;
  totals: Figures;
  previousTotals: Figures;
  series: SeriesPoint[];
  /** Per step that sent or earned something, named as on the canvas. */
  steps: Array<Breakdown & { name: string }>;
  variants: Breakdown[];
  lift: Array<SplitLift & { stepName: string }>;
}

/** A playbook's Results tab: the Analytics page's figures for this one playbook, per step and per variant, with its lift. */
export async function getPlaybookResults(ctx: ServiceContext, playbookId: string, query: ReportRangeQuery = {}): Promise<PlaybookResults> {
  const [tenant, playbook] = await Promise.all([tenantsCollection().getOrThrow(ctx.orgId), tenantDb(ctx.orgId).playbooks.getOrThrow(playbookId)]);
  const range = await reportRangeFor(ctx, query, tenant.timeZone);
  const [{ days, current, previous }, settings] = await Promise.all([readPeriods(ctx.orgId, range), cachedAnalyticsSettings(ctx.orgId)]);
  const stepNames = new Map<string, string>();
  for (const { step } of walkSteps(playbook.steps)) stepNames.set(step.id, step.label ?? stepType(step.action)?.label ?? step.action);
  const nameOf = (id: string) => stepNames.get(id) ?? 'A removed step';
  const lift = liftOf(current, playbookId);
  return {
    playbookId,
    name: playbook.name,
    timeZone: tenant.timeZone,
    today: localDayKey(ctx.clock.now(), tenant.timeZone),
    range,
    totals: playbookFigures(current, playbookId, settings.costs, lift),
    previousTotals: playbookFigures(previous, playbookId, settings.costs, liftOf(previous, playbookId)),
    series: seriesOf(days, daysBetween(range.from, range.to), playbookId),
    steps: breakdownOf(current, 'steps', playbookId).map((s) => ({ ...s, name: nameOf(s.id) })),
    variants: breakdownOf(current, 'variants', playbookId),
    lift: lift.map((l) => ({ ...l, stepName: nameOf(l.stepId) })),
  };
}
