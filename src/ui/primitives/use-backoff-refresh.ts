'use client';
import { useEffect, useRef } from 'react';

export interface BackoffOptions {
  /** The first gap, and the gap again after the tab comes back or `refresh` reports a change. */
  minMs: number;
  /** Gaps double up to this. */
  maxMs: number;
  /** false stops refreshing (nothing left to wait for). */
  enabled?: boolean;
}

/**
 * Refreshes a view that has no live listener without polling forever: the gap doubles after each
 * refresh that changed nothing (up to `maxMs`), nothing runs while the tab is hidden, and coming
 * back to the tab refreshes at once and starts again from `minMs`. `refresh` may answer whether
 * anything changed; a change resets the gap.
 */
export function useBackoffRefresh(refresh: () => Promise<boolean | void> | void, { minMs, maxMs, enabled = true }: BackoffOptions) {
  const latest = useRef(refresh);
  useEffect(() => {
    latest.current = refresh;
  });
  useEffect(() => {
    if (!enabled) return;
    let gap = minMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    const schedule = () => {
      clearTimeout(timer);
      if (stopped || document.visibilityState !== 'visible') return;
      timer = setTimeout(run, gap);
    };
    const run = async () => {
      let changed: boolean | void = false;
      try {
        changed = await latest.current();
      } catch {
        // A failed refresh backs off like an unchanged one; the view shows its own error.
      }
      gap = changed ? minMs : Math.min(gap * 2, maxMs);
      schedule();
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return clearTimeout(timer);
      gap = minMs;
      void run();
    };
    document.addEventListener('visibilitychange', onVisibility);
    schedule();
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [minMs, maxMs, enabled]);
}
