/**
 * What travels along an edge: a `payload` (plain JSON) plus `meta`.
 * JSONata expressions are evaluated against the whole message, so mappings read `payload.id`
 * and `meta.correlationId`.
 *
 * Payloads are immutable: the runtime freezes the objects of the trigger's input and of every node output
 * (`freezePayload`), so a node that changes a field of its input in place fails with a TypeError naming the
 * property instead of silently rewriting what earlier steps recorded. A node builds a new value (spread,
 * JSONata) and returns that.
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
 * Freezes every object in a payload (iteratively: any depth), in place, and returns the payload. Arrays are
 * walked but left extensible: JSONata marks an input array it returns as is (`payload.lines[]` sets
 * `keepSingleton` on it), which a frozen array refuses; such marks are not JSON and never recorded. Stops at
 * objects already frozen, so a payload passed on unchanged costs one check. Cost: one visit per object or array.
 */
export function freezePayload<T extends Json | undefined>(value: T): T {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const item = stack.pop();
    if (item === null || typeof item !== 'object') continue;
    if (Array.isArray(item)) {
      for (const element of item) if (element !== null && typeof element === 'object') stack.push(element);
    } else if (!Object.isFrozen(item)) {
      Object.freeze(item);
      for (const key in item) {
        const child = (item as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push(child);
      }
    }
  }
  return value;
}

/** Deepest nesting accepted in an inbound JSON document (webhook bodies, test-run inputs, edited replays). */
export const MAX_JSON_DEPTH = 100;

/**
 * Where `value` nests deeper than `maxDepth` levels of objects and arrays, as a JSON path (`$.a[0].b…`,
 * cut after 120 characters), or undefined when it does not. Iterative: safe on any depth. Real payloads nest
 * about 10 levels (a Stripe invoice.paid event: 7); thousands of levels only ever come from a mistake or an
 * attack, and would overflow the stack of every step that serialises or walks the payload.
 */
export function tooDeep(value: unknown, maxDepth = MAX_JSON_DEPTH): string | undefined {
  interface Level {
    node: object;
    depth: number;
    parent?: Level;
    step: string;
  }
  if (value === null || typeof value !== 'object') return undefined;
  const stack: Level[] = [{ node: value, depth: 0, step: '' }];
  while (stack.length > 0) {
    const level = stack.pop()!;
    if (level.depth >= maxDepth) {
      const steps: string[] = [];
      for (let at: Level | undefined = level; at; at = at.parent) steps.push(at.step);
      const path = steps.reverse().join('');
      return `$${path.length > 120 ? `${path.slice(0, 120)}…` : path}`;
    }
    const { node } = level;
    if (Array.isArray(node)) {
      node.forEach((child: unknown, i) => {
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: level.depth + 1, parent: level, step: `[${i}]` });
      });
    } else {
      for (const key in node) {
        const child = (node as Record<string, unknown>)[key];
        if (child !== null && typeof child === 'object') stack.push({ node: child, depth: level.depth + 1, parent: level, step: `.${key}` });
      }
    }
  }
  return undefined;
}
