/**
 * Run history as an append-only, time-partitioned log (the Bitcask pattern: append-only segments plus an
 * in-memory key directory), so that recording a run costs the same at 100 or 100,000 stored runs.
 * A single growing lowdb document would be rewritten whole on every write (14 ms per write at 1,000 runs,
 * 1.4 s at 50,000: ARCHITECTURE.md, Storage).
 *
 * Layout: `<data>/runs/<YYYY-MM-DDTHH>.ndjson`, one segment per UTC hour, one JSON record per line (the line
 * format and its payload references: run-lines.ts). Lines are written by group commit (run-writer.ts);
 * `flush()` resolves when everything recorded so far is written. The key directory (run id → summary +
 * byte ranges of its written lines) is kept in memory and rebuilt by scanning the segments at start-up.
 * Retention drops whole segments older than `retentionDays`.
 *
 * Records are kept by reference until their batch is written: callers must not change a recorded object
 * afterwards. The runtime never does, and payloads are frozen (nodes/sdk/message.ts, freezePayload).
 */
import { createReadStream } from 'node:fs';
import { mkdir, open, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { RunKeyIndex } from './run-index.js';
import { RunReader, type LogLine, type RunEnd } from './run-lines.js';
import { RunLogWriter, segmentFor, type Location } from './run-writer.js';
import type { RunFilter, RunRecord, RunStore, RunSummary, StepRecord } from './types.js';


interface Entry {
  summary: RunSummary;
  locations: Location[];
  /** Position in start order (grows by one per run; the paging cursor of indexed searches). */
  n: number;
  /** Lines of the run recorded and not written yet. */
  unwritten: number;
}

/** A time-bounded scan stops after this many runs in a row started before its range (clocks can step back a little). */
const PAST_RANGE_SLACK = 256;

/** True when a run summary passes the filter's plain fields (indexes and cursors are handled by the caller). */
function matchesFilter(run: RunSummary, filter: RunFilter): boolean {
  if (filter.flowId && run.flowId !== filter.flowId) return false;
  if (filter.flowVersion !== undefined && run.flowVersion !== filter.flowVersion) return false;
  if (filter.status && run.status !== filter.status) return false;
  if (filter.from && run.startedAt < filter.from) return false;
  if (filter.to && run.startedAt >= filter.to) return false;
  if (filter.correlationId !== undefined && run.correlationId !== filter.correlationId) return false;
  if (filter.businessKey !== undefined && !Object.values(run.businessKeys ?? {}).includes(filter.businessKey)) return false;
  return true;
}

/** The summary of a run record: without its payloads and steps. */
function summaryOf(run: Omit<RunRecord, 'steps'> & { t?: string }): RunSummary {
  const { input: _input, request: _request, t: _t, ...summary } = run;
  return { ...summary, businessKeys: { ...summary.businessKeys } };
}

export interface RunLogOptions {
  dir: string;
  /** Segments older than this are deleted (default 30 days). */
  retentionDays?: number;
  /** Longest wait of a recorded line when nobody flushes, in ms (default 5). */
  flushIntervalMs?: number;
  /** Reports damaged lines found at start-up (a crash can cut the last line of a segment). */
  onWarning?: (message: string) => void;
  /** Injectable clock (ms since epoch). */
  now?: () => number;
}

/** getRun reads the span of a run's lines in a segment with one read when it is at most this long. */
const SPAN_READ_BYTES = 256 * 1024;

/** What the recording methods return: the record is taken (it is durable once `flush()` resolves). */
const DONE: Promise<void> = Promise.resolve();

const SEGMENT = /^(\d{4}-\d{2}-\d{2}T\d{2})\.ndjson$/;

export class RunLog implements RunStore {
  private readonly index = new Map<string, Entry>();
  /** Business key values and correlation ids → run ids (run-index.ts). */
  private readonly keys = new RunKeyIndex();
  private counter = 0;
  /** Run ids in the order they started (oldest first). */
  private order: string[] = [];
  private readonly writer: RunLogWriter;
  private retentionTimer: NodeJS.Timeout | undefined;
  private readonly now: () => number;

  private constructor(private readonly options: Required<Omit<RunLogOptions, 'now' | 'onWarning'>> & Pick<RunLogOptions, 'onWarning'>, now?: () => number) {
    this.now = now ?? Date.now;
    this.writer = new RunLogWriter({
      dir: options.dir,
      flushIntervalMs: options.flushIntervalMs,
      now: this.now,
      onWarning: options.onWarning,
      onWritten: (runId, location) => {
        const entry = this.index.get(runId);
        if (!entry) return;
        entry.locations.push(location);
        entry.unwritten--;
      },
    });
  }

  /** Opens (and indexes) the log in `options.dir`, creating it if needed. */
  static async open(options: RunLogOptions): Promise<RunLog> {
    const log = new RunLog(
      { dir: options.dir, retentionDays: options.retentionDays ?? 30, flushIntervalMs: options.flushIntervalMs ?? 5, onWarning: options.onWarning },
      options.now,
    );
    await mkdir(options.dir, { recursive: true });
    await log.applyRetention();
    await log.rebuildIndex();
    log.retentionTimer = setInterval(() => void log.applyRetention(), 3_600_000);
    log.retentionTimer.unref();
    return log;
  }

  private async segments(): Promise<string[]> {
    return (await readdir(this.options.dir)).filter((name) => SEGMENT.test(name)).sort();
  }

  private async rebuildIndex(): Promise<void> {
    for (const segment of await this.segments()) {
      const path = join(this.options.dir, segment);
      let offset = 0;
      let lineNo = 0;
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      for await (const text of lines) {
        lineNo++;
        const length = Buffer.byteLength(text) + 1;
        const location = { segment, offset, length };
        offset += length;
        if (!text.trim()) continue;
        let line: LogLine;
        try {
          line = JSON.parse(text) as LogLine;
        } catch {
          this.options.onWarning?.(`run history ${segment} line ${lineNo}: damaged record skipped (${text.length} bytes)`);
          continue;
        }
        if (line.t === 'r') this.applyRun(summaryOf(line));
        else if (line.t === 's') this.applyStep(line.runId, line.seq, line.businessKeys);
        else {
          const { t: _t, runId, ...end } = line;
          this.applyEnd(runId, end);
        }
        this.locate(line.t === 'r' ? line.id : line.runId, location);
      }
      this.writer.sizes.set(segment, (await stat(path)).size);
    }
  }

  /** Adds a started run to the key directory (when it is recorded, or read at start-up). */
  private applyRun(summary: RunSummary): Entry {
    const entry: Entry = { summary, locations: [], n: this.counter++, unwritten: 0 };
    this.index.set(summary.id, entry);
    this.order.push(summary.id);
    this.keys.addCorrelation(summary.id, summary.correlationId);
    this.keys.addBusinessKeys(summary.id, summary.businessKeys);
    return entry;
  }

  /** A step's number, and the business keys it found (searchable while the run is still going). */
  private applyStep(runId: string, seq: number, businessKeys: Record<string, string> | undefined): Entry | undefined {
    const entry = this.index.get(runId);
    if (!entry) return undefined;
    if (seq > entry.summary.stepCount) entry.summary.stepCount = seq;
    if (businessKeys) {
      Object.assign(entry.summary.businessKeys, businessKeys);
      this.keys.addBusinessKeys(runId, businessKeys);
    }
    return entry;
  }

  private applyEnd(runId: string, end: RunEnd): Entry | undefined {
    const entry = this.index.get(runId);
    if (!entry) return undefined;
    Object.assign(entry.summary, end);
    this.keys.addBusinessKeys(runId, end.businessKeys);
    if (end.status) this.keys.addStatus(runId, end.status);
    return entry;
  }

  /** Adds a written line's byte range to its run (only written lines are located: getRun reads them). */
  private locate(runId: string, location: Location): void {
    this.index.get(runId)?.locations.push(location);
  }

  startRun(run: RunRecord): Promise<void> {
    const { steps: _steps, ...rest } = run;
    const line = { ...rest, businessKeys: { ...rest.businessKeys }, stepCount: 0 };
    this.applyRun(summaryOf(line)).unwritten++;
    this.writer.run(line);
    return DONE;
  }

  /** Records a state of a step (`step` is kept as it is until written: it must not change afterwards). */
  recordStep(step: StepRecord): Promise<void> {
    const entry = this.applyStep(step.runId, step.seq, step.businessKeys);
    if (this.writer.step(step) && entry) entry.unwritten++;
    return DONE;
  }

  finishRun(runId: string, end: RunEnd): Promise<void> {
    const entry = this.applyEnd(runId, end);
    this.writer.end(runId, end);
    if (entry) entry.unwritten++;
    return DONE;
  }

  /** Resolves when every line recorded so far is written (RunLogWriter.flush). */
  flush(): Promise<void> {
    return this.writer.flush();
  }

  async getRun(runId: string): Promise<RunRecord | undefined> {
    const entry = this.index.get(runId);
    if (!entry) return undefined;
    // Summary and lines as of one moment, once every line the run recorded is written (a run that records
    // while a flush is in flight may need a few; one that never stops may show a summary ahead of its lines).
    for (let i = 0; i < 5 && entry.unwritten > 0; i++) await this.flush();
    const summary = { ...entry.summary };
    const locations = entry.locations.slice();
    const bySegment = new Map<string, Location[]>();
    for (const location of locations) {
      const list = bySegment.get(location.segment) ?? [];
      list.push(location);
      bySegment.set(location.segment, list);
    }
    const reader = new RunReader();
    for (const [segment, locations] of bySegment) {
      const handle = await open(join(this.options.dir, segment), 'r');
      try {
        // A run's lines are usually near each other: one read of their span, unless it is large.
        const from = Math.min(...locations.map((l) => l.offset));
        const to = Math.max(...locations.map((l) => l.offset + l.length));
        const span = to - from <= SPAN_READ_BYTES ? Buffer.alloc(to - from) : undefined;
        if (span) await handle.read(span, 0, span.length, from);
        for (const location of locations) {
          let bytes: Buffer;
          if (span) bytes = span.subarray(location.offset - from, location.offset - from + location.length);
          else {
            bytes = Buffer.alloc(location.length);
            await handle.read(bytes, 0, location.length, location.offset);
          }
          reader.add(JSON.parse(bytes.toString('utf8')) as LogLine);
        }
      } finally {
        await handle.close();
      }
    }
    return reader.record(summary);
  }

  /**
   * Newest first. A business key, correlation id or rare status (failed, interrupted, duplicate) is looked
   * up in its index (cost: the runs that carry it); other filters scan the start order from the newest run
   * (a `from` bound ends the scan).
   */
  async listRuns(filter: RunFilter): Promise<RunSummary[]> {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 500);
    const out: RunSummary[] = [];
    const keyed =
      filter.businessKey !== undefined
        ? this.keys.runsWithKey(filter.businessKey)
        : filter.correlationId !== undefined
          ? this.keys.runsWithCorrelation(filter.correlationId)
          : filter.status !== undefined
            ? this.keys.runsWithStatus(filter.status)
            : undefined;
    if (keyed) {
      // Keys are indexed when a run records them (often at its end), so the list is not in start order.
      const beforeN = filter.before ? (this.index.get(filter.before)?.n ?? Infinity) : Infinity;
      const found = new Map<string, Entry>();
      for (const id of keyed) {
        const entry = this.index.get(id);
        if (entry && entry.n < beforeN && matchesFilter(entry.summary, filter)) found.set(id, entry);
      }
      return [...found.values()].sort((a, b) => b.n - a.n).slice(0, limit).map((entry) => ({ ...entry.summary }));
    }
    let i = this.order.length - 1;
    if (filter.before) {
      const at = this.order.lastIndexOf(filter.before);
      if (at >= 0) i = at - 1;
    }
    let pastRange = 0;
    for (; i >= 0 && out.length < limit; i--) {
      const entry = this.index.get(this.order[i]!);
      if (!entry) continue;
      if (filter.from && entry.summary.startedAt < filter.from) {
        if (++pastRange >= PAST_RANGE_SLACK) break;
        continue;
      }
      pastRange = 0;
      if (matchesFilter(entry.summary, filter)) out.push({ ...entry.summary });
    }
    return out;
  }

  scanRuns(range: { flowId?: string; from?: string; to?: string }, visit: (run: Readonly<RunSummary>) => boolean | void): void {
    let pastRange = 0;
    for (let i = this.order.length - 1; i >= 0; i--) {
      const entry = this.index.get(this.order[i]!);
      if (!entry) continue;
      const run = entry.summary;
      if (range.from && run.startedAt < range.from) {
        if (++pastRange >= PAST_RANGE_SLACK) break;
        continue;
      }
      pastRange = 0;
      if (range.to && run.startedAt >= range.to) continue;
      if (range.flowId && run.flowId !== range.flowId) continue;
      if (visit(run) === false) break;
    }
  }

  /** Deletes segments older than the retention period and forgets their runs. */
  async applyRetention(): Promise<void> {
    const cutoff = segmentFor(this.now() - this.options.retentionDays * 86_400_000);
    for (const segment of await this.segments()) {
      if (segment >= cutoff) break;
      await rm(join(this.options.dir, segment), { force: true });
      this.writer.sizes.delete(segment);
      for (const [runId, entry] of this.index) if (entry.locations[0]?.segment === segment) this.index.delete(runId);
    }
    if (this.order.length > this.index.size * 2) {
      this.order = this.order.filter((id) => this.index.has(id));
      this.keys.prune((id) => this.index.has(id));
    }
  }

  /** Runs with no end record: cut off by a stop, to be resumed. Oldest first. */
  unfinished(): RunSummary[] {
    const out: RunSummary[] = [];
    for (const id of this.order) {
      const entry = this.index.get(id);
      if (entry && entry.summary.status === 'running') out.push({ ...entry.summary });
    }
    return out;
  }

  /** Number of runs in the key directory. */
  get size(): number {
    return this.index.size;
  }

  async close(): Promise<void> {
    if (this.retentionTimer) clearInterval(this.retentionTimer);
    await this.writer.close();
  }
}
