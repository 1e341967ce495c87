/**
 * A token bucket per key (an endpoint or an API key), in this instance's memory: cheap enough
 * to sit in front of signature checks. With several instances each enforces the limit on the
 * traffic it receives; docs/webhooks.md says so.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /** Takes one token; returns 0 when allowed, else the seconds until a token is free. */
  take(key: string, perMinute: number, nowMs: number): number {
    const capacity = Math.max(1, perMinute);
    const ratePerMs = perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: capacity, at: nowMs };
    b.tokens = Math.min(capacity, b.tokens + (nowMs - b.at) * ratePerMs);
    b.at = nowMs;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / ratePerMs / 1000));
  }

  reset(key?: string) {
    if (key) this.buckets.delete(key);
    else this.buckets.clear();
  }
}

export const ingestRateLimiter = new RateLimiter();
