/**
 * The scheduler: runs the `trigger.schedule` nodes of every published flow (their latest version), and
 * starts one on demand (`runNow`, behind `POST /api/schedules/:flowId/:nodeId/run`) so a scheduled flow can
 * be tried without waiting for its next tick. Follows publishing and deletion through PublishedFlows.
 *
 * Rules: a tick is skipped while the previous run of the same trigger is still going (croner's overrun
 * protection plus our own count, so a manual run also blocks a tick); ticks missed while the server was
 * down are not caught up; with `enabled: false` (tests) nothing fires by itself, but schedules are listed
 * and `runNow` works.
 */
import type { Cron } from 'croner';
import type { Logger } from 'pino';
import { LedgerflowError } from '../../nodes/sdk/errors.js';
import type { Json } from '../../nodes/sdk/message.js';
import { cronJob, describeSchedule, type ScheduleTriggerConfig } from '../../nodes/trigger.schedule.js';
import type { CompiledFlow, CompiledNode } from './compile.js';
import type { Executor, StartedRun } from './executor.js';
import type { PublishedFlows } from './published.js';

/** A schedule trigger as `GET /api/schedules` shows it. Times are ISO 8601 (UTC). */
export interface ScheduleInfo {
  flowId: string;
  flowVersion: number;
  nodeId: string;
  name?: string;
  /** `cron "0 6 * * *" (UTC)` or `every 60 s`. */
  schedule: string;
  /** Next tick; absent when the scheduler does not fire by itself (disabled). */
  nextRunAt?: string;
  lastRunAt?: string;
  lastRunId?: string;
  /** Runs of this trigger still going. */
  running: number;
}

interface Job {
  compiled: CompiledFlow;
  trigger: CompiledNode;
  config: ScheduleTriggerConfig;
  cron: Cron;
  running: number;
  lastRunAt?: string;
  lastRunId?: string;
}

export interface SchedulerOptions {
  published: PublishedFlows;
  executor: Executor;
  log: Logger;
  /** Fire ticks (default true). Off: schedules are listed and can be run on demand only. */
  enabled?: boolean;
  now?: () => number;
}

const jobKey = (flowId: string, nodeId: string) => `${flowId}\u0000${nodeId}`;

export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private unsubscribe: (() => void) | undefined;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Schedules every published flow's triggers and follows later publishing. */
  start(): void {
    for (const compiled of this.options.published.all()) this.sync(compiled.flow.id, compiled);
    this.unsubscribe = this.options.published.onChange((flowId, compiled) => this.sync(flowId, compiled));
  }

  stop(): void {
    this.unsubscribe?.();
    for (const job of this.jobs.values()) job.cron.stop();
    this.jobs.clear();
  }

  /** Replaces the jobs of `flowId` with those of `compiled` (none when withdrawn). */
  private sync(flowId: string, compiled: CompiledFlow | undefined): void {
    for (const [key, job] of this.jobs) {
      if (job.compiled.flow.id !== flowId) continue;
      job.cron.stop();
      this.jobs.delete(key);
    }
    if (!compiled) return;
    for (const trigger of compiled.triggers) {
      if (trigger.node.type !== 'trigger.schedule') continue;
      const config = trigger.config as ScheduleTriggerConfig;
      const job: Job = { compiled, trigger, config, running: 0, cron: undefined as unknown as Cron };
      job.cron = this.options.enabled === false ? cronJob(config) : cronJob(config, () => this.tick(job));
      this.jobs.set(jobKey(flowId, trigger.node.id), job);
      this.options.log.info({ flowId, nodeId: trigger.node.id, schedule: describeSchedule(config), version: compiled.version }, 'schedule trigger armed');
    }
  }

  private tick(job: Job): void {
    if (job.running > 0) {
      this.options.log.warn({ flowId: job.compiled.flow.id, nodeId: job.trigger.node.id }, 'schedule tick skipped: the previous run is still going');
      return;
    }
    this.fire(job, false);
  }

  private fire(job: Job, manual: boolean): StartedRun {
    const firedMs = this.now();
    const scheduledFor = manual ? null : (job.cron.currentRun() ?? new Date(firedMs)).toISOString();
    const input: Json = { firedAt: new Date(firedMs).toISOString(), scheduledFor, schedule: describeSchedule(job.config), manual };
    const run = this.options.executor.start({ compiled: job.compiled, mode: 'published', triggerNodeId: job.trigger.node.id, input });
    job.running++;
    job.lastRunAt = new Date(firedMs).toISOString();
    job.lastRunId = run.runId;
    void run.done.finally(() => {
      job.running--;
    });
    return run;
  }

  /**
   * Starts a run of the schedule trigger `nodeId` of the published flow now (whether or not a run is going).
   * @throws LedgerflowError `not-found` when the published flow has no such schedule trigger.
   */
  runNow(flowId: string, nodeId: string): StartedRun {
    const job = this.jobs.get(jobKey(flowId, nodeId));
    if (!job) throw new LedgerflowError('not-found', `The published flow "${flowId}" has no schedule trigger "${nodeId}"`);
    return this.fire(job, true);
  }

  list(): ScheduleInfo[] {
    return [...this.jobs.values()].map((job) => {
      const next = this.options.enabled === false ? null : job.cron.nextRun();
      return {
        flowId: job.compiled.flow.id,
        flowVersion: job.compiled.version,
        nodeId: job.trigger.node.id,
        ...(job.trigger.node.name ? { name: job.trigger.node.name } : {}),
        schedule: describeSchedule(job.config),
        ...(next ? { nextRunAt: next.toISOString() } : {}),
        ...(job.lastRunAt ? { lastRunAt: job.lastRunAt } : {}),
        ...(job.lastRunId ? { lastRunId: job.lastRunId } : {}),
        running: job.running,
      };
    });
  }
}
