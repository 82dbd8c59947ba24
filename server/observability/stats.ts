/**
 * Aggregates for the dashboard (`GET /api/stats`), computed from the run history's key directory: per flow,
 * runs and failures over a window, run latency percentiles, a time series in equal buckets, and the status
 * of the flow's service-level objectives (nodes/sdk/flow.ts `settings.slos`). Pure: the caller passes the
 * runs (newest first, as RunStore.scanRuns visits them) and the clock.
 *
 * Counted runs: published and replay runs (draft and CLI test runs are not service). A run is *failed* when
 * its status is failed or interrupted; `duplicate` runs count as runs, not failures.
 */
import type { Slo } from '../../nodes/sdk/flow.js';
import type { RunSummary } from '../storage/types.js';

/** Accepted `window` values of GET /api/stats and their length in ms. */
export const WINDOWS: Record<string, number> = {
  '15m': 15 * 60_000,
  '1h': 3_600_000,
  '6h': 6 * 3_600_000,
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
};

export interface StatsBucket {
  /** Bucket start, ms since the epoch. */
  t: number;
  runs: number;
  failed: number;
  /** 95th percentile duration of the runs that finished in the bucket, ms (null: none). */
  p95Ms: number | null;
}

export interface SloStatus extends Slo {
  windowMs: number;
  /** Finished runs in the SLO's window. */
  total: number;
  /** Of those, succeeded within thresholdMs. */
  good: number;
  /** good / total (null without runs). */
  attainment: number | null;
  /** Share of the error budget (1 − objective) still unspent, from 1 down (negative: overspent). */
  budgetRemaining: number | null;
  /** `at-risk`: met, but less than a quarter of the budget is left. */
  status: 'met' | 'at-risk' | 'breached' | 'no-data';
}

export interface FlowStats {
  flowId: string;
  runs: number;
  failed: number;
  running: number;
  /** failed / finished runs (null without finished runs). */
  failureRate: number | null;
  latencyMs: { p50: number | null; p95: number | null; p99: number | null };
  series: StatsBucket[];
  slos: SloStatus[];
}

/** Value at quantile q (0..1) of ascending `sorted` (nearest rank); null when empty. */
export function quantile(sorted: readonly number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function isServiceRun(run: Readonly<RunSummary>): boolean {
  return run.mode === 'published' || run.mode === 'replay';
}

const isFailure = (run: Readonly<RunSummary>) => run.status === 'failed' || run.status === 'interrupted';

/**
 * Status of one SLO over `runs` (every service run of the flow started within the SLO's window).
 * Running runs older than `thresholdMs` already missed it and count as bad.
 */
export function sloStatus(slo: Slo, runs: ReadonlyArray<Readonly<RunSummary>>, now: number): SloStatus {
  const windowMs = slo.windowMs ?? 86_400_000;
  const since = now - windowMs;
  let total = 0;
  let good = 0;
  for (const run of runs) {
    const started = Date.parse(run.startedAt);
    if (started < since) continue;
    if (run.status === 'running') {
      if (now - started > slo.thresholdMs) total++;
      continue;
    }
    if (run.status === 'duplicate') continue;
    total++;
    if (run.status === 'succeeded' && (run.durationMs ?? Infinity) <= slo.thresholdMs) good++;
  }
  const attainment = total ? good / total : null;
  const budget = 1 - slo.objective;
  const budgetRemaining = attainment === null ? null : 1 - (1 - attainment) / budget;
  const status = attainment === null ? 'no-data' : attainment < slo.objective ? 'breached' : budgetRemaining! < 0.25 ? 'at-risk' : 'met';
  return { ...slo, windowMs, total, good, attainment, budgetRemaining, status };
}

/**
 * Stats of one flow over [now − windowMs, now) in `buckets` equal buckets.
 * @param runs the flow's runs started in the window (any order; non-service runs are skipped).
 * @param sloRuns the flow's service runs over the longest SLO window (defaults to `runs`).
 */
export function flowStats(
  flowId: string,
  runs: ReadonlyArray<Readonly<RunSummary>>,
  options: { now: number; windowMs: number; buckets: number; slos?: Slo[]; sloRuns?: ReadonlyArray<Readonly<RunSummary>> },
): FlowStats {
  const { now, windowMs } = options;
  const buckets = Math.max(1, Math.floor(options.buckets));
  const bucketMs = windowMs / buckets;
  const start = now - windowMs;
  const series = Array.from({ length: buckets }, (_, i) => ({ t: Math.round(start + i * bucketMs), runs: 0, failed: 0, durations: [] as number[] }));
  const durations: number[] = [];
  let total = 0;
  let failed = 0;
  let running = 0;
  let finished = 0;
  for (const run of runs) {
    if (!isServiceRun(run)) continue;
    const started = Date.parse(run.startedAt);
    if (started < start || started >= now) continue;
    const bucket = series[Math.min(buckets - 1, Math.floor((started - start) / bucketMs))]!;
    total++;
    bucket.runs++;
    if (run.status === 'running') {
      running++;
      continue;
    }
    finished++;
    if (isFailure(run)) {
      failed++;
      bucket.failed++;
    }
    if (run.durationMs !== undefined) {
      durations.push(run.durationMs);
      bucket.durations.push(run.durationMs);
    }
  }
  durations.sort((a, b) => a - b);
  const sloRuns = (options.sloRuns ?? runs).filter(isServiceRun);
  return {
    flowId,
    runs: total,
    failed,
    running,
    failureRate: finished ? failed / finished : null,
    latencyMs: { p50: quantile(durations, 0.5), p95: quantile(durations, 0.95), p99: quantile(durations, 0.99) },
    series: series.map(({ durations: d, ...bucket }) => ({ ...bucket, p95Ms: quantile(d.sort((a, b) => a - b), 0.95) })),
    slos: (options.slos ?? []).map((slo) => sloStatus(slo, sloRuns, now)),
  };
}

/** Parked dead letters by age, for the aging chart: counts per age band. */
export function agingBands(parkedAt: ReadonlyArray<string>, now: number): Array<{ band: string; count: number }> {
  const bands = [
    { band: '< 1 h', maxMs: 3_600_000 },
    { band: '1–24 h', maxMs: 86_400_000 },
    { band: '1–7 d', maxMs: 7 * 86_400_000 },
    { band: '> 7 d', maxMs: Infinity },
  ];
  const counts = bands.map((b) => ({ band: b.band, count: 0 }));
  for (const at of parkedAt) {
    const age = now - Date.parse(at);
    const index = bands.findIndex((b) => age < b.maxMs);
    counts[index === -1 ? bands.length - 1 : index]!.count++;
  }
  return counts;
}
