/**
 * `http.request`: calls a REST endpoint. URL and header values are templates (`{{ JSONata }}`), the body is
 * a JSONata expression. Writes (POST, PUT, PATCH, DELETE) carry `Idempotency-Key: <runId>:<nodeId>`, the
 * same on every attempt, so a retried or replayed step cannot post twice (the receiver deduplicates; the
 * key is also bound as `$idempotencyKey` for mappings that use it as an external id).
 *
 * Statuses in the retry policy's `retryableStatuses` fail with a retryable error (honouring `Retry-After`);
 * any other non-2xx status fails at once. Output payload: `{ status, headers, body }`, or, with `responseField`,
 * the input payload with that answer added under the field's name (a non-object payload is kept as `input`).
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField, templateField } from './sdk/fields.js';
import { RetryPolicySchema, parseRetryAfter } from './sdk/retry.js';
import { compileTemplate, renderTemplate } from './sdk/template.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * A connection name from a URL template: the host of an absolute URL (`api.stripe.com`), or the first two
 * path segments of a URL on this server (`/sandbox/erp/invoices` → `sandbox.erp`).
 */
export function connectionFromUrl(url: string): string {
  const fixed = url.split('{{')[0]!;
  if (fixed.startsWith('/')) return fixed.split('/').filter(Boolean).slice(0, 2).join('.').toLowerCase() || 'local';
  try {
    return new URL(fixed).host.toLowerCase();
  } catch {
    return 'unknown';
  }
}

export const httpRequest = defineNode({
  type: 'http.request',
  version: 1,
  title: 'HTTP request',
  category: 'connector',
  icon: 'http',
  sideEffect: true,
  description: 'Calls a REST API with retries, time-out and an idempotency key on every write.',
  config: z.object({
    connection: z
      .string()
      .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"')
      .max(100)
      .optional()
      .meta({ title: 'Connection', description: 'Target system name (e.g. erp) for holds, circuit breaker and throttle; default: from the URL' }),
    method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('POST').meta({ title: 'Method' }),
    url: templateField('URL', 'Absolute, or starting with / for this Ledgerflow server (the stand-ins); {{ JSONata }} placeholders allowed').pipe(
      z.string().min(1, 'URL is empty'),
    ),
    headers: z
      .record(z.string().regex(/^[A-Za-z0-9-]+$/, 'header names: letters, digits and "-"'), z.string())
      .default({})
      .meta({ title: 'Headers', description: 'Values may hold {{ JSONata }} placeholders' }),
    body: expressionField('Body', 'JSONata for the JSON body (ignored for GET)').default('payload'),
    timeoutMs: z.number().int().min(100).max(300_000).default(10_000).meta({ title: 'Time-out (ms)' }),
    retry: RetryPolicySchema.default(RetryPolicySchema.parse({})),
    responseField: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a name: letters, digits and "_"')
      .max(100)
      .optional()
      .meta({
        title: 'Keep the payload, answer in',
        description: 'Empty: the response replaces the payload. A name (e.g. billing): the payload is kept and the response added under that name',
      }),
  }),
  inputs: ['in'],
  outputs: ['out'],
  connection: (config) => config.connection ?? connectionFromUrl(config.url),
  compile: (config, tools) => ({
    url: compileTemplate(config.url, ['url'], tools),
    headers: Object.entries(config.headers).map(([name, value]) => ({
      name,
      value: compileTemplate(value, ['headers', name], tools),
    })),
    body: tools.expression(config.body, ['body']),
  }),
  async execute(ctx, message) {
    const bindings = { idempotencyKey: ctx.idempotencyKey };
    const url = await renderTemplate(ctx.compiled.url, message, bindings);
    const headers: Record<string, string> = {};
    for (const header of ctx.compiled.headers) headers[header.name] = await renderTemplate(header.value, message, bindings);
    const method = ctx.config.method;
    if (WRITE_METHODS.has(method)) headers['Idempotency-Key'] = ctx.idempotencyKey;
    const body = method === 'GET' ? undefined : ((await ctx.compiled.body.evaluate(message, bindings)) ?? null);
    const response = await ctx.http.request({ method, url, headers, body, timeoutMs: ctx.config.timeoutMs });
    if (response.status >= 200 && response.status < 300) {
      const answer = { status: response.status, headers: response.headers, body: response.body };
      const field = ctx.config.responseField;
      if (!field) return { out: { ...message, payload: answer } };
      const kept = message.payload !== null && typeof message.payload === 'object' && !Array.isArray(message.payload) ? message.payload : { input: message.payload };
      return { out: { ...message, payload: { ...kept, [field]: answer } } };
    }
    const retryable = ctx.config.retry.retryableStatuses.includes(response.status);
    const retryAfterMs =
      response.status === 429 || response.status === 503 ? parseRetryAfter(response.headers['retry-after'], ctx.now()) : undefined;
    const detail = typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    throw new NodeError('http-status', `${method} ${url} answered ${response.status}: ${detail.slice(0, 300)}`, {
      retryable,
      status: response.status,
      retryAfterMs,
      details: { body: response.body },
    });
  },
});
