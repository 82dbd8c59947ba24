/**
 * Live traces over socket.io, resumable (case T1). A client emits `subscribe` and receives `trace` events
 * (TraceEvent in storage/types.ts, numbered per run by `seq`); `unsubscribe` stops them.
 *
 * - `{ runId }` joins the run's room (live events only); `{ runId, afterSeq }` first sends every event of
 *   the run numbered above `afterSeq`, in order, then joins: `afterSeq: 0` after a drop that came before
 *   the first event, the last `seq` seen otherwise.
 * - `{ flowId }` joins the flow's room; the ack carries a `cursor`. `{ flowId, after: { [runId]: seq },
 *   since: cursor }` first catches up the listed runs from their numbers and sends in full the runs of the
 *   flow that started after `since` and are not listed (those the client never saw), then joins.
 *
 * What was missed comes from a bounded in-memory buffer of recent events (trace-buffer.ts) and, for events
 * older than it, from the stored run record (runtime/trace-numbering.ts). The catch-up is sent and the room
 * joined in one synchronous step after the last read, so no live event falls between the two and none is
 * sent twice. The runtime asks `wants(flowId, runId)` before it builds an event: a run nobody follows (no
 * member in its run or flow room, no catch-up in progress) costs no event at all, and its events are
 * rebuilt from its record by whoever subscribes later. While any catch-up is in progress every event is
 * built and buffered, so none falls between the record read and the join.
 *
 * `batch: true` in a subscription asks for live events in batches: a `traces` event carrying an array per
 * room, sent once the current turn of the event loop is done (or after `batchMs`). A flow under load
 * produces tens of thousands of events a second; one message per batch instead of one per event is what
 * lets a browser keep up (W5), and waiting no longer than the turn adds no delay of its own.
 */
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { eventsFromRecord, lastTraceSeq } from '../runtime/trace-numbering.js';
import type { RunRecord, RunStore, TraceEvent } from '../storage/types.js';
import { TraceBuffer, type TraceBufferOptions } from './trace-buffer.js';

type Subscription = { flowId?: unknown; runId?: unknown; afterSeq?: unknown; after?: unknown; since?: unknown; batch?: unknown };
const BATCHED = '+batch';
type Ack = (answer: unknown) => void;

/** Runs of a flow sent in full at most on one resume (the newest ones). */
const MAX_DISCOVERED_RUNS = 500;

/** A flow cursor: `run_` + the time in base 36 (sorts before every run id started at or after that ms). */
export function cursorAt(ms: number): string {
  return `run_${ms.toString(36).padStart(9, '0')}`;
}

function cursorTime(cursor: string): number | undefined {
  const ms = parseInt(cursor.slice(4, 13), 36);
  return /^run_[0-9a-z]{9}/.test(cursor) && Number.isFinite(ms) ? ms : undefined;
}

function roomOf(subscription: Subscription): string | undefined {
  if (typeof subscription?.runId === 'string' && subscription.runId) return `run:${subscription.runId}`;
  if (typeof subscription?.flowId === 'string' && subscription.flowId) return `flow:${subscription.flowId}`;
  return undefined;
}

const isSeq = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

export interface TraceHubOptions {
  /** Where events older than the buffer are read from (no record catch-up without it). */
  runs?: RunStore;
  buffer?: TraceBufferOptions;
  now?: () => number;
  /** Longest wait of an event in a batch, ms (default 0: a batch is what one turn of the event loop produced). */
  batchMs?: number;
  /** Whether to accept a socket.io handshake (the host guard: no DNS-rebound page may watch traces). */
  allowRequest?: (req: IncomingMessage) => boolean;
}

export class TraceHub {
  readonly io: Server;
  readonly buffer: TraceBuffer;
  private readonly runs: RunStore | undefined;
  private readonly now: () => number;
  private readonly batchMs: number;
  /** Batched rooms → events waiting for the next flush. */
  private pending = new Map<string, TraceEvent[]>();
  private batchTimer: NodeJS.Timeout | NodeJS.Immediate | undefined;
  /** Catch-ups in progress (while any runs, every event is wanted and buffered). */
  private catchingUp = 0;

  constructor(server: HttpServer, options: TraceHubOptions = {}) {
    this.batchMs = options.batchMs ?? 0;
    this.io = new Server(server, {
      serveClient: false,
      cors: { origin: false },
      ...(options.allowRequest ? { allowRequest: (req, callback) => callback(null, options.allowRequest!(req)) } : {}),
    });
    this.buffer = new TraceBuffer(options.buffer);
    this.runs = options.runs;
    this.now = options.now ?? Date.now;
    this.io.on('connection', (socket) => {
      socket.on('subscribe', (subscription: Subscription, ack?: Ack) => {
        void this.subscribe(socket, subscription).then(
          (answer) => ack?.(answer),
          (error: unknown) => ack?.({ ok: false, error: `catch-up failed: ${(error as Error).message}` }),
        );
      });
      socket.on('unsubscribe', (subscription: Subscription, ack?: Ack) => {
        const room = roomOf(subscription);
        if (room) {
          void socket.leave(room);
          void socket.leave(room + BATCHED);
        }
        ack?.({ ok: true });
      });
    });
  }

  private async subscribe(socket: Socket, subscription: Subscription): Promise<unknown> {
    const base = roomOf(subscription);
    if (!base) return { ok: false, error: 'subscribe with { flowId } or { runId }' };
    const room = subscription.batch === true ? base + BATCHED : base;
    const cursor = cursorAt(this.now());
    if (typeof subscription.runId === 'string' && subscription.runId) {
      if (!isSeq(subscription.afterSeq)) {
        void socket.join(room);
        return { ok: true };
      }
      const replayed = await this.catchUp(socket, room, new Map([[subscription.runId, subscription.afterSeq]]));
      return { ok: true, replayed };
    }
    const flowId = subscription.flowId as string;
    const after = new Map<string, number>();
    if (subscription.after && typeof subscription.after === 'object') {
      for (const [runId, seq] of Object.entries(subscription.after as Record<string, unknown>)) if (isSeq(seq)) after.set(runId, seq);
    }
    const since = typeof subscription.since === 'string' && cursorTime(subscription.since) !== undefined ? subscription.since : undefined;
    if (!after.size && !since) {
      void socket.join(room);
      return { ok: true, cursor };
    }
    const replayed = await this.catchUp(socket, room, after, { flowId, since: since ?? cursor });
    return { ok: true, cursor, replayed };
  }

  /**
   * Sends `socket` every event it missed: of each run in `after` numbered above its entry, and (for a flow)
   * every event of the flow's runs that started after `discover.since` and are not in `after`. Then joins.
   * @returns the number of events sent.
   */
  private async catchUp(socket: Socket, room: string, after: Map<string, number>, discover?: { flowId: string; since: string }): Promise<number> {
    this.catchingUp++;
    try {
      return await this.catchUpWanted(socket, room, after, discover);
    } finally {
      this.catchingUp--;
    }
  }

  private async catchUpWanted(socket: Socket, room: string, after: Map<string, number>, discover?: { flowId: string; since: string }): Promise<number> {
    // Out of the room while catching up: whatever is published meanwhile is in the buffer and sent below.
    await socket.leave(room);
    const targets = new Map(after);
    if (discover && this.runs) {
      const from = new Date(cursorTime(discover.since)!).toISOString();
      const stored = await this.runs.listRuns({ flowId: discover.flowId, from, limit: MAX_DISCOVERED_RUNS });
      for (const run of stored) if (run.id > discover.since && !targets.has(run.id)) targets.set(run.id, 0);
    }
    const records = new Map<string, RunRecord | undefined>();
    for (let round = 0; ; round++) {
      // Read what the buffer cannot give (asynchronously), then check again and send (synchronously).
      for (const [runId, afterSeq] of targets) {
        if (records.has(runId) || !this.runs) continue;
        if (!this.buffer.since(runId, afterSeq).complete) records.set(runId, await this.runs.getRun(runId));
      }
      if (discover) for (const runId of this.buffer.runsOf(discover.flowId, discover.since)) if (!targets.has(runId)) targets.set(runId, 0);
      const batch: TraceEvent[][] = [];
      let gap = false;
      for (const runId of [...targets.keys()].sort()) {
        const events = this.missed(runId, targets.get(runId)!, records);
        if (events === 'gap') gap = true;
        else batch.push(events);
      }
      if (gap && round < 3) {
        for (const runId of targets.keys()) records.delete(runId);
        continue;
      }
      // Batches queued before the join go to the members they were queued for, not to this socket.
      this.flushBatches();
      let sent = 0;
      for (const events of batch) {
        for (const event of events) socket.emit('trace', event);
        sent += events.length;
      }
      void socket.join(room);
      return sent;
    }
  }

  /** The events of one run above `afterSeq` from buffer and record, or 'gap' when the record read is too old. */
  private missed(runId: string, afterSeq: number, records: Map<string, RunRecord | undefined>): TraceEvent[] | 'gap' {
    const buffered = this.buffer.since(runId, afterSeq);
    if (buffered.complete) return buffered.events;
    const record = records.get(runId);
    if (!record) {
      // Not in the record (yet): a run whose record was not read (no store) or that does not exist.
      return records.has(runId) || !this.runs ? buffered.events : 'gap';
    }
    const firstBuffered = buffered.events[0]?.seq ?? Infinity;
    // A running run's record read before the buffer's oldest event was sent: the events between are missing.
    if (buffered.events.length && record.status === 'running' && lastTraceSeq(record.steps) + 1 < firstBuffered) return 'gap';
    const older = eventsFromRecord(record, afterSeq).filter((e) => e.seq < firstBuffered);
    return [...older, ...buffered.events];
  }

  /**
   * Whether an event of run `runId` of flow `flowId` would reach anyone: a member of the run's or the flow's
   * room (live or batched), or a catch-up in progress. Cost: up to four map lookups.
   */
  wants(flowId: string, runId: string): boolean {
    if (this.catchingUp > 0) return true;
    const rooms = this.io.sockets.adapter.rooms;
    if (rooms.size === 0) return false;
    return Boolean(rooms.get(`flow:${flowId}`)?.size || rooms.get(`run:${runId}`)?.size || rooms.get(`flow:${flowId}${BATCHED}`)?.size || rooms.get(`run:${runId}${BATCHED}`)?.size);
  }

  publish(event: TraceEvent): void {
    this.buffer.add(event);
    const rooms = this.io.sockets.adapter.rooms;
    if (rooms.size === 0) return;
    const runRoom = `run:${event.runId}`;
    const flowRoom = `flow:${event.flowId}`;
    const toRun = rooms.get(runRoom)?.size;
    const toFlow = rooms.get(flowRoom)?.size;
    if (toRun && toFlow) this.io.to([runRoom, flowRoom]).emit('trace', event);
    else if (toRun) this.io.to(runRoom).emit('trace', event);
    else if (toFlow) this.io.to(flowRoom).emit('trace', event);
    if (rooms.get(runRoom + BATCHED)?.size) this.queue(runRoom + BATCHED, event);
    if (rooms.get(flowRoom + BATCHED)?.size) this.queue(flowRoom + BATCHED, event);
  }

  private queue(room: string, event: TraceEvent): void {
    const list = this.pending.get(room);
    if (list) list.push(event);
    else this.pending.set(room, [event]);
    this.batchTimer ??= this.batchMs > 0 ? setTimeout(() => this.flushBatches(), this.batchMs) : setImmediate(() => this.flushBatches());
  }

  /** Sends every queued batch now (one `traces` message per room). */
  private flushBatches(): void {
    this.clearBatchTimer();
    if (this.pending.size === 0) return;
    const pending = this.pending;
    this.pending = new Map();
    for (const [room, events] of pending) this.io.to(room).emit('traces', events);
  }

  private clearBatchTimer(): void {
    if (!this.batchTimer) return;
    if (this.batchMs > 0) clearTimeout(this.batchTimer as NodeJS.Timeout);
    else clearImmediate(this.batchTimer as NodeJS.Immediate);
    this.batchTimer = undefined;
  }

  close(): Promise<void> {
    this.clearBatchTimer();
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}
