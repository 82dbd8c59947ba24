/**
 * The recent trace events of recent runs, kept in memory so that a client that reconnects can be sent what
 * it missed (case T1) without reading the run record. Bounded three times: at most `maxEventsPerRun` latest
 * events per run, at most `maxRuns` runs (the run whose last event is oldest goes first), and at most
 * `maxFinishedRuns` finished runs (the first to finish go first: their record is complete, and their
 * payloads should not be kept alive for long). Events older than the buffer are rebuilt from the stored
 * run record (runtime/trace-numbering.ts).
 */
import type { TraceEvent } from '../storage/types.js';

export interface TraceBufferOptions {
  /** Runs kept (default 2000). */
  maxRuns?: number;
  /** Latest events kept per run (default 1000). */
  maxEventsPerRun?: number;
  /** Finished runs kept (default 200). */
  maxFinishedRuns?: number;
}

interface BufferedRun {
  flowId: string;
  events: TraceEvent[];
  finished: boolean;
}

export class TraceBuffer {
  /** Map order is recency: a run moves to the end on each of its events. */
  private readonly runs = new Map<string, BufferedRun>();
  private readonly maxRuns: number;
  private readonly maxEventsPerRun: number;
  private readonly maxFinishedRuns: number;
  /** Finished run ids in the order they finished; `finishedHead` is the oldest still counted. */
  private finishedOrder: string[] = [];
  private finishedHead = 0;

  constructor(options: TraceBufferOptions = {}) {
    this.maxRuns = options.maxRuns ?? 2000;
    this.maxEventsPerRun = options.maxEventsPerRun ?? 1000;
    this.maxFinishedRuns = options.maxFinishedRuns ?? 200;
  }

  add(event: TraceEvent): void {
    let run = this.runs.get(event.runId);
    if (run) {
      // Move to the end (most recent) only when it is not there already: cheap under a burst of one run.
      this.runs.delete(event.runId);
    } else {
      run = { flowId: event.flowId, events: [], finished: false };
    }
    this.runs.set(event.runId, run);
    run.events.push(event);
    if (event.kind === 'run.finished' && !run.finished) {
      run.finished = true;
      this.finishedOrder.push(event.runId);
      while (this.finishedOrder.length - this.finishedHead > this.maxFinishedRuns) {
        const oldest = this.finishedOrder[this.finishedHead++]!;
        if (this.runs.get(oldest)?.finished) this.runs.delete(oldest);
      }
      if (this.finishedHead > 4096) {
        this.finishedOrder = this.finishedOrder.slice(this.finishedHead);
        this.finishedHead = 0;
      }
    }
    // Trim by half a window at a time, so that trimming is amortised O(1) per event.
    if (run.events.length > this.maxEventsPerRun) run.events.splice(0, run.events.length - Math.ceil(this.maxEventsPerRun / 2));
    if (this.runs.size > this.maxRuns) {
      const oldest = this.runs.keys().next().value;
      if (oldest !== undefined) this.runs.delete(oldest);
    }
  }

  /**
   * The buffered events of a run numbered above `afterSeq`, in order; `complete` is true when the buffer
   * holds every event after `afterSeq` that was sent so far (its first event is at most `afterSeq + 1`).
   */
  since(runId: string, afterSeq: number): { events: TraceEvent[]; complete: boolean; known: boolean } {
    const run = this.runs.get(runId);
    if (!run || run.events.length === 0) return { events: [], complete: false, known: false };
    const first = run.events[0]!.seq;
    return { events: run.events.filter((e) => e.seq > afterSeq), complete: first <= afterSeq + 1, known: true };
  }

  /** Ids of the buffered runs of a flow whose id sorts after `afterRunId` (run ids are time-sortable). */
  runsOf(flowId: string, afterRunId: string): string[] {
    const out: string[] = [];
    for (const [runId, run] of this.runs) if (run.flowId === flowId && runId > afterRunId) out.push(runId);
    return out;
  }

  get size(): number {
    return this.runs.size;
  }
}
