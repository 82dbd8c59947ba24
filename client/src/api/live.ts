/**
 * The live trace: one socket.io connection per tab (same origin, path `/socket.io`), resumable (case T1).
 *
 * Every trace event carries its run's sequence number (`seq`). This module remembers the last number seen
 * per run and drops anything at or below it (no duplicates). After a reconnect it subscribes again with
 * those numbers — `{ runId, afterSeq }` for a run, `{ flowId, after, since }` for a flow, `since` being the
 * cursor the server gave when the flow was first joined — and the server sends every event missed in
 * between, in order, before live ones (server/realtime/trace-hub.ts). A run is always joined with
 * `afterSeq`, so opening a run that is already going shows it from its start.
 *
 * Bounded: numbers are kept for the `MAX_RUNS_TRACKED` most recently seen runs. When a flow's run is
 * forgotten, the flow's cursor moves past it (run ids sort by start time), so a resume never sends a
 * forgotten run again.
 */
import { io, type Socket } from 'socket.io-client';
import type { TraceEvent } from '../../../server/storage/types.js';

export type TraceRoom = { flowId: string } | { runId: string };
type TraceListener = (event: TraceEvent) => void;

/** Runs whose last sequence number is remembered (the oldest seen is forgotten first). */
export const MAX_RUNS_TRACKED = 500;

interface Tracked {
  seq: number;
  flowId: string;
}

let socket: Socket | undefined;
const rooms = new Map<string, TraceRoom>();
const listeners = new Set<TraceListener>();
/** Last seq delivered per run; Map order is recency of the run's last event. */
const lastSeq = new Map<string, Tracked>();
/** Per flow room: the server's cursor (runs started after it that we never saw are sent in full on resume). */
const flowCursors = new Map<string, string>();
let everConnected = false;

const roomKey = (room: TraceRoom) => ('flowId' in room ? `flow:${room.flowId}` : `run:${room.runId}`);

declare global {
  interface Window {
    /** Test and benchmark probe: called with every trace event delivered (W5 measures its delay). */
    __ledgerflowTraceProbe?: (event: TraceEvent) => void;
  }
}

function remember(event: TraceEvent): void {
  lastSeq.delete(event.runId);
  lastSeq.set(event.runId, { seq: event.seq, flowId: event.flowId });
  if (lastSeq.size <= MAX_RUNS_TRACKED) return;
  const [oldest, tracked] = lastSeq.entries().next().value as [string, Tracked];
  lastSeq.delete(oldest);
  const cursor = flowCursors.get(tracked.flowId);
  if (cursor !== undefined && oldest > cursor) flowCursors.set(tracked.flowId, oldest);
}

/** Keeps the server's cursor for a flow room (the first one given; later answers do not move it back). */
export function noteFlowCursor(flowId: string, cursor: string): void {
  if (!flowCursors.has(flowId)) flowCursors.set(flowId, cursor);
}

/** Delivers an event unless it was delivered before (its number is not above the run's last one). */
export function accept(event: TraceEvent): boolean {
  const known = lastSeq.get(event.runId);
  if (known && event.seq <= known.seq) return false;
  remember(event);
  return true;
}

/** What to send to (re)join a room: the resume position for what this tab has seen. */
export function subscription(room: TraceRoom): Record<string, unknown> {
  // batch: live events come as `traces` arrays every few ms (one message instead of one per event).
  if ('runId' in room) return { runId: room.runId, afterSeq: lastSeq.get(room.runId)?.seq ?? 0, batch: true };
  const since = flowCursors.get(room.flowId);
  if (since === undefined) return { flowId: room.flowId, batch: true };
  const after: Record<string, number> = {};
  for (const [runId, tracked] of lastSeq) if (tracked.flowId === room.flowId) after[runId] = tracked.seq;
  return { flowId: room.flowId, after, since, batch: true };
}

function join(s: Socket, room: TraceRoom): Promise<void> {
  return s
    .timeout(5000)
    .emitWithAck('subscribe', subscription(room))
    .then((answer: { ok?: boolean; cursor?: string }) => {
      if ('flowId' in room && answer?.cursor) noteFlowCursor(room.flowId, answer.cursor);
    })
    .catch(() => undefined); // no answer in time: the next reconnect tries again
}

function deliver(event: TraceEvent): void {
  if (!accept(event)) return;
  window.__ledgerflowTraceProbe?.(event);
  for (const listener of listeners) listener(event);
}

function connection(): Socket {
  if (socket) return socket;
  socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
  socket.on('connect', () => {
    // The first connect is joined by subscribe(); every later one is a resume.
    if (everConnected) for (const room of rooms.values()) void join(socket!, room);
    everConnected = true;
  });
  socket.on('trace', deliver);
  socket.on('traces', (events: TraceEvent[]) => {
    for (const event of events) deliver(event);
  });
  return socket;
}

/** Joins a room; resolves when the server acknowledged (or after 5 s without an answer). */
export function subscribe(room: TraceRoom): Promise<void> {
  rooms.set(roomKey(room), room);
  const s = connection();
  if (s.connected) return join(s, room);
  return new Promise((resolve) => s.once('connect', () => void join(s, room).then(resolve)));
}

export function unsubscribe(room: TraceRoom): void {
  rooms.delete(roomKey(room));
  if ('flowId' in room) flowCursors.delete(room.flowId);
  socket?.emit('unsubscribe', room);
}

/** Registers a listener for every `trace` event; returns the function that removes it. */
export function onTrace(listener: TraceListener): () => void {
  connection();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** True while the socket is connected (for the header's live indicator). */
export function isLive(): boolean {
  return socket?.connected ?? false;
}
