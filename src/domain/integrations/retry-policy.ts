import { MINUTE } from '../clock';

/** A delivery whose processing fails this many times is dead-lettered. */
export const MAX_DELIVERY_ATTEMPTS = 6;

/** How long the receiver has to finish processing before the retry function takes over. */
export const PROCESSING_LEASE_MS = 2 * MINUTE;

const BASE_MS = MINUTE;
const FACTOR = 4;
const CAP_MS = 6 * 60 * MINUTE;

/** Wait before the next attempt after `failedAttempts` failures: 1, 4, 16, 64, 256 minutes (capped at 6 h). */
export function backoffMs(failedAttempts: number): number {
  const n = Math.max(1, failedAttempts);
  return Math.min(CAP_MS, BASE_MS * FACTOR ** (n - 1));
}

export type RetryDecision = { kind: 'retry'; at: Date } | { kind: 'dead_letter' };

export function afterFailure(failedAttempts: number, now: Date): RetryDecision {
  if (failedAttempts >= MAX_DELIVERY_ATTEMPTS) return { kind: 'dead_letter' };
  return { kind: 'retry', at: new Date(now.getTime() + backoffMs(failedAttempts)) };
}
