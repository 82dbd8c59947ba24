/**
 * Typed errors shared by the designer, the runtime and the CLI.
 *
 * Every error carries a stable `code` so the API can map it to an HTTP problem response in one place
 * (server/http/problem.ts) and the editor can show a help link. Rules follow the Temporal SDK's
 * failure model: a failure says whether retrying can help (`retryable`) and keeps its `cause`.
 */

/** A path into a JSON document, e.g. `["nodes", 3, "config", "expression"]`. */
export type JsonPath = Array<string | number>;

/** Renders a JSON path the way analysts read it: `nodes[3].config.expression`. */
export function formatJsonPath(path: JsonPath): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) out += out ? `.${segment}` : segment;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out || '(root)';
}

/** Base class: a machine-readable `code` plus a human message. */
export class LedgerflowError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem found in a flow document. `path` points into the flow file. */
export interface FlowIssue {
  /** Stable code, e.g. `unknown-node-type`, `edge-port-missing`, `duplicate-id`, `invalid-config`. */
  code: string;
  path: JsonPath;
  message: string;
  /** The node or edge the issue belongs to, so the designer can select it. */
  nodeId?: string;
  edgeId?: string;
  /** Expression issues: 0-based character offset in the expression source. */
  position?: number;
}

/** Thrown when a flow document is not valid; `issues` lists every problem found, not just the first. */
export class FlowValidationError extends LedgerflowError {
  constructor(readonly issues: FlowIssue[]) {
    super(
      'flow-invalid',
      issues.length === 1
        ? `Invalid flow: ${formatIssue(issues[0]!)}`
        : `Invalid flow (${issues.length} problems): ${issues.map(formatIssue).join('; ')}`,
    );
  }
}

export function formatIssue(issue: FlowIssue): string {
  return `${formatJsonPath(issue.path)}: ${issue.message}`;
}

/**
 * A JSONata expression that does not compile or fails while evaluating.
 * `position` is the 0-based character offset where the JSONata parser stopped (its `position` is 1-based
 * past the token; we convert), `token` the offending token, `jsonataCode` the JSONata error code (S0201…).
 */
export class ExpressionError extends LedgerflowError {
  constructor(
    message: string,
    readonly details: {
      jsonataCode?: string;
      position?: number;
      token?: string;
      source?: string;
      /** Where the expression lives in the flow file, when known. */
      path?: JsonPath;
    },
    options?: { cause?: unknown },
  ) {
    super('expression-error', message, options);
  }
}

/**
 * A node failed. `retryable: false` means the runtime must not try again (400, 422, validation);
 * `status` is the downstream HTTP status when there was one; `retryAfterMs` comes from `Retry-After`.
 */
export class NodeError extends LedgerflowError {
  readonly retryable: boolean;
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly details?: unknown;
  constructor(
    code: string,
    message: string,
    options: { retryable: boolean; status?: number; retryAfterMs?: number; details?: unknown; cause?: unknown },
  ) {
    super(code, message, { cause: options.cause });
    this.retryable = options.retryable;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

/** The JSON shape of an error as it is stored in a step record and sent in traces. */
export interface SerializedError {
  code: string;
  message: string;
  retryable?: boolean;
  status?: number;
  details?: unknown;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof NodeError) {
    return {
      code: error.code,
      message: error.message,
      retryable: error.retryable,
      ...(error.status !== undefined ? { status: error.status } : {}),
      ...(error.details !== undefined ? { details: error.details } : {}),
    };
  }
  if (error instanceof ExpressionError) {
    return { code: error.code, message: error.message, retryable: false, details: error.details };
  }
  if (error instanceof LedgerflowError) return { code: error.code, message: error.message };
  if (error instanceof Error) return { code: 'internal', message: error.message };
  return { code: 'internal', message: String(error) };
}
