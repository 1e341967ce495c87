import { toCsv } from '../csv';
import { formatCents } from '../money';
import type { Figures, Row } from './report';

/** The columns of every table of the Analytics page, in the page's order and words. */
export const FIGURE_COLUMNS: Array<{ header: string; value: (f: Figures) => string | number }> = [
  { header: 'Runs', value: (f) => f.runs },
  { header: 'Sends', value: (f) => f.sends },
  { header: 'Delivered', value: (f) => f.deliveries },
  { header: 'Opens', value: (f) => f.opens },
  { header: 'Clicks', value: (f) => f.clicks },
  { header: 'Conversions', value: (f) => f.conversions },
  { header: 'Attributed revenue', value: (f) => dollars(f.attributedRevenueCents) },
  { header: 'Incremental revenue', value: (f) => (f.incremental.cents === null ? '' : dollars(f.incremental.cents)) },
  { header: 'Cost', value: (f) => dollars(f.cost.totalCents) },
  { header: 'ROI', value: (f) => (f.roi === null ? '' : roiText(f.roi)) },
];

/** Plain dollars for a spreadsheet ("1234.50"): a number a spreadsheet sums, not "$1,234.50". */
export const dollars = (cents: number) => (cents / 100).toFixed(2);
export const money = (cents: number) => formatCents(cents);
/** ROI as a percentage: 2.5 → "250%". */
export const roiText = (roi: number) => `${Math.round(roi * 100)}%`;

export interface ExportInput {
  dispensary: string;
  from: string;
  to: string;
  timeZone: string;
  totals: Figures;
  previousTotals: Figures;
  playbooks: Row[];
  campaigns: Row[];
  agents: Row[];
}

/** One CSV of the whole page: a header block, then one record per playbook, campaign and agent with a "Kind" column, so it filters in a spreadsheet. */
export function analyticsCsv(r: ExportInput): string {
  const header = ['Kind', 'Name', ...FIGURE_COLUMNS.map((c) => c.header), 'Email cost', 'Text cost', 'AI cost', 'Loyalty rewards cost'];
  const line = (kind: string, name: string, f: Figures) => [
    kind,
    name,
    ...FIGURE_COLUMNS.map((c) => c.value(f)),
    dollars(f.cost.emailCents),
    dollars(f.cost.smsCents),
    dollars(f.cost.aiCents),
    dollars(f.cost.loyaltyCents),
  ];
  return toCsv([
    header,
    line('Total', `${r.dispensary}, ${r.from} to ${r.to} (${r.timeZone})`, r.totals),
    line('Previous period', 'Total, the same number of days before', r.previousTotals),
    ...r.playbooks.map((p) => line('Playbook', p.name, p)),
    ...r.campaigns.map((c) => line('Campaign', c.name, c)),
    ...r.agents.map((a) => line('Agent', a.name, a)),
  ]);
}

/** "bakedbot-analytics-{slug}-{from}-to-{to}.{ext}": the slug is already safe for a file name. */
export const exportFileName = (slug: string | null, from: string, to: string, ext: 'csv' | 'pdf') =>
  `bakedbot-analytics-${slug ?? 'dispensary'}-${from}-to-${to}.${ext}`;
