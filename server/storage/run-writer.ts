/**
 * The write side of the run log (run-log.ts): lines queue in memory per hourly segment and are written by
 * group commit, serialised only then (run-lines.ts), so a state of a step superseded before its batch is
 * written (a start, once the step has ended) is never written, and each payload is on disk once per run.
 *
 * The write happens once the current turn of the event loop is done (setImmediate) when someone flushes —
 * every run that answers its caller in this turn shares it — else after `flushIntervalMs`. It is one
 * synchronous append per segment: a page-cache write of a few kB, as pino's destination does; an
 * asynchronous write cost more in thread-pool hand-offs and promises than the write itself (W1).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { endLineText, runLineText, stepLineText, unrecordableLineText, WrittenPayloads, type RunEnd } from './run-lines.js';
import type { RunRecord, StepRecord } from './types.js';

/** Where a written line is: its segment file and byte range. */
export interface Location {
  segment: string;
  offset: number;
  length: number;
}

/** A recorded line waiting for its batch to be written (serialised when it is: run-lines.ts). */
type PendingLine =
  | { t: 'r'; runId: string; run: Omit<RunRecord, 'steps'> }
  | { t: 's'; runId: string; step: StepRecord }
  | { t: 'f'; runId: string; end: RunEnd };

/** Where the latest state of a step that has not ended waits to be written (replaced by the next one until then). */
interface OpenStep {
  batch: PendingLine[];
  index: number;
}

let segmentHour = Number.NaN;
let segmentName = '';

/** The segment of a time: its UTC hour. Cached per hour (every recorded line asks; toISOString costs ~0.8 µs). */
export function segmentFor(ms: number): string {
  const hour = Math.floor(ms / 3_600_000);
  if (hour !== segmentHour) {
    segmentName = `${new Date(ms).toISOString().slice(0, 13)}.ndjson`;
    segmentHour = hour;
  }
  return segmentName;
}

export interface RunLogWriterOptions {
  dir: string;
  /** Longest wait of a recorded line when nobody flushes, in ms. */
  flushIntervalMs: number;
  now: () => number;
  /** Called for each line once it is on disk (in the order written). */
  onWritten: (runId: string, location: Location) => void;
  onWarning?: (message: string) => void;
}

export class RunLogWriter {
  /** Bytes in each segment file (the offset of its next line). */
  readonly sizes = new Map<string, number>();
  private pending = new Map<string, PendingLine[]>();
  /** `<runId>:<seq>` of steps recorded as running whose state is not written yet. */
  private readonly openSteps = new Map<string, OpenStep>();
  /** Payloads on disk per run not ended yet (written once per run: run-lines.ts). */
  private readonly written = new Map<string, WrittenPayloads>();
  /** Open append descriptors of segments (see `appender`). */
  private readonly fds = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  /** The write at the end of this turn of the event loop, which every flush until then joins. */
  private scheduled: Promise<void> | undefined;
  /** Set by a failed write: later writes do not happen and every flush rejects with it. */
  private failed: Error | undefined;

  constructor(private readonly options: RunLogWriterOptions) {}

  /** Queues a run's start line (`run` must not change until written). */
  run(run: Omit<RunRecord, 'steps'>): void {
    this.append({ t: 'r', runId: run.id, run });
  }

  /**
   * Queues a state of a step (`step` must not change until written). A state not written yet is replaced in
   * its batch by the next one (the later line wins on reading anyway).
   * @returns true when a line was added, false when it replaced one waiting.
   */
  step(step: StepRecord): boolean {
    const key = `${step.runId}:${step.seq}`;
    const open = this.openSteps.get(key);
    const line: PendingLine = { t: 's', runId: step.runId, step };
    const running = step.status === 'running';
    if (open) {
      open.batch[open.index] = line;
      if (!running) this.openSteps.delete(key);
      return false;
    }
    const at = this.append(line);
    if (running) this.openSteps.set(key, at);
    return true;
  }

  /** Queues a run's end line. */
  end(runId: string, end: RunEnd): void {
    this.append({ t: 'f', runId, end });
  }

  /** Queues a line for the next group commit; returns where it waits. */
  private append(line: PendingLine): OpenStep {
    const segment = segmentFor(this.options.now());
    let batch = this.pending.get(segment);
    if (!batch) this.pending.set(segment, (batch = []));
    batch.push(line);
    this.timer ??= setTimeout(() => this.flush().catch(() => undefined), this.options.flushIntervalMs); // a failure is kept in `failed`
    return { batch, index: batch.length - 1 };
  }

  /**
   * Serialises a batch taken for writing: its text, and the byte range of each line (registered once the
   * text is on disk). Running steps of the batch become written: their next state is a line of its own.
   */
  private serialise(segment: string, batch: PendingLine[]): { text: string; located: Array<[string, Location]> } {
    let offset = this.sizes.get(segment) ?? 0;
    const texts: string[] = [];
    const located: Array<[string, Location]> = [];
    for (let i = 0; i < batch.length; i++) {
      const line = batch[i]!;
      let written = this.written.get(line.runId);
      if (!written) this.written.set(line.runId, (written = new WrittenPayloads()));
      let text: string;
      try {
        text = line.t === 'r' ? runLineText(line.run, written) : line.t === 's' ? stepLineText(line.step, written) : endLineText(line.runId, line.end);
      } catch (error) {
        // A record JSON cannot hold (nesting too deep for the stack): kept without its payloads, saying why,
        // so that one bad record neither stops the log nor takes the rest of its batch with it.
        text = unrecordableLineText(line, (error as Error).message);
        this.options.onWarning?.(`run ${line.runId}: a ${line.t === 'r' ? 'run start' : line.t === 's' ? 'step' : 'run end'} was recorded without its payloads: ${(error as Error).message}`);
      }
      if (line.t === 's') {
        if (line.step.status === 'running') {
          const key = `${line.runId}:${line.step.seq}`;
          const open = this.openSteps.get(key);
          if (open?.batch === batch && open.index === i) this.openSteps.delete(key);
        }
      } else if (line.t === 'f') {
        this.written.delete(line.runId);
      }
      const length = Buffer.byteLength(text);
      texts.push(text);
      located.push([line.runId, { segment, offset, length }]);
      offset += length;
    }
    this.sizes.set(segment, offset);
    return { text: texts.join(''), located };
  }

  /**
   * Resolves when every line recorded so far is written. Group commit: the write happens once the current
   * turn of the event loop is done (setImmediate), so every run that answers in this turn shares it, and it
   * is one synchronous append per segment (a page-cache write of a few kB, as pino's destination does: an
   * asynchronous write cost more in thread-pool hand-offs and promises than the write itself, W1).
   * @throws the write's error (disk full, folder gone), for this and every later flush.
   */
  flush(): Promise<void> {
    if (this.failed) return Promise.reject(this.failed);
    if (this.pending.size === 0) return Promise.resolve();
    this.scheduled ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        this.scheduled = undefined;
        try {
          this.writePending();
          resolve();
        } catch (error) {
          reject(error as Error);
        }
      });
    });
    return this.scheduled;
  }

  /** Writes every pending batch now and reports where each line went. */
  private writePending(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.failed) throw this.failed;
    const batches = this.pending;
    this.pending = new Map();
    try {
      for (const [segment, batch] of batches) {
        const { text, located } = this.serialise(segment, batch);
        const bytes = Buffer.from(text, 'utf8');
        const fd = this.appender(segment);
        for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
        for (const [runId, location] of located) this.options.onWritten(runId, location);
      }
    } catch (error) {
      this.failed = error as Error;
      this.options.onWarning?.(`run history could not be written: ${(error as Error).message}; answers are refused until a restart`);
      throw error;
    }
  }

  /**
   * The open append descriptor of a segment (kept open: an open/write/close per group commit tripled its
   * latency under load). Descriptors of earlier segments are closed when the hour turns.
   */
  private appender(segment: string): number {
    let fd = this.fds.get(segment);
    if (fd === undefined) {
      fd = openSync(join(this.options.dir, segment), 'a');
      for (const [other, old] of this.fds) {
        if (other < segment) {
          this.fds.delete(other);
          closeSync(old);
        }
      }
      this.fds.set(segment, fd);
    }
    return fd;
  }

  /** Writes what is pending and closes the segment files. */
  async close(): Promise<void> {
    await this.flush();
    for (const fd of this.fds.values()) closeSync(fd);
    this.fds.clear();
  }
}
