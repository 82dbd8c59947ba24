import { describe, expect, it } from 'vitest';
import type { RunSummary } from '../storage/types.js';
import { agingBands, flowStats, quantile, sloStatus } from './stats.js';

const NOW = Date.parse('2025-03-16T12:00:00Z');
let n = 0;
function run(minutesAgo: number, status: RunSummary['status'], durationMs?: number, mode: RunSummary['mode'] = 'published'): RunSummary {
  const id = `run_${n++}`;
  return {
    id, flowId: 'f', flowVersion: 1, mode, rootRunId: id, status, correlationId: id, triggerNodeId: 'hook',
    startedAt: new Date(NOW - minutesAgo * 60_000).toISOString(), businessKeys: {}, stepCount: 3, ...(durationMs !== undefined ? { durationMs } : {}),
  };
}

describe('stats', () => {
  it('takes nearest-rank quantiles', () => {
    expect(quantile([], 0.5)).toBeNull();
    expect(quantile([10, 20, 30, 40], 0.5)).toBe(20);
    expect(quantile([10, 20, 30, 40], 0.99)).toBe(40);
  });

  it('counts service runs per bucket with failure rate and latency; test runs and runs outside the window are left out', () => {
    const runs = [run(1, 'succeeded', 100), run(2, 'failed', 300), run(12, 'succeeded', 200), run(13, 'running'), run(5, 'succeeded', 50, 'draft'), run(90, 'failed', 1)];
    const stats = flowStats('f', runs, { now: NOW, windowMs: 15 * 60_000, buckets: 3 });
    expect(stats).toMatchObject({ runs: 4, failed: 1, running: 1, failureRate: 1 / 3, latencyMs: { p50: 200, p95: 300, p99: 300 } });
    expect(stats.series.map((b) => [b.runs, b.failed, b.p95Ms])).toEqual([[2, 0, 200], [0, 0, null], [2, 1, 300]]);
  });

  it('states an SLO as met, at risk, breached or without data', () => {
    const slo = { name: 'posted within 60 s', objective: 0.9, thresholdMs: 60_000 };
    const good = Array.from({ length: 19 }, () => run(10, 'succeeded', 1000));
    expect(sloStatus(slo, [...good, run(10, 'succeeded', 1000)], NOW)).toMatchObject({ total: 20, good: 20, attainment: 1, status: 'met', budgetRemaining: 1 });
    expect(sloStatus(slo, [...good, run(10, 'succeeded', 61_000)], NOW)).toMatchObject({ good: 19, status: 'met' }); // half the budget left
    expect(sloStatus(slo, [...good.slice(0, 17), run(10, 'failed', 10), run(10, 'failed', 10)], NOW)).toMatchObject({ attainment: 17 / 19, status: 'breached' });
    // Exactly on the objective: met, with no budget left.
    expect(sloStatus({ ...slo, objective: 0.95 }, [...good, run(10, 'failed', 10)], NOW)).toMatchObject({ attainment: 0.95, status: 'at-risk' });
    expect(sloStatus({ ...slo, objective: 0.96 }, [...good.slice(0, 18), run(10, 'failed', 10)], NOW)).toMatchObject({ status: 'breached' });
    // A run still going past the threshold has already missed it; a duplicate is not counted.
    expect(sloStatus(slo, [run(5, 'running'), run(5, 'duplicate', 5)], NOW)).toMatchObject({ total: 1, good: 0, status: 'breached' });
    expect(sloStatus(slo, [run(60 * 25, 'succeeded', 10)], NOW)).toMatchObject({ total: 0, attainment: null, status: 'no-data' });
  });

  it('bands dead letters by age', () => {
    const at = (hoursAgo: number) => new Date(NOW - hoursAgo * 3_600_000).toISOString();
    expect(agingBands([at(0.5), at(2), at(30), at(24 * 10), at(24 * 9)], NOW).map((b) => b.count)).toEqual([1, 1, 1, 2]);
  });
});
