/**
 * `POST /hooks/<path>`: the inbound door of published webhook flows.
 * The raw body is kept (signature checks need the exact bytes), parsed as JSON with a clear 400 on
 * malformed input, and a run starts on the flow's latest published version. The caller gets what the
 * flow's Respond node answers, or 202 `{ runId }` (accepted mode, or no Respond node answered in time).
 */
import express, { type Request, type Response, type Router } from 'express';
import type { Json, TriggerRequest } from '../../nodes/sdk/message.js';
import type { Executor } from '../runtime/executor.js';
import type { PublishedFlows } from '../runtime/published.js';
import type { RunStore } from '../storage/types.js';
import { sendProblem } from './problem.js';

const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization', 'x-api-key']);
const CORRELATION_ID = /^[\w.:@/+-]{1,200}$/;

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

function triggerRequest(req: Request, path: string): TriggerRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (HIDDEN_HEADERS.has(name) || value === undefined) continue;
    headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const query: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.query)) if (typeof value === 'string') query[name] = value;
  return { method: req.method, path, headers, query };
}

export function hooksRouter(options: { published: PublishedFlows; executor: Executor; runs: RunStore; bodyLimit: string }): Router {
  const router = express.Router();
  router.use(express.raw({ type: () => true, limit: options.bodyLimit }));
  router.all('/*path', async (req: Request, res: Response) => {
    const segments = (req.params as { path: string[] }).path;
    const path = segments.join('/');
    const route = options.published.webhook(path);
    if (!route) return sendProblem(res, 404, 'no-such-webhook', `No published flow serves /hooks/${path}`, { instance: req.originalUrl });
    if (req.method !== route.config.method) {
      res.setHeader('Allow', route.config.method);
      return sendProblem(res, 405, 'method-not-allowed', `/hooks/${path} accepts ${route.config.method}, not ${req.method}`);
    }
    const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const parsed = parseJsonBody(raw);
    if ('error' in parsed) {
      return sendProblem(res, 400, 'malformed-json', `Request body is not valid JSON: ${parsed.error}`, { instance: req.originalUrl });
    }
    const header = req.get('x-correlation-id');
    const correlationId = header && CORRELATION_ID.test(header) ? header : undefined;
    // Accepted means durable: no 2xx leaves before the run record (with the event) is written.
    let answered = false;
    const answer = (status: number, headers: Record<string, string>, body: unknown) => {
      if (answered || res.headersSent) return;
      answered = true;
      void options.runs.flush().then(
        () => res.status(status).set(headers).json(body),
        (error: unknown) => sendProblem(res, 503, 'not-recorded', `The event could not be recorded: ${(error as Error).message}`),
      );
    };
    const run = options.executor.start({
      compiled: route.compiled,
      mode: 'published',
      triggerNodeId: route.trigger.node.id,
      input: parsed.value,
      request: triggerRequest(req, path),
      ...(correlationId ? { correlationId } : {}),
      respond: (response) => answer(response.status, { ...response.headers, ...ids }, response.body),
    });
    const ids = { 'X-Correlation-Id': run.correlationId, 'X-Ledgerflow-Run-Id': run.runId };
    if (route.config.responseMode === 'accepted') {
      return answer(202, ids, { runId: run.runId, correlationId: run.correlationId });
    }
    const timer = setTimeout(() => answer(202, ids, { runId: run.runId, correlationId: run.correlationId, status: 'running' }), route.config.responseTimeoutMs);
    const summary = await run.done;
    clearTimeout(timer);
    if (answered) return;
    if (summary.status === 'failed') {
      res.set(ids);
      answered = true;
      return sendProblem(res, 500, 'run-failed', summary.error?.message ?? 'run failed', { runId: run.runId, nodeId: summary.error?.nodeId });
    }
    answer(202, ids, { runId: run.runId, correlationId: run.correlationId, status: summary.status });
  });
  return router;
}
