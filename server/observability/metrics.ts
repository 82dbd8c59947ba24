/**
 * Prometheus metrics (`GET /metrics`, text exposition format 0.0.4) with prom-client, on a registry of this
 * server's own (several servers in one process, as in tests, do not share counters).
 *
 * Fed by the runtime as its RunObserver (every finished attempt and run, whether or not anyone follows the
 * trace); gauges are read when scraped (dead letters, backlog); the webhook door reports
 * its accept latency (`webhookAccepted`). Names follow the Prometheus conventions (base units: seconds).
 *
 * | metric | type | labels |
 * |---|---|---|
 * | ledgerflow_runs_total | counter | flow, status (finished runs) |
 * | ledgerflow_step_duration_seconds | histogram | node_type, connection (finished attempts) |
 * | ledgerflow_step_failures_total | counter | node_type, connection |
 * | ledgerflow_step_retries_total | counter | flow, node_type (failed attempts that will be retried) |
 * | ledgerflow_dead_letters_parked | gauge | |
 * | ledgerflow_dead_letter_oldest_age_seconds | gauge | |
 * | ledgerflow_runs_active / ledgerflow_runs_queued | gauge | (backlog: accepted, not finished / waiting for a slot) |
 * | ledgerflow_webhook_accept_duration_seconds | histogram | flow, status (request in → answer out) |
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { RunObserver } from '../runtime/runtime-types.js';
import type { DeadLetterStore, RunSummary, StepRecord } from '../storage/types.js';

export interface MetricsSources {
  deadLetters?: Pick<DeadLetterStore, 'stats'>;
  /** Backlog: runs accepted and not finished, and those waiting for a slot. */
  backlog?: () => { active: number; queued: number };
  /** The connection a node calls (its compiled `connection`), for the `connection` label. */
  connectionOf?: (flowId: string, nodeId: string) => string | undefined;
  now?: () => number;
  /** Also export the process metrics (CPU, memory, event loop lag); default true. */
  processMetrics?: boolean;
}

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];

export class Metrics implements RunObserver {
  readonly registry = new Registry();
  private readonly runs: Counter<'flow' | 'status'>;
  private readonly stepDuration: Histogram<'node_type' | 'connection'>;
  private readonly stepFailures: Counter<'node_type' | 'connection'>;
  private readonly retries: Counter<'flow' | 'node_type'>;
  private readonly webhook: Histogram<'flow' | 'status'>;
  private readonly connectionOf: (flowId: string, nodeId: string) => string | undefined;

  constructor(sources: MetricsSources = {}) {
    const registers = [this.registry];
    const now = sources.now ?? Date.now;
    this.connectionOf = sources.connectionOf ?? (() => undefined);
    if (sources.processMetrics !== false) collectDefaultMetrics({ register: this.registry, prefix: 'ledgerflow_process_' });
    this.runs = new Counter({ name: 'ledgerflow_runs_total', help: 'Finished runs by flow and final status.', labelNames: ['flow', 'status'], registers });
    this.stepDuration = new Histogram({
      name: 'ledgerflow_step_duration_seconds',
      help: 'Duration of finished step attempts by node type and connection (target system).',
      labelNames: ['node_type', 'connection'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.stepFailures = new Counter({ name: 'ledgerflow_step_failures_total', help: 'Failed step attempts by node type and connection.', labelNames: ['node_type', 'connection'], registers });
    this.retries = new Counter({ name: 'ledgerflow_step_retries_total', help: 'Failed step attempts that will be retried.', labelNames: ['flow', 'node_type'], registers });
    this.webhook = new Histogram({
      name: 'ledgerflow_webhook_accept_duration_seconds',
      help: 'Time from a webhook request arriving to its answer leaving, by flow and HTTP status.',
      labelNames: ['flow', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    const { deadLetters, backlog } = sources;
    new Gauge({
      name: 'ledgerflow_dead_letters_parked',
      help: 'Runs parked in the dead-letter queue.',
      registers,
      collect() {
        this.set(deadLetters?.stats(now()).parked ?? 0);
      },
    });
    new Gauge({
      name: 'ledgerflow_dead_letter_oldest_age_seconds',
      help: 'Age of the oldest parked dead letter (0 when none).',
      registers,
      collect() {
        this.set((deadLetters?.stats(now()).oldestAgeMs ?? 0) / 1000);
      },
    });
    new Gauge({
      name: 'ledgerflow_runs_active',
      help: 'Runs accepted and not finished (executing or waiting for a slot).',
      registers,
      collect() {
        this.set(backlog?.().active ?? 0);
      },
    });
    new Gauge({
      name: 'ledgerflow_runs_queued',
      help: 'Runs accepted and waiting for an execution slot (the backlog).',
      registers,
      collect() {
        this.set(backlog?.().queued ?? 0);
      },
    });
  }

  /** Counts one trace event (call for every event the executor emits). */
  /** Counts a finished run (RunObserver). */
  runFinished(run: RunSummary): void {
    this.runs.inc({ flow: run.flowId, status: run.status });
  }

  /** Times a finished attempt and counts its failure and retry (RunObserver). */
  stepFinished(flowId: string, step: StepRecord): void {
    if (step.status === 'running') return;
    const connection = this.connectionOf(flowId, step.nodeId) ?? 'none';
    const labels = { node_type: step.nodeType, connection };
    if (step.durationMs !== undefined) this.stepDuration.observe(labels, step.durationMs / 1000);
    if (step.status === 'failed') {
      this.stepFailures.inc(labels);
      if (step.retryInMs !== undefined) this.retries.inc({ flow: flowId, node_type: step.nodeType });
    }
  }

  /** Records a webhook answer: `ms` from the request arriving to the answer being sent. */
  webhookAccepted(flowId: string, status: number, ms: number): void {
    this.webhook.observe({ flow: flowId, status: String(status) }, ms / 1000);
  }

  /** The exposition text and its content type. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
