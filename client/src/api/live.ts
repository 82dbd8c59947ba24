/**
 * The live trace: one socket.io connection per tab (same origin, path `/socket.io`). Rooms are joined with
 * `subscribe { flowId } | { runId }` and re-joined after every reconnect, so a dropped connection does not
 * silently stop the trace.
 */
import { io, type Socket } from 'socket.io-client';
import type { TraceEvent } from '../../../server/storage/types.js';

export type TraceRoom = { flowId: string } | { runId: string };
type TraceListener = (event: TraceEvent) => void;

let socket: Socket | undefined;
const rooms = new Map<string, TraceRoom>();
const listeners = new Set<TraceListener>();

const roomKey = (room: TraceRoom) => ('flowId' in room ? `flow:${room.flowId}` : `run:${room.runId}`);

function connection(): Socket {
  if (socket) return socket;
  socket = io({ path: '/socket.io', transports: ['websocket', 'polling'] });
  socket.on('connect', () => {
    for (const room of rooms.values()) socket!.emit('subscribe', room);
  });
  socket.on('trace', (event: TraceEvent) => {
    for (const listener of listeners) listener(event);
  });
  return socket;
}

/** Joins a room; resolves when the server acknowledged (or after 2 s without an answer). */
export function subscribe(room: TraceRoom): Promise<void> {
  rooms.set(roomKey(room), room);
  const s = connection();
  return new Promise((resolve) => {
    const join = () => s.timeout(2000).emit('subscribe', room, () => resolve());
    if (s.connected) join();
    else s.once('connect', join);
  });
}

export function unsubscribe(room: TraceRoom): void {
  rooms.delete(roomKey(room));
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
