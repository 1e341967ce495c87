import { describe, expect, it } from 'vitest';
import { resolveRange, ReportRangeQuerySchema } from './report-range';

describe('resolveRange', () => {
  it('defaults to the last 30 days, today included, compared with the 30 before', () => {
    expect(resolveRange({}, '2031-05-06')).toEqual({ from: '2031-04-07', to: '2031-05-06', days: 30, previous: { from: '2031-03-08', to: '2031-04-06' } });
  });
  it('takes a custom range across a month end, with a previous period of equal length', () => {
    expect(resolveRange({ from: '2031-02-27', to: '2031-03-02' }, '2031-05-06')).toMatchObject({ days: 4, previous: { from: '2031-02-23', to: '2031-02-26' } });
  });
  it('refuses a reversed range and one over 366 days, in words', () => {
    expect(resolveRange({ from: '2031-05-02', to: '2031-05-01' }, '2031-05-06')).toEqual({ error: 'The start date must not be after the end date.' });
    expect(resolveRange({ from: '2030-05-01', to: '2031-05-02' }, '2031-05-06')).toEqual({ error: 'A range is at most 366 days (this one is 367).' });
    expect(resolveRange({ from: '2030-05-01', to: '2031-05-01' }, '2031-05-06')).toMatchObject({ days: 366 });
  });
  it('reads only real calendar dates', () => {
    expect(ReportRangeQuerySchema.safeParse({ from: '2031-02-29' }).success).toBe(false);
    expect(ReportRangeQuerySchema.safeParse({ from: '2032-02-29' }).success).toBe(true);
    expect(ReportRangeQuerySchema.safeParse({ to: '05/06/2031' }).success).toBe(false);
  });
});
