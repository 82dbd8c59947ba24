/**
 * The one fetch wrapper of the designer. Answers are JSON; failures are RFC 9457 problem documents
 * (`application/problem+json`, see docs/api.md), surfaced as `ProblemError` with the flow issues they carry.
 */
import type { FlowIssue } from '../../../nodes/sdk/errors.js';

/** A non-2xx answer from the Ledgerflow API. */
export class ProblemError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Flow issues (publish 422, save 400), each with its JSON path. */
    readonly issues: FlowIssue[] = [],
  ) {
    super(message);
    this.name = 'ProblemError';
  }
}

interface ProblemBody {
  title?: string;
  detail?: string;
  code?: string;
  issues?: FlowIssue[];
}

/**
 * Sends a request and parses the JSON answer.
 * @throws ProblemError for a non-2xx status (with `issues` when the server sent them); TypeError on network failure.
 */
export async function requestJson<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await fetch(url, {
    method,
    headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = text;
  }
  if (!response.ok) {
    const problem = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as ProblemBody;
    const message = problem.detail ?? problem.title ?? (typeof parsed === 'string' && parsed ? parsed : response.statusText);
    throw new ProblemError(response.status, problem.code ?? `http-${response.status}`, message, problem.issues ?? []);
  }
  return parsed as T;
}

/** A readable one-line message for any error thrown by the API layer. */
export function errorMessage(error: unknown): string {
  if (error instanceof ProblemError) return `${error.message} (${error.status})`;
  if (error instanceof Error) return error.message;
  return String(error);
}
