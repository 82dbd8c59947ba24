/**
 * What every system preset (Salesforce, Stripe, NetSuite nodes) shares on top of `http.request`'s rules:
 * the common config fields (connection, time-out, retry, keep-the-payload field), the call itself through
 * `ctx.http` (so the connection profile adds base URL and auth below the node, and holds, circuit and
 * throttle apply), `Idempotency-Key: <runId>:<nodeId>` on writes, retryable statuses with `Retry-After`,
 * and the vendor's error body read into a clear step error (`<vendor>-<code>`, the vendor's words, the body
 * kept in `details`).
 */
import { z } from 'zod';
import type { NodeContext, OutboundResponse } from '../sdk/context.js';
import { NodeError } from '../sdk/errors.js';
import type { Json, Message } from '../sdk/message.js';
import { RetryPolicySchema, parseRetryAfter, type RetryPolicy } from '../sdk/retry.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Config fields of every preset; `connection` defaults to the system's usual connection name. */
export function presetFields(defaultConnection: string) {
  return {
    connection: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"')
      .max(100)
      .default(defaultConnection)
      .meta({ title: 'Connection', description: 'Connection profile with the base URL and credentials (Connections page)' }),
    timeoutMs: z.number().int().min(100).max(300_000).default(30_000).meta({ title: 'Time-out (ms)' }),
    retry: RetryPolicySchema.default(RetryPolicySchema.parse({})),
    responseField: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name: letters, digits and "_"')
      .max(100)
      .optional()
      .meta({ title: 'Keep the payload, answer in', description: 'Empty: the answer replaces the payload. A name: the payload is kept and the answer added under it' }),
  };
}

/** A vendor's error body read as a step error: a short code and the vendor's own words. */
export interface VendorError {
  code: string;
  message: string;
}

export interface ApiCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Relative to the connection's base URL, e.g. `record/v1/invoice`. */
  url: string;
  headers?: Record<string, string>;
  body?: Json | string;
}

type PresetConfig = { timeoutMs: number; retry: RetryPolicy };

/**
 * Sends `call` for a preset node and answers the 2xx response.
 * @throws NodeError `<vendor>-<code>` for other statuses: retryable when the status is in the retry
 *   policy's list (with `Retry-After` on 429/503), the vendor's body in `details.body`.
 */
export async function callApi(
  ctx: NodeContext<PresetConfig, unknown>,
  call: ApiCall,
  vendor: { name: string; readError(status: number, body: Json): VendorError | undefined },
): Promise<OutboundResponse> {
  const headers: Record<string, string> = { ...call.headers };
  if (WRITE_METHODS.has(call.method)) headers['Idempotency-Key'] ??= ctx.idempotencyKey;
  const response = await ctx.http.request({ method: call.method, url: call.url, headers, ...(call.body !== undefined ? { body: call.body } : {}), timeoutMs: ctx.config.timeoutMs });
  if (response.status >= 200 && response.status < 300) return response;
  const read = vendor.readError(response.status, response.body);
  const fallback = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
  const retryAfterMs = response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers['retry-after'], ctx.now()) : undefined;
  throw new NodeError(`${vendor.name.toLowerCase()}-${read?.code ?? `http-${response.status}`}`, `${vendor.name} answered ${response.status} to ${call.method} ${call.url}: ${read?.message ?? fallback.slice(0, 300)}`, {
    retryable: ctx.config.retry.retryableStatuses.includes(response.status),
    status: response.status,
    retryAfterMs,
    details: { body: response.body },
  });
}

/** The message on with `answer`: as the payload, or added under `field` to an object payload (else `{ input }`). */
export function withAnswer(message: Message, answer: Json, field: string | undefined): Message {
  if (!field) return { ...message, payload: answer };
  const payload = message.payload;
  const kept = payload !== null && typeof payload === 'object' && !Array.isArray(payload) ? payload : { input: payload };
  return { ...message, payload: { ...kept, [field]: answer } };
}

/** A path segment (record type, id, external id) made safe for a URL. */
export const segment = (value: string) => encodeURIComponent(value).replace(/%3A/gi, ':');
