/**
 * What travels along an edge: a `payload` (plain JSON) plus `meta`.
 * JSONata expressions are evaluated against the whole message, so mappings read `payload.id`
 * and `meta.correlationId`.
 *
 * Payloads are immutable: the runtime freezes the trigger's input and every node output (`freezePayload`),
 * so a node that changes its input in place fails with a TypeError naming the property instead of silently
 * rewriting what earlier steps recorded. A node builds a new value (spread, JSONata) and returns that.
 */

/** Any plain JSON value: what every node output must be (case M8). */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** The inbound HTTP request that triggered a run (webhook trigger only). */
export interface TriggerRequest {
  method: string;
  path: string;
  /** Lower-cased header names. Authorization and cookie headers are never kept. */
  headers: Record<string, string>;
  query: Record<string, string>;
}

export interface MessageMeta {
  runId: string;
  flowId: string;
  flowVersion: number;
  /** One id across every CRM, billing and ERP call of the run (header `X-Correlation-Id`). */
  correlationId: string;
  /** Business ids touched so far, e.g. `{ invoiceId: "in_…" }`. */
  businessKeys: Record<string, string>;
  request?: TriggerRequest;
}

export interface Message {
  payload: Json;
  meta: MessageMeta;
  /** Set on messages sent through an `error` port: what went wrong upstream. */
  error?: { nodeId: string; code: string; message: string; status?: number };
}

/**
 * Freezes a payload and everything in it (objects and arrays), in place, and returns it. Stops at values
 * already frozen (a payload passed on unchanged costs one check). Cost: one visit per object or array.
 */
export function freezePayload<T extends Json | undefined>(value: T): T {
  if (value === null || typeof value !== 'object' || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) for (const item of value) freezePayload(item);
  else for (const key in value) freezePayload((value as { [key: string]: Json })[key]);
  return value;
}
