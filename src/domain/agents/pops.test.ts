import { describe, expect, it } from 'vitest';
import { segmentMoveOf } from '../analytics/rollup';
import { renderWeeklyEmail } from './pops-email';
import { changeWords, cohortMonths, repeatFunnel, reportWeeks, topProductsOf } from './pops';

const k = (...path: string[]) => JSON.stringify(path);

describe('Pops', () => {
  it('reports on last week, Monday to Sunday in the dispensary’s zone', () => {
    // Monday 2031-07-07, 08:00 in Detroit; and a Sunday night that is already Monday in UTC.
    expect(reportWeeks(new Date('2031-07-07T12:00:00Z'), 'America/Detroit')).toEqual({
      lastWeek: { from: '2031-06-30', to: '2031-07-06' },
      weekBefore: { from: '2031-06-23', to: '2031-06-29' },
    });
    expect(reportWeeks(new Date('2031-07-07T02:00:00Z'), 'America/Detroit').lastWeek).toEqual({ from: '2031-06-23', to: '2031-06-29' });
  });

  it('classifies segment moves: won back, slipping into At Risk, churned', () => {
    expect(segmentMoveOf('At Risk', 'Loyal')).toBe('wonBack');
    expect(segmentMoveOf('Churned', 'Casual')).toBe('wonBack');
    expect(segmentMoveOf('Churned', 'Slipping')).toBeNull();
    expect(segmentMoveOf('Slipping', 'At Risk')).toBe('slipping');
    expect(segmentMoveOf('Churned', 'At Risk')).toBeNull();
    expect(segmentMoveOf('At Risk', 'Churned')).toBe('churned');
    expect(segmentMoveOf(null, 'New')).toBeNull();
  });

  it('ranks top sellers by revenue, then units', () => {
    const t = {
      [k('products', 'a', 'units')]: 5,
      [k('products', 'a', 'revenueCents')]: 1_000,
      [k('products', 'b', 'units')]: 1,
      [k('products', 'b', 'revenueCents')]: 4_000,
      [k('orders')]: 3,
    };
    expect(topProductsOf(t, 5).map((p) => p.key)).toEqual(['b', 'a']);
    expect(topProductsOf(t, 1)).toEqual([{ key: 'b', units: 1, revenueCents: 4_000 }]);
  });

  it('cohort months run from local midnight on the 1st', () => {
    const months = cohortMonths(new Date('2031-03-10T12:00:00Z'), 'America/Detroit', 3);
    expect(months.map((m) => m.month)).toEqual(['2031-01', '2031-02', '2031-03']);
    expect(months[0]!.start.toISOString()).toBe('2031-01-01T05:00:00.000Z');
    expect(months[1]!.end.toISOString()).toBe('2031-03-01T05:00:00.000Z');
  });

  it('the funnel gives each step’s share of the one before', () => {
    expect(repeatFunnel([100, 40, 20, 5]).map((s) => s.ofPrevious)).toEqual([1, 0.4, 0.5, 0.25]);
    expect(repeatFunnel([0, 0, 0, 0]).map((s) => s.ofPrevious)).toEqual([0, 0, 0, 0]);
    expect([changeWords(120, 100), changeWords(90, 100), changeWords(5, 0), changeWords(0, 0)]).toEqual(['up 20%', 'down 10%', 'new this week', 'flat']);
  });

  it('writes the weekly email in plain words, money formatted, names escaped', () => {
    const movement = { wonBack: 2, slipping: 1, churned: 0, entered: {} };
    const email = renderWeeklyEmail({
      dispensary: 'Green <Leaf>',
      lastWeek: {
        range: { from: '2031-06-30', to: '2031-07-06' },
        sales: { orders: 3, netSalesCents: 18_444, grossSalesCents: 18_444, refundedCents: 0, newCustomers: 3, returningOrders: 0 },
        topProducts: [{ key: 'p1', name: 'Gummies <100mg>', units: 3, revenueCents: 5_400 }],
        movement,
      },
      weekBefore: { sales: { orders: 1, netSalesCents: 6_148, newCustomers: 1 }, movement },
      cohorts: [{ month: '2031-06', customers: 4, lifetimeValueCents: 24_592, averageCents: 6_148 }],
      funnel: repeatFunnel([4, 1, 0, 0]),
    });
    expect(email.subject).toBe('Pops’s weekly report for Green <Leaf>: $184.44 net sales, Jun 30 – Jul 6');
    expect(email.text).toContain('$184.44 in net sales from 3 orders, up 200% on the week before ($61.48 from 1 order)');
    expect(email.text).toContain('25% came back for a second');
    expect(email.html).toContain('Gummies &lt;100mg&gt;');
    expect(email.html).toContain('June 2031');
    expect(email.html).not.toContain('<Leaf>');
  });
});
