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

/**
 * Failures per key (a client address) in a sliding window, in this instance's memory: once `max`
 * are in the window the key waits until the oldest leaves it. Only failures count, so people who
 * sign in correctly are never slowed down. The number of keys is capped (oldest dropped first).
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  /** 0 when the key may try, else the seconds until it may. */
  retryAfterSeconds(key: string, nowMs: number): number {
    const recent = this.recent(key, nowMs);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.max]! + this.windowMs - nowMs) / 1000));
  }

  record(key: string, nowMs: number): void {
    const recent = this.recent(key, nowMs);
    recent.push(nowMs);
    // Re-inserted, so the map's order is least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, recent.slice(-this.max));
    if (this.failures.size > this.maxKeys) this.failures.delete(this.failures.keys().next().value!);
  }

  reset(key?: string) {
    if (key) this.failures.delete(key);
    else this.failures.clear();
  }

  private recent(key: string, nowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > nowMs - this.windowMs);
  }
}

/** Failed sign-ins (POST /api/auth/session) per client address: 10 in 10 minutes, then 429. */
export const signInFailures = new FailureLimiter(10, 10 * 60_000);

/** Questions to the agents per staff member: each may cost a model call, so one person cannot run up the bill. */
export const askRateLimiter = new RateLimiter();
export const ASKS_PER_MINUTE = 10;
