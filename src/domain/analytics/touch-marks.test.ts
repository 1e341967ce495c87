import { describe, expect, it } from 'vitest';
import { DAY } from '../clock';
import { nothingCanEarn, sendMarkAfter, splitMarkAfter, withoutTouchMarks } from './touch-marks';

const at = (iso: string) => new Date(iso);
const placed = at('2031-05-20T12:00:00Z');

describe('touch marks', () => {
  it('unknown marks prove nothing: the queries run', () => {
    expect(nothingCanEarn({}, placed, 7)).toBe(false);
    expect(nothingCanEarn({ lastSendAt: null }, placed, 7)).toBe(false);
    expect(nothingCanEarn({ splitWindowEndsAt: null }, placed, 7)).toBe(false);
  });

  it('a customer never messaged and in no split: nothing can earn the order', () => {
    expect(nothingCanEarn({ lastSendAt: null, splitWindowEndsAt: null }, placed, 7)).toBe(true);
  });

  it('a message inside the longest window, or within the mark’s day of slack of it, may have earned it', () => {
    const marks = (lastSendAt: Date) => ({ lastSendAt, splitWindowEndsAt: null });
    expect(nothingCanEarn(marks(new Date(placed.getTime() - 3 * DAY)), placed, 7)).toBe(false);
    // 7.5 days before: outside the window, but a later send may hide in the day of slack.
    expect(nothingCanEarn(marks(new Date(placed.getTime() - 7.5 * DAY)), placed, 7)).toBe(false);
    expect(nothingCanEarn(marks(new Date(placed.getTime() - 8.5 * DAY)), placed, 7)).toBe(true);
  });

  it('a split measuring the order’s time keeps the queries; one that ended before does not', () => {
    expect(nothingCanEarn({ lastSendAt: null, splitWindowEndsAt: new Date(placed.getTime() + 1) }, placed, 7)).toBe(false);
    expect(nothingCanEarn({ lastSendAt: null, splitWindowEndsAt: new Date(placed.getTime() - 1) }, placed, 7)).toBe(true);
  });

  it('a send rewrites the mark only when it is more than a day old (or unknown)', () => {
    const now = at('2031-05-20T12:00:00Z');
    expect(sendMarkAfter({}, now)).toEqual(now);
    expect(sendMarkAfter({ lastSendAt: null }, now)).toEqual(now);
    expect(sendMarkAfter({ lastSendAt: new Date(now.getTime() - DAY / 2) }, now)).toBeNull();
    expect(sendMarkAfter({ lastSendAt: new Date(now.getTime() - 2 * DAY) }, now)).toEqual(now);
  });

  it('a split entry moves a known mark out, never in, and leaves an unknown one unknown', () => {
    const ends = at('2031-05-27T12:00:00Z');
    expect(splitMarkAfter({}, ends)).toBeNull();
    expect(splitMarkAfter({ splitWindowEndsAt: null }, ends)).toEqual(ends);
    expect(splitMarkAfter({ splitWindowEndsAt: at('2031-06-01T00:00:00Z') }, ends)).toBeNull();
    expect(splitMarkAfter({ splitWindowEndsAt: at('2031-05-21T00:00:00Z') }, ends)).toEqual(ends);
  });

  it('a merge makes both marks unknown', () => {
    expect(withoutTouchMarks({ id: 'c', lastSendAt: null, splitWindowEndsAt: null })).toEqual({ id: 'c' });
  });
});
