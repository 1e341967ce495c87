import { describe, expect, it } from 'vitest';
import { clientAddress } from './client-address';
import { FailureLimiter } from './rate-limit';

describe('FailureLimiter', () => {
  it('lets a key fail max times in the window, then makes it wait until the oldest failure leaves', () => {
    const limiter = new FailureLimiter(3, 60_000);
    for (const at of [0, 10_000, 20_000]) {
      expect(limiter.retryAfterSeconds('a', at)).toBe(0);
      limiter.record('a', at);
    }
    expect(limiter.retryAfterSeconds('a', 20_000)).toBe(40);
    expect(limiter.retryAfterSeconds('b', 20_000)).toBe(0);
    expect(limiter.retryAfterSeconds('a', 59_999)).toBe(1);
    expect(limiter.retryAfterSeconds('a', 60_000)).toBe(0);
    limiter.record('a', 60_000);
    expect(limiter.retryAfterSeconds('a', 60_000)).toBe(10);
  });

  it('forgets the least recently failing key beyond its capacity', () => {
    const limiter = new FailureLimiter(1, 60_000, 2);
    limiter.record('a', 0);
    limiter.record('b', 1);
    limiter.record('c', 2);
    expect(limiter.retryAfterSeconds('a', 3)).toBe(0);
    expect(limiter.retryAfterSeconds('c', 3)).toBeGreaterThan(0);
  });
});

describe('clientAddress', () => {
  const req = (xff?: string) => new Request('http://app.test/', { headers: xff ? { 'x-forwarded-for': xff } : {} });
  it('takes the entry the trusted proxies appended, never what the client put before it', () => {
    expect(clientAddress(req('203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('6.6.6.6, 203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('6.6.6.6, 203.0.113.7, 10.0.0.1'), 2)).toBe('203.0.113.7');
    expect(clientAddress(req('::ffff:203.0.113.7'), 1)).toBe('203.0.113.7');
    expect(clientAddress(req('2001:db8::1'), 1)).toBe('2001:db8::1');
  });

  it('answers "unknown" when there is nothing usable or no header is trusted', () => {
    expect(clientAddress(req(), 1)).toBe('unknown');
    expect(clientAddress(req('not-an-ip'), 1)).toBe('unknown');
    expect(clientAddress(req('203.0.113.7'), 2)).toBe('unknown');
    expect(clientAddress(req('203.0.113.7'), 0)).toBe('unknown');
  });
});
