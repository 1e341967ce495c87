import { describe, expect, it } from 'vitest';
import { DEFAULT_COSTS } from './analytics-settings';
import { buildReportTables, incrementalOf, liftOf, roiOf, seriesOf } from './report';
import { analyticsCsv } from './report-export';
import { parseCsv } from '../csv';

const k = (...p: string[]) => JSON.stringify(p);
const costs = { ...DEFAULT_COSTS };

describe('the Analytics report tables', () => {
  const current = {
    [k('playbooks', 'pb1', 'sms', 'sends')]: 2_000,
    [k('playbooks', 'pb1', 'code', 'conversions')]: 3,
    [k('playbooks', 'pb1', 'code', 'attributedRevenueCents')]: 9_000,
    [k('playbookRuns', 'pb1')]: 5,
    [k('aiCalls', 'mrs_parker')]: 2_000,
    [k('channels', 'sms', 'sends')]: 2_000,
    [k('attributedRevenueCents')]: 9_000,
    [k('conversions')]: 3,
  };
  const t = buildReportTables({
    current,
    previous: {},
    names: { playbooks: { pb1: { name: 'Birthday', ownerAgent: 'mrs_parker' } }, campaigns: {} },
    costs,
    loyaltyCostCents: { current: 1_500, previous: 0 },
  });

  it('costs texts at the unit price, counts code conversions, and leaves ROI out without cost', () => {
    expect(t.playbooks[0]).toMatchObject({
      name: 'Birthday',
      runs: 5,
      sends: 2_000,
      conversions: 3,
      attributedRevenueCents: 9_000,
      cost: { smsCents: 3_000, totalCents: 3_000 },
    });
    expect(t.playbooks[0]!.roi).toBe(2); // ($90 − $30) / $30
    expect(roiOf(100, 0)).toBeNull();
    expect(t.playbooks[0]!.incremental).toEqual({ cents: null, note: 'This playbook has no holdout group to compare with.' });
  });

  it('charges Mrs. Parker her AI calls and the loyalty rewards given, and the total all of it', () => {
    const parker = t.agents.find((a) => a.id === 'mrs_parker')!;
    expect(parker.cost).toEqual({ emailCents: 0, smsCents: 3_000, aiCents: 2_000, loyaltyCents: 1_500, totalCents: 6_500 });
    expect(t.totals.cost.totalCents).toBe(6_500);
    expect(t.agents.map((a) => a.id)).toEqual(['mrs_parker']);
  });

  it('writes one CSV record per row with plain dollar amounts', () => {
    const rows = parseCsv(analyticsCsv({ ...t, dispensary: 'Pinecone, Detroit', from: '2031-05-01', to: '2031-05-30', timeZone: 'America/Detroit' })).map(
      (r) => r.fields,
    );
    expect(rows.map((r) => r[0])).toEqual(['Kind', 'Total', 'Previous period', 'Playbook', 'Agent']);
    expect(rows[1]![1]).toBe('Pinecone, Detroit, 2031-05-01 to 2031-05-30 (America/Detroit)');
    expect(rows[3]!.slice(1, 12)).toEqual(['Birthday', '5', '2000', '0', '0', '0', '3', '90.00', '', '30.00', '200%']);
  });

  it('gives one zero point per day of the range', () => {
    const s = seriesOf(new Map([['2031-05-02', current]]), ['2031-05-01', '2031-05-02']);
    expect(s).toEqual([
      { day: '2031-05-01', attributedRevenueCents: 0, sends: 0, clicks: 0, conversions: 0 },
      { day: '2031-05-02', attributedRevenueCents: 9_000, sends: 2_000, clicks: 0, conversions: 3 },
    ]);
  });
});

describe('lift from the experiment counters', () => {
  it('says why there is no incremental revenue when the holdout is too small', () => {
    const tally = {
      [k('experiments', 'pb', 's1', 'A', 'customers')]: 10,
      [k('experiments', 'pb', 's1', 'holdout', 'customers')]: 1,
    };
    const lift = liftOf(tally, 'pb');
    expect(lift[0]!.holdout?.treated.customers).toBe(10);
    expect(incrementalOf(lift)).toEqual({ cents: null, note: 'Each group needs at least 2 customers to compare revenue.' });
  });
});
