import { costCents, type CostSettings } from './analytics-settings';
import {
  compareHoldout,
  compareVariants,
  suggestWinner,
  type HoldoutReport,
  type VariantReport,
  type VariantSummary,
  type WinnerSuggestion,
  type ArmSummary,
} from './lift';
import { AGENTS, type Agent, type Tally } from './rollup';
import type { DayKey } from './rollup-day';

/**
 * The Analytics page's figures from daily rollups (docs/analytics.md, The Analytics page). Pure: the
 * service reads the days, the names and the settings, and this adds them up.
 */

export const MESSAGE_CHANNELS = ['email', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/** Either a number, or why there is none, in plain words. */
export type Incremental = { cents: number; note: null } | { cents: null; note: string };

export interface Figures {
  runs: number;
  sends: number;
  deliveries: number;
  opens: number;
  clicks: number;
  conversions: number;
  attributedRevenueCents: number;
  incremental: Incremental;
  aiCalls: number;
  /** Its parts: messages per channel, AI calls, loyalty rewards given (at their value). */
  cost: { emailCents: number; smsCents: number; aiCents: number; loyaltyCents: number; totalCents: number };
  /** (attributed revenue − cost) / cost; null when nothing was spent. */
  roi: number | null;
}

export interface Row extends Figures {
  id: string;
  name: string;
  /** The same row's attributed revenue over the previous period, for the change. */
  previousAttributedRevenueCents: number;
}

export interface SeriesPoint {
  day: DayKey;
  attributedRevenueCents: number;
  sends: number;
  clicks: number;
  conversions: number;
}

export interface SplitLift {
  stepId: string;
  /** null: the split has no holdout arm. */
  holdout: HoldoutReport | null;
  variants: VariantReport;
  winner: WinnerSuggestion;
}

export interface PlaybookLift {
  playbookId: string;
  name: string;
  splits: SplitLift[];
}

export interface Names {
  playbooks: Record<string, { name: string; ownerAgent: Agent }>;
  campaigns: Record<string, string>;
}

const AGENT_NAMES: Record<Agent, string> = {
  craig: 'Craig (marketing)',
  smokey: 'Smokey (budtender)',
  mrs_parker: 'Mrs. Parker (loyalty)',
  pops: 'Pops (analyst)',
};
export const agentLabel = (a: Agent) => AGENT_NAMES[a];

const key = (...path: string[]) => JSON.stringify(path);

/** All days of a range added into one tally. */
export function sumDays(days: Iterable<Tally>): Tally {
  const out: Tally = {};
  for (const t of days) for (const [k, v] of Object.entries(t)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** The ids found under a group (["playbooks", id, …]). */
export function idsIn(t: Tally, group: string): string[] {
  const ids = new Set<string>();
  for (const k of Object.keys(t)) {
    const path = JSON.parse(k) as string[];
    if (path[0] === group && path[1]) ids.add(path[1]);
  }
  return [...ids];
}

const NO_HOLDOUT = 'This playbook has no holdout group to compare with.';

/** Message counters of a group with channels under it (playbooks, campaigns) or without (agents, steps, variants: `channels` empty). */
function messageFigures(t: Tally, prefix: string[], channels: readonly string[] | null) {
  const n = (counter: string) => (channels ? channels.reduce((s, ch) => s + (t[key(...prefix, ch, counter)] ?? 0), 0) : (t[key(...prefix, counter)] ?? 0));
  return {
    sends: n('sends'),
    deliveries: n('deliveries'),
    opens: n('opens'),
    clicks: n('clicks'),
    conversions: n('conversions'),
    attributedRevenueCents: n('attributedRevenueCents'),
  };
}

function withCost(
  base: Omit<Figures, 'cost' | 'roi'>,
  sendsBy: Record<MessageChannel, number>,
  costs: CostSettings,
  loyaltyCents = 0,
): Pick<Figures, 'cost' | 'roi'> & Omit<Figures, 'cost' | 'roi'> {
  const emailCents = costCents(sendsBy.email, costs.emailPer1000Cents);
  const smsCents = costCents(sendsBy.sms, costs.smsPer1000Cents);
  const aiCents = costCents(base.aiCalls, costs.aiCallPer1000Cents);
  const totalCents = emailCents + smsCents + aiCents + loyaltyCents;
  return { ...base, cost: { emailCents, smsCents, aiCents, loyaltyCents, totalCents }, roi: roiOf(base.attributedRevenueCents, totalCents) };
}

export const roiOf = (revenueCents: number, costCents: number) => (costCents > 0 ? (revenueCents - costCents) / costCents : null);

/** Each split's arms of a playbook, summed over the range. */
export function splitsOf(t: Tally, playbookId: string): Map<string, Map<string, ArmSummary>> {
  const out = new Map<string, Map<string, ArmSummary>>();
  for (const [k, v] of Object.entries(t)) {
    const [group, pb, stepId, arm, f] = JSON.parse(k) as string[];
    if (group !== 'experiments' || pb !== playbookId || !stepId || !arm || !f) continue;
    const arms = out.get(stepId) ?? new Map<string, ArmSummary>();
    const a = arms.get(arm) ?? { customers: 0, converters: 0, revenueSumCents: 0, revenueSumSquaresCents: 0 };
    if (f in a) (a as unknown as Record<string, number>)[f] = ((a as unknown as Record<string, number>)[f] ?? 0) + v;
    arms.set(arm, a);
    out.set(stepId, arms);
  }
  return out;
}

const clampArm = (a: ArmSummary): ArmSummary => ({
  customers: Math.max(0, a.customers),
  converters: Math.max(0, Math.min(a.converters, a.customers)),
  revenueSumCents: Math.max(0, a.revenueSumCents),
  revenueSumSquaresCents: Math.max(0, a.revenueSumSquaresCents),
});

/** Holdout and variant comparisons of every split of a playbook. */
export function liftOf(t: Tally, playbookId: string): SplitLift[] {
  return [...splitsOf(t, playbookId)].map(([stepId, arms]) => {
    const variants: VariantSummary[] = [...arms]
      .filter(([name]) => name !== 'holdout')
      .map(([name, a]) => ({ name, ...clampArm(a) }))
      .sort((a, b) => a.name.localeCompare(b.name));
    const held = arms.get('holdout');
    const treated = variants.reduce<ArmSummary>(
      (s, v) => ({
        customers: s.customers + v.customers,
        converters: s.converters + v.converters,
        revenueSumCents: s.revenueSumCents + v.revenueSumCents,
        revenueSumSquaresCents: s.revenueSumSquaresCents + v.revenueSumSquaresCents,
      }),
      { customers: 0, converters: 0, revenueSumCents: 0, revenueSumSquaresCents: 0 },
    );
    return {
      stepId,
      holdout: held ? compareHoldout(treated, clampArm(held)) : null,
      variants: compareVariants(variants),
      winner: suggestWinner(variants),
    };
  });
}

/** A playbook's incremental revenue: the sum over its splits with a holdout, or why there is none. */
export function incrementalOf(splits: readonly SplitLift[]): Incremental {
  const held = splits.filter((s) => s.holdout);
  if (!held.length) return { cents: null, note: NO_HOLDOUT };
  const ok = held.flatMap((s) => (s.holdout!.incrementalRevenue.status === 'ok' ? [s.holdout!.incrementalRevenue.cents] : []));
  if (!ok.length) {
    const r = held[0]!.holdout!.incrementalRevenue;
    return { cents: null, note: r.status === 'ok' ? NO_HOLDOUT : r.reason };
  }
  return { cents: ok.reduce((a, b) => a + b, 0), note: null };
}

const sumIncremental = (list: Incremental[], none: string): Incremental => {
  const ok = list.filter((i): i is { cents: number; note: null } => i.cents !== null);
  return ok.length ? { cents: ok.reduce((s, i) => s + i.cents, 0), note: null } : { cents: null, note: none };
};

export interface ReportInput {
  current: Tally;
  previous: Tally;
  names: Names;
  costs: CostSettings;
  loyaltyCostCents: { current: number; previous: number };
}

export interface ReportTables {
  totals: Figures;
  previousTotals: Figures;
  playbooks: Row[];
  campaigns: Row[];
  agents: Row[];
  lift: PlaybookLift[];
}

function totalsOf(t: Tally, incremental: Incremental, costs: CostSettings, loyaltyCents: number): Figures {
  const ch = messageFigures(t, ['channels'], MESSAGE_CHANNELS);
  const sendsBy = { email: t[key('channels', 'email', 'sends')] ?? 0, sms: t[key('channels', 'sms', 'sends')] ?? 0 };
  const runs = idsIn(t, 'playbookRuns').reduce((s, id) => s + (t[key('playbookRuns', id)] ?? 0), 0);
  const aiCalls = AGENTS.reduce((s, a) => s + (t[key('aiCalls', a)] ?? 0), 0);
  return withCost(
    { ...ch, runs, aiCalls, conversions: t[key('conversions')] ?? 0, attributedRevenueCents: t[key('attributedRevenueCents')] ?? 0, incremental },
    sendsBy,
    costs,
    loyaltyCents,
  );
}

/** One playbook's figures over a tally. */
export function playbookFigures(t: Tally, playbookId: string, costs: CostSettings, splits = liftOf(t, playbookId)): Figures {
  const sendsBy = { email: t[key('playbooks', playbookId, 'email', 'sends')] ?? 0, sms: t[key('playbooks', playbookId, 'sms', 'sends')] ?? 0 };
  return withCost(
    {
      ...messageFigures(t, ['playbooks', playbookId], [...MESSAGE_CHANNELS, 'code']),
      runs: t[key('playbookRuns', playbookId)] ?? 0,
      aiCalls: 0,
      incremental: incrementalOf(splits),
    },
    sendsBy,
    costs,
  );
}

export function buildReportTables(input: ReportInput): ReportTables {
  const { current: t, previous: p, names, costs } = input;
  const playbookIds = [...new Set([...idsIn(t, 'playbooks'), ...idsIn(t, 'playbookRuns'), ...idsIn(t, 'experiments'), ...idsIn(p, 'playbooks')])];
  const lift: PlaybookLift[] = [];
  const playbooks: Row[] = playbookIds.map((id) => {
    const splits = liftOf(t, id);
    const name = names.playbooks[id]?.name ?? 'A deleted playbook';
    if (splits.length) lift.push({ playbookId: id, name, splits });
    return { id, name, ...playbookFigures(t, id, costs, splits), previousAttributedRevenueCents: playbookFigures(p, id, costs, []).attributedRevenueCents };
  });
  const campaignIds = [...new Set([...idsIn(t, 'campaigns'), ...idsIn(p, 'campaigns')])];
  const campaigns: Row[] = campaignIds.map((id) => {
    const fig = (x: Tally) =>
      withCost(
        {
          ...messageFigures(x, ['campaigns', id], [...MESSAGE_CHANNELS, 'code']),
          runs: 0,
          aiCalls: 0,
          incremental: { cents: null, note: 'Campaigns have no holdout group.' },
        },
        { email: x[key('campaigns', id, 'email', 'sends')] ?? 0, sms: x[key('campaigns', id, 'sms', 'sends')] ?? 0 },
        costs,
      );
    return { id, name: names.campaigns[id] ?? 'A deleted campaign', ...fig(t), previousAttributedRevenueCents: fig(p).attributedRevenueCents };
  });
  const agents: Row[] = AGENTS.map((a) => {
    const fig = (x: Tally, loyalty: number, incremental: Incremental) => {
      // An agent's messages are not split by channel in the rollups; its playbooks' and campaigns' are, so channel costs come from those.
      const own = playbookIds.filter((id) => (names.playbooks[id]?.ownerAgent ?? 'craig') === a);
      const sendsBy = { email: 0, sms: 0 };
      for (const id of own) for (const ch of MESSAGE_CHANNELS) sendsBy[ch] += x[key('playbooks', id, ch, 'sends')] ?? 0;
      if (a === 'craig') for (const id of campaignIds) for (const ch of MESSAGE_CHANNELS) sendsBy[ch] += x[key('campaigns', id, ch, 'sends')] ?? 0;
      const runs = own.reduce((s, id) => s + (x[key('playbookRuns', id)] ?? 0), 0);
      return withCost({ ...messageFigures(x, ['agents', a], null), runs, aiCalls: x[key('aiCalls', a)] ?? 0, incremental }, sendsBy, costs, loyalty);
    };
    const incremental = sumIncremental(
      playbooks.filter((r) => (names.playbooks[r.id]?.ownerAgent ?? 'craig') === a).map((r) => r.incremental),
      'None of this agent’s playbooks has a measurable holdout yet.',
    );
    const loyalty = (which: 'current' | 'previous') => (a === 'mrs_parker' ? input.loyaltyCostCents[which] : 0);
    return {
      id: a,
      name: agentLabel(a),
      ...fig(t, loyalty('current'), incremental),
      previousAttributedRevenueCents: fig(p, loyalty('previous'), incremental).attributedRevenueCents,
    };
  }).filter((r) => r.sends || r.conversions || r.aiCalls || r.runs || r.cost.totalCents || r.previousAttributedRevenueCents);
  const incremental = sumIncremental(
    playbooks.map((r) => r.incremental),
    'No playbook has a holdout group with enough customers yet.',
  );
  const byRevenue = (a: Row, b: Row) => b.attributedRevenueCents - a.attributedRevenueCents || b.sends - a.sends || a.name.localeCompare(b.name);
  return {
    totals: totalsOf(t, incremental, costs, input.loyaltyCostCents.current),
    previousTotals: totalsOf(
      p,
      sumIncremental(
        playbookIds.map((id) => incrementalOf(liftOf(p, id))),
        'No holdout data in the previous period.',
      ),
      costs,
      input.loyaltyCostCents.previous,
    ),
    playbooks: playbooks.sort(byRevenue),
    campaigns: campaigns.sort(byRevenue),
    agents,
    lift,
  };
}

/** One point per day of the range (days without figures are zeros), optionally for one playbook. */
export function seriesOf(days: ReadonlyMap<DayKey, Tally>, range: readonly DayKey[], playbookId?: string): SeriesPoint[] {
  return range.map((day) => {
    const t = days.get(day) ?? {};
    if (playbookId) {
      const f = messageFigures(t, ['playbooks', playbookId], [...MESSAGE_CHANNELS, 'code']);
      return { day, attributedRevenueCents: f.attributedRevenueCents, sends: f.sends, clicks: f.clicks, conversions: f.conversions };
    }
    const ch = messageFigures(t, ['channels'], MESSAGE_CHANNELS);
    return { day, attributedRevenueCents: t[key('attributedRevenueCents')] ?? 0, sends: ch.sends, clicks: ch.clicks, conversions: t[key('conversions')] ?? 0 };
  });
}

/** Message and conversion counters under ["steps", playbookId, …] or ["variants", playbookId, …], per step or variant. */
export function breakdownOf(t: Tally, group: 'steps' | 'variants', playbookId: string) {
  const ids = new Set<string>();
  for (const k of Object.keys(t)) {
    const path = JSON.parse(k) as string[];
    if (path[0] === group && path[1] === playbookId && path[2]) ids.add(path[2]);
  }
  return [...ids].sort().map((id) => ({ id, ...messageFigures(t, [group, playbookId, id], null) }));
}
