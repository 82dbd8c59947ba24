/**
 * `POST /hooks/<path>`: the inbound door of published webhook flows, on Node's own `http` primitives.
 * This is the hot path (W1 in ../shared/bench): it runs before Express, whose router, `express.raw` and
 * `res.json` cost about as much as the whole run, and keeps every behaviour of the API's door:
 *
 * - the raw body is read with `raw-body` (size limit → 413; gzip, deflate and br bodies are inflated, others
 *   refused with 415) and kept as bytes: signatures are checked over exactly what was sent;
 * - the trigger's `verify` setting (Stripe signature, HMAC or basic auth) is checked by the webhook gate
 *   before anything runs: a refusal answers 401 problem+json and is recorded by the gate;
 * - the body is parsed as JSON, with a clear 400 problem naming the position on malformed input;
 * - a run starts on the flow's latest published version; the caller gets what the flow's Respond node
 *   answers, or 202 `{ runId }` (accepted mode, or no Respond node answered in time). Accepted means
 *   durable: no 2xx leaves before the run record, with the event, is written.
 * Every answer carries `X-Correlation-Id` and `X-Ledgerflow-Run-Id` once a run exists.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { Readable } from 'node:stream';
import getRawBody from 'raw-body';
import { MAX_JSON_DEPTH, tooDeep, type Json, type TriggerRequest } from '../../nodes/sdk/message.js';
import type { WebhookGate, WebhookVerify } from '../connections/index.js';
import type { Executor } from '../runtime/executor.js';
import { Deadlines } from '../runtime/run-slots.js';
import type { PublishedFlows } from '../runtime/published.js';
import type { RunStore } from '../storage/types.js';
import { problemBody } from './problem.js';

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);
const CORRELATION_ID = /^[\w.:@/+-]{1,200}$/;
const PREFIX = '/hooks/';
/** Step error codes that mean the inbound event itself is unusable (answered 422, not 500). */
const INPUT_ERRORS = new Set(['validation-failed', 'missing-business-key', 'missing-entity', 'invalid-version', 'expression-error', 'xref-no-id']);

/** Parses a webhook body as JSON; an empty body is `null`. Returns an error message for malformed JSON. */
export function parseJsonBody(raw: Buffer): { value: Json } | { error: string } {
  const text = raw.toString('utf8');
  if (text.trim() === '') return { value: null };
  try {
    return { value: JSON.parse(text) as Json };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

export interface WebhookOptions {
  published: PublishedFlows;
  executor: Executor;
  runs: RunStore;
  /** Largest accepted body, e.g. "1mb" (after inflating). */
  bodyLimit: string;
  /** Called when a webhook of a published flow has been answered: HTTP status, ms since the request came in (metrics). */
  onAnswered?: (flowId: string, status: number, ms: number) => void;
  /** Checks signed webhooks (connections/webhook-gate.ts); without it, `verify` settings cannot be honoured and such hooks answer 503. */
  gate?: WebhookGate;
}

/** An answer being prepared: its response, when its request came in (performance.now ms) and its flow. */
interface Reply {
  res: ServerResponse;
  arrived: number;
  flowId?: string;
}

function sendJson(reply: Reply, onAnswered: WebhookOptions['onAnswered'], status: number, headers: Record<string, string>, body: unknown, type = 'application/json; charset=utf-8'): void {
  const { res } = reply;
  if (res.headersSent) return;
  const text = JSON.stringify(body) ?? 'null';
  res.writeHead(status, { ...headers, 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
  if (onAnswered && reply.flowId !== undefined) onAnswered(reply.flowId, status, performance.now() - reply.arrived);
}

function triggerRequest(req: IncomingMessage, path: string, search: string): TriggerRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (HIDDEN_HEADERS.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  if (search) for (const [name, value] of new URLSearchParams(search)) query[name] ??= value;
  return { method: req.method ?? 'POST', path, headers, query };
}

/** The body stream, inflated when the sender compressed it (RFC 9110 §8.4). */
function decoded(req: IncomingMessage): Readable | undefined {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  if (encoding === 'identity') return req;
  const inflate = encoding === 'gzip' ? createGunzip() : encoding === 'deflate' ? createInflate() : encoding === 'br' ? createBrotliDecompress() : undefined;
  if (!inflate) return undefined;
  req.pipe(inflate);
  return inflate;
}

/** Returns the handler for requests under `/hooks/`; `matches(url)` says which requests those are. */
export function webhookHandler(options: WebhookOptions): { matches(url: string | undefined): boolean; handle(req: IncomingMessage, res: ServerResponse): void } {
  /** The callers' answer time-outs (one timer for all requests). */
  const deadlines = new Deadlines();
  const send = (reply: Reply, status: number, headers: Record<string, string>, body: unknown) => sendJson(reply, options.onAnswered, status, headers, body);
  const sendProblem = (reply: Reply, status: number, code: string, detail: string, extras: Record<string, unknown> = {}, headers: Record<string, string> = {}) =>
    sendJson(reply, options.onAnswered, status, headers, problemBody(status, code, detail, extras), 'application/problem+json; charset=utf-8');
  const readBody = async (req: IncomingMessage): Promise<Buffer> => {
    const stream = decoded(req);
    if (!stream) throw Object.assign(new Error(`Content-Encoding "${req.headers['content-encoding']}" is not supported (use gzip, deflate or br)`), { status: 415 });
    const plain = stream === req;
    return getRawBody(stream, { limit: options.bodyLimit, ...(plain && req.headers['content-length'] ? { length: req.headers['content-length'] } : {}) });
  };

  const handle = async (req: IncomingMessage, reply: Reply): Promise<void> => {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const pathname = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q + 1);
    let path: string;
    try {
      path = decodeURIComponent(pathname.slice(PREFIX.length)).replace(/\/+$/, '');
    } catch {
      return sendProblem(reply, 400, 'bad-request', `Malformed path ${pathname}`, { instance: url });
    }
    const route = options.published.webhook(path);
    if (!route) {
      req.resume();
      return sendProblem(reply, 404, 'no-such-webhook', `No published flow serves /hooks/${path}`, { instance: url });
    }
    reply.flowId = route.compiled.flow.id;
    if (req.method !== route.config.method) {
      req.resume();
      return sendProblem(reply, 405, 'method-not-allowed', `/hooks/${path} accepts ${route.config.method}, not ${req.method}`, { instance: url }, { Allow: route.config.method });
    }
    let raw: Buffer;
    try {
      raw = await readBody(req);
    } catch (error) {
      const { status, type, limit, message } = error as { status?: number; type?: string; limit?: number; message: string };
      if (type === 'entity.too.large') return sendProblem(reply, 413, 'body-too-large', `Request body is larger than the limit of ${limit} bytes`, { instance: url });
      if (status === 415) return sendProblem(reply, 415, 'unsupported-encoding', message, { instance: url });
      return sendProblem(reply, 400, 'bad-request', `The request body could not be read: ${message}`, { instance: url });
    }
    const verify = (route.trigger.config as { verify?: WebhookVerify }).verify;
    if (verify && verify.scheme !== 'none') {
      const verdict = options.gate
        ? options.gate.check(verify, {
            path,
            flowId: route.compiled.flow.id,
            flowVersion: route.compiled.version,
            triggerNodeId: route.trigger.node.id,
            method: req.method ?? 'POST',
            headers: req.headers as Record<string, string | undefined>,
            raw,
            ...(req.socket.remoteAddress ? { remoteAddress: req.socket.remoteAddress } : {}),
          })
        : { ok: false as const, code: 'webhook-not-configured', reason: 'This server has no webhook gate', status: 503 };
      if (!verdict.ok) {
        const status = 'status' in verdict && verdict.status ? verdict.status : 401;
        const headers: Record<string, string> = verify.scheme === 'basic' && status === 401 ? { 'WWW-Authenticate': 'Basic realm="ledgerflow-webhooks", charset="UTF-8"' } : {};
        return sendProblem(reply, status, verdict.code, verdict.reason, { instance: url }, headers);
      }
    }
    const parsed = parseJsonBody(raw);
    if ('error' in parsed) return sendProblem(reply, 400, 'malformed-json', `Request body is not valid JSON: ${parsed.error}`, { instance: url });
    const deep = tooDeep(parsed.value);
    if (deep !== undefined) return sendProblem(reply, 400, 'too-deep', `Request body nests deeper than ${MAX_JSON_DEPTH} levels at ${deep}`, { instance: url });
    const header = req.headers['x-correlation-id'];
    const correlationId = typeof header === 'string' && CORRELATION_ID.test(header) ? header : undefined;

    let answered = false;
    const answer = (status: number, headers: Record<string, string>, body: unknown) => {
      if (answered) return;
      answered = true;
      options.runs.flush().then(
        () => send(reply, status, headers, body),
        (error: unknown) => sendProblem(reply, 503, 'not-recorded', `The event could not be recorded: ${(error as Error).message}`),
      );
    };
    const run = options.executor.start({
      compiled: route.compiled,
      mode: 'published',
      triggerNodeId: route.trigger.node.id,
      input: parsed.value,
      request: triggerRequest(req, path, search),
      ...(correlationId ? { correlationId } : {}),
      respond: (response) => answer(response.status, { ...response.headers, ...ids }, response.body),
      // A target system on hold or behind an open circuit: the event is safe on disk, the caller need not wait.
      onWaiting: (reason) => answer(202, ids, { runId: run.runId, correlationId: run.correlationId, status: 'waiting', waitingFor: reason }),
    });
    const ids = { 'X-Correlation-Id': run.correlationId, 'X-Ledgerflow-Run-Id': run.runId };
    if (route.config.responseMode === 'accepted') return answer(202, ids, { runId: run.runId, correlationId: run.correlationId });
    const timer = deadlines.add(route.config.responseTimeoutMs, () => answer(202, ids, { runId: run.runId, correlationId: run.correlationId, status: 'running' }));
    const summary = await run.done;
    deadlines.cancel(timer);
    if (answered) return;
    answered = true;
    if (summary.status === 'failed') {
      // The event itself is wrong (missing key, fails validation): 422, the sender should not simply resend.
      const status = summary.error && INPUT_ERRORS.has(summary.error.code) ? 422 : 500;
      return sendProblem(reply, status, 'run-failed', summary.error?.message ?? 'run failed', { runId: run.runId, nodeId: summary.error?.nodeId, deadLetter: run.runId }, ids);
    }
    options.runs.flush().then(
      () => send(reply, 202, ids, { runId: run.runId, correlationId: run.correlationId, status: summary.status }),
      (error: unknown) => sendProblem(reply, 503, 'not-recorded', `The event could not be recorded: ${(error as Error).message}`),
    );
  };

  return {
    matches: (url) => url !== undefined && url.startsWith(PREFIX),
    handle(req, res) {
      const reply: Reply = { res, arrived: options.onAnswered ? performance.now() : Number.NaN };
      handle(req, reply).catch((error: unknown) => sendProblem(reply, 500, 'internal', `Internal error: ${(error as Error).message}`));
    },
  };
}
