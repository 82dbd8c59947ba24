/**
 * Retry policy: how often and how patiently a failed step is tried again.
 * Exponential backoff with full-range jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"),
 * capped at `maxDelayMs`; a downstream `Retry-After` (RFC 9110 §10.2.3) on 429/503 takes precedence
 * when it is longer than the computed delay.
 */
import { z } from 'zod';

export const RetryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20).default(3).describe('Attempts in all, the first included'),
    initialDelayMs: z.number().int().min(0).max(3_600_000).default(500).describe('Delay before the 2nd attempt (ms)'),
    multiplier: z.number().min(1).max(10).default(2).describe('Each delay is the previous one times this'),
    maxDelayMs: z.number().int().min(0).max(86_400_000).default(30_000).describe('Upper bound of one delay (ms)'),
    jitter: z.number().min(0).max(1).default(0.2).describe('Fraction of each delay drawn at random (0 to 1)'),
    retryableStatuses: z
      .array(z.number().int().min(100).max(599))
      .default([408, 425, 429, 500, 502, 503, 504])
      .describe('HTTP statuses worth another attempt'),
  })
  .describe('Retry policy');

export type RetryPolicy = z.output<typeof RetryPolicySchema>;

export const defaultRetryPolicy: RetryPolicy = RetryPolicySchema.parse({});

/** Parses `Retry-After` (delta-seconds or an HTTP-date) into milliseconds from `nowMs`; undefined if absent or invalid. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - nowMs);
}

/**
 * Delay in ms before attempt `nextAttempt` (2 = first retry).
 * @param random injectable for tests; returns [0, 1).
 */
export function retryDelayMs(
  policy: RetryPolicy,
  nextAttempt: number,
  retryAfterMs?: number,
  random: () => number = Math.random,
): number {
  const exponent = Math.max(0, nextAttempt - 2);
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.multiplier ** exponent);
  const jittered = base * (1 - policy.jitter) + base * policy.jitter * random();
  const delay = Math.round(Math.min(policy.maxDelayMs, jittered));
  return retryAfterMs !== undefined ? Math.max(delay, retryAfterMs) : delay;
}
