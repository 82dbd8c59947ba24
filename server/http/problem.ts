/**
 * One place where errors become HTTP answers: `application/problem+json` (RFC 9457) with a stable `code`.
 * Flow issues travel in `issues` (each with its JSON path and, for expressions, the position).
 */
import { MAX_JSON_DEPTH, tooDeep } from '../../nodes/sdk/message.js';
import type { ErrorRequestHandler, Response } from 'express';
import type { z } from 'zod';
import { ExpressionError, FlowValidationError, LedgerflowError } from '../../nodes/sdk/errors.js';

/** An error that already knows its HTTP status. */
export class HttpProblem extends LedgerflowError {
  constructor(
    readonly status: number,
    code: string,
    message: string,
    readonly extras: Record<string, unknown> = {},
  ) {
    super(code, message);
  }
}

const STATUS_BY_CODE: Record<string, number> = {
  'flow-invalid': 422,
  'expression-error': 422,
  'webhook-path-taken': 409,
  'no-trigger': 422,
  'not-found': 404,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  404: 'Not Found',
  409: 'Conflict',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/**
 * Parses a request part with a zod schema.
 * @throws HttpProblem 400 `too-deep` when it nests deeper than MAX_JSON_DEPTH (nodes/sdk/message.ts), naming where.
 * @throws HttpProblem 400 `invalid-request` naming each issue's path, with the issues attached.
 */
export function parseRequest<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const deep = tooDeep(value);
  if (deep !== undefined) throw new HttpProblem(400, 'too-deep', `${what}: the JSON nests deeper than ${MAX_JSON_DEPTH} levels at ${deep}`);
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  throw new HttpProblem(400, 'invalid-request', `${what}: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, { issues });
}

/** The RFC 9457 problem document for a status and code. */
export function problemBody(status: number, code: string, detail: string, extras: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: `https://ledgerflow.dev/problems/${code}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extras };
}

export function sendProblem(res: Response, status: number, code: string, detail: string, extras: Record<string, unknown> = {}): void {
  res.status(status).type('application/problem+json').send(JSON.stringify(problemBody(status, code, detail, extras)));
}

/** Express error handler: maps Ledgerflow errors, body-parser errors and the rest. */
export function problemHandler(log: { error: (obj: object, msg: string) => void }): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    const instance = req.originalUrl;
    if (error instanceof HttpProblem) return sendProblem(res, error.status, error.code, error.message, { instance, ...error.extras });
    if (error instanceof FlowValidationError) {
      return sendProblem(res, STATUS_BY_CODE[error.code]!, error.code, error.message, { instance, issues: error.issues });
    }
    if (error instanceof ExpressionError) {
      return sendProblem(res, 422, error.code, error.message, { instance, ...error.details });
    }
    if (error instanceof LedgerflowError) return sendProblem(res, STATUS_BY_CODE[error.code] ?? 400, error.code, error.message, { instance });
    const bodyError = error as { type?: string; status?: number; message?: string; limit?: number };
    if (bodyError.type === 'entity.parse.failed') {
      return sendProblem(res, 400, 'malformed-json', `Request body is not valid JSON: ${bodyError.message}`, { instance });
    }
    if (bodyError.type === 'entity.too.large') {
      return sendProblem(res, 413, 'body-too-large', `Request body is larger than the limit of ${bodyError.limit} bytes`, { instance });
    }
    if (typeof bodyError.status === 'number' && bodyError.status >= 400 && bodyError.status < 500) {
      return sendProblem(res, bodyError.status, 'bad-request', bodyError.message ?? 'Bad request', { instance });
    }
    log.error({ err: error, url: instance }, 'unhandled error');
    sendProblem(res, 500, 'internal', 'Internal error; see the server log', { instance });
  };
}
