import { describe, expect, test } from 'vitest';
import { defaultRetryPolicy, retryDelayMs } from '../../../nodes/sdk/retry.js';
import { formatDelay, RETRY_DEFAULTS, retryDelays, retrySummary } from './retrySummary.js';

describe('retry policy summary', () => {
  test('the defaults read as attempts, waits and Retry-After', () => {
    expect(retrySummary(undefined)).toBe('3 attempts, 0.5 s → 1 s, honours Retry-After on 429/503');
    expect(retrySummary({ maxAttempts: 4 })).toBe('4 attempts, 0.5 s → 1 s → 2 s, honours Retry-After on 429/503');
  });

  test('the client defaults are the schema defaults', () => {
    expect({ ...RETRY_DEFAULTS, retryableStatuses: [...RETRY_DEFAULTS.retryableStatuses] }).toEqual(defaultRetryPolicy);
  });

  test('waits match the runtime before jitter, capped at the max delay', () => {
    const policy = { ...defaultRetryPolicy, maxAttempts: 8, jitter: 0, maxDelayMs: 10_000 };
    expect(retryDelays(policy)).toEqual([2, 3, 4, 5, 6, 7, 8].map((attempt) => retryDelayMs(policy, attempt, undefined, () => 0)));
    expect(retrySummary(policy)).toBe('8 attempts, 0.5 s → 1 s → 2 s → … → 10 s, honours Retry-After on 429/503');
  });

  test('one attempt, no Retry-After statuses, no statuses', () => {
    expect(retrySummary({ maxAttempts: 1 })).toMatch(/^No retries/);
    expect(retrySummary({ retryableStatuses: [500, 502] })).toBe('3 attempts, 0.5 s → 1 s');
    expect(retrySummary({ retryableStatuses: [429] })).toBe('3 attempts, 0.5 s → 1 s, honours Retry-After on 429');
    expect(retrySummary({ retryableStatuses: [] })).toBe('3 attempts, 0.5 s → 1 s, no status is retried');
  });

  test('delays format in ms, s, min and h', () => {
    expect([250, 500, 1000, 1500, 90_000, 7_200_000].map(formatDelay)).toEqual(['250 ms', '0.5 s', '1 s', '1.5 s', '1.5 min', '2 h']);
  });
});

describe('retry policy form', () => {
  test('the group gets a title, the summary flag, help with defaults and a number list for statuses', async () => {
    const { describeNodeType, nodeTypes } = await import('../../../nodes/registry.js');
    const { formSchema } = await import('./formValidator.js');
    const { buildUiSchema } = await import('./uiSchema.js');
    const ui = buildUiSchema(formSchema(describeNodeType(nodeTypes['http.request']!).configSchema) as never);
    const retry = ui.retry as Record<string, any>;
    expect(retry['ui:title']).toBe('Retry policy');
    expect(retry['ui:retrySummary']).toBe(true);
    expect(retry.maxAttempts['ui:description']).toBe('Attempts in all, the first included. 1 means no retry. Default 3.');
    expect(retry.maxDelayMs['ui:description']).toMatch(/Default 30000 \(30 s\)\.$/);
    expect(retry.retryableStatuses['ui:field']).toBe('numberList');
    expect(retry.retryableStatuses['ui:description']).toMatch(/Default 408, 425, 429, 500, 502, 503, 504\.$/);
  });
});
