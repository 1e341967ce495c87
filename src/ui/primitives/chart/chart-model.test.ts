import { describe, expect, it } from 'vitest';
import { categoryRows, formatTick, formatValue, summarize, timeRows } from './chart-model';

describe('chart rows', () => {
  it('labels weeks by their first day, short on the axis and in full for the tooltip and table', () => {
    const rows = timeRows(
      [
        { date: '2025-12-29', values: { gross: 120_00 } },
        { date: '2026-01-05', values: { gross: 80_00 } },
      ],
      'week',
    );
    expect(rows.map((r) => [r.axisLabel, r.fullLabel])).toEqual([
      ['Dec 29', 'Week of Dec 29, 2025'],
      ['Jan 5', 'Week of Jan 5, 2026'],
    ]);
  });

  it('labels days and months as calendar dates, whatever the zone of the machine', () => {
    expect(timeRows([{ date: '2026-03-01', values: {} }], 'day')[0]).toMatchObject({ axisLabel: 'Mar 1', fullLabel: 'Mar 1, 2026' });
    expect(timeRows([{ date: '2026-03-01', values: {} }], 'month')[0]).toMatchObject({ axisLabel: 'Mar 2026', fullLabel: 'March 2026' });
  });

  it('keeps categories in the order given, even with repeated names', () => {
    const rows = categoryRows([
      { label: 'Flower', values: { n: 3 } },
      { label: 'Flower', values: { n: 1 } },
    ]);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2);
  });
});

describe('chart values', () => {
  it('prints money from cents and counts, in full and in short', () => {
    expect(formatValue(123_456, 'money')).toBe('$1,234.56');
    expect(formatValue(1234, 'count')).toBe('1,234');
    expect(formatTick(123_456, 'money')).toBe('$1.2K');
  });

  it('sums a chart up in a sentence for screen readers', () => {
    const rows = timeRows(
      [
        { date: '2026-01-05', values: { gross: 80_00 } },
        { date: '2026-01-12', values: { gross: 120_00 } },
      ],
      'week',
    );
    expect(summarize(rows, [{ key: 'gross', label: 'Gross sales' }], 'money')).toBe(
      'Week of Jan 5, 2026 to Week of Jan 12, 2026. Gross sales: highest $120.00 (Week of Jan 12, 2026), lowest $80.00 (Week of Jan 5, 2026).',
    );
    expect(summarize([], [], 'count')).toBe('No data.');
  });
});
