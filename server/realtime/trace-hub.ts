/**
 * Live traces over socket.io. A client emits `subscribe` with `{ flowId }` or `{ runId }` and receives
 * `trace` events (see TraceEvent in storage/types.ts) for that flow or run; `unsubscribe` stops them.
 * Events are only serialised for rooms that have a member, so an unwatched flow costs nothing.
 */
import type { Server as HttpServer } from 'node:http';
import { Server } from 'socket.io';
import type { TraceEvent } from '../storage/types.js';

type Subscription = { flowId?: unknown; runId?: unknown };

function roomOf(subscription: Subscription): string | undefined {
  if (typeof subscription?.runId === 'string' && subscription.runId) return `run:${subscription.runId}`;
  if (typeof subscription?.flowId === 'string' && subscription.flowId) return `flow:${subscription.flowId}`;
  return undefined;
}

export class TraceHub {
  readonly io: Server;

  constructor(server: HttpServer) {
    this.io = new Server(server, { serveClient: false, cors: { origin: false } });
    this.io.on('connection', (socket) => {
      socket.on('subscribe', (subscription: Subscription, ack?: (answer: unknown) => void) => {
        const room = roomOf(subscription);
        if (!room) return ack?.({ ok: false, error: 'subscribe with { flowId } or { runId }' });
        void socket.join(room);
        ack?.({ ok: true });
      });
      socket.on('unsubscribe', (subscription: Subscription, ack?: (answer: unknown) => void) => {
        const room = roomOf(subscription);
        if (room) void socket.leave(room);
        ack?.({ ok: true });
      });
    });
  }

  publish(event: TraceEvent): void {
    const rooms = this.io.sockets.adapter.rooms;
    const targets: string[] = [];
    const runRoom = `run:${event.runId}`;
    const flowRoom = `flow:${event.flowId}`;
    if (rooms.get(runRoom)?.size) targets.push(runRoom);
    if (rooms.get(flowRoom)?.size) targets.push(flowRoom);
    if (targets.length) this.io.to(targets).emit('trace', event);
  }

  close(): Promise<void> {
    return new Promise((resolve) => void this.io.close(() => resolve()));
  }
}
