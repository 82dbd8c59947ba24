import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy, parseRetryAfter, retryDelayMs } from './retry.js';

describe('retry policy', () => {
  const policy = { ...defaultRetryPolicy, initialDelayMs: 100, multiplier: 2, maxDelayMs: 1000, jitter: 0 };

  it('backs off exponentially up to the maximum delay', () => {
    expect([2, 3, 4, 5, 6].map((n) => retryDelayMs(policy, n))).toEqual([100, 200, 400, 800, 1000]);
  });

  it('draws jitter within the configured fraction', () => {
    const jittered = { ...policy, jitter: 0.5 };
    expect(retryDelayMs(jittered, 3, undefined, () => 0)).toBe(100);
    expect(retryDelayMs(jittered, 3, undefined, () => 0.999)).toBe(200);
  });

  it('waits at least as long as Retry-After asks', () => {
    expect(retryDelayMs(policy, 2, 5000)).toBe(5000);
    expect(retryDelayMs(policy, 4, 10)).toBe(400);
  });

  it('parses Retry-After as seconds or an HTTP date (RFC 9110 §10.2.3)', () => {
    const now = Date.parse('2025-03-16T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7000);
    expect(parseRetryAfter('Sun, 16 Mar 2025 00:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
