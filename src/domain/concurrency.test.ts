import { describe, expect, it } from 'vitest';
import { forEachConcurrently } from './concurrency';

describe('forEachConcurrently', () => {
  it('works every item once, never more than the limit at a time', async () => {
    let running = 0;
    let peak = 0;
    const seen: number[] = [];
    await forEachConcurrently([5, 1, 4, 2, 3, 0, 6], 3, async (ms, i) => {
      running += 1;
      peak = Math.max(peak, running);
      await new Promise((r) => setTimeout(r, ms));
      seen.push(i);
      running -= 1;
    });
    expect(seen.sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(peak).toBe(3);
  });

  it('does nothing for no items', async () => {
    let called = false;
    await forEachConcurrently([], 8, async () => {
      called = true;
    });
    expect(called).toBe(false);
  });
});
