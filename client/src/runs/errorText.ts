/**
 * Errors in an analyst's words: a step's error in the run history, a dead letter's error, a problem in the
 * designer or the mapping preview's error is shown as a plain message first, its code kept as small print or
 * a tooltip.
 *
 * - JSONata errors reach the client as `expression-error` with a message such as
 *   `Evaluation failed at position 14 (near "+"): … [T2002]` (nodes/sdk/expression.ts). The phase, position,
 *   token and code are taken off the message, and the JSONata messages that are terse or technical
 *   (S0201 `Syntax error: "}"`, T1006 `Attempted to invoke a non-function`) are said in words. The code
 *   (`JSONata T2002`) is kept apart; JSONata's codes are listed at https://docs.jsonata.org/errors.
 * - HTTP errors (`POST /x answered 400: {…}`) show the message found in the response body instead of the JSON.
 *
 * Pure (no DOM): the mapping preview's worker uses it too.
 */
import type { SerializedError } from '../../../nodes/sdk/errors.js';

/** The recorded error, as stored in a step, a run summary or a dead letter. */
export type RecordedError = Pick<SerializedError, 'message'> & Partial<Pick<SerializedError, 'code' | 'status' | 'details'>>;

/** An error as shown to an analyst. */
export interface PlainError {
  /** What went wrong, in words. */
  message: string;
  /** The code for small print: `JSONata T2002` for an expression error, else the error's own (`http-status`). */
  code?: string;
  /** The message as recorded (for a tooltip, and for searching the logs). */
  raw: string;
}

/** `Evaluation failed at position 10 (near "<"): ` — the SDK's prefix (nodes/sdk/expression.ts); group 4 is the token. */
const EXPRESSION_PREFIX = /^(Syntax error|Evaluation failed)( at position \d+)?( \(near "((?:[^"\\]|\\.)*)"\))?: /;
/** ` [T2010]` — the JSONata code the SDK appends. */
const JSONATA_CODE = / \[([A-Z]\d{4})\]$/;

/** `Evaluation failed at position 10 (near "<"): items[1].qty is null… [T2010]` → `items[1].qty is null…`. */
export function plainErrorMessage(message: string): string {
  return message.replace(EXPRESSION_PREFIX, '').replace(JSONATA_CODE, '');
}

/**
 * JSONata errors whose own text does not tell an analyst what to do, said again. `token` is the offending
 * token (absent at the end of the expression); `text` is JSONata's message.
 */
const JSONATA_WORDS: Record<string, (token: string | undefined, text: string) => string> = {
  S0101: () => 'A text in quotes is not closed: add the closing quote',
  S0201: (token) => (token ? `"${token}" is out of place: check the brackets, commas and quotes before it` : 'Something is out of place: check the brackets, commas and quotes'),
  S0205: (token) => (token ? `"${token}" is not expected here: check the brackets, commas and quotes before it` : 'Something is out of place: check the brackets, commas and quotes'),
  S0207: () => 'The expression ends too early: a value, a closing bracket or a closing quote is missing at the end',
  S0211: (token) => `"${token}" cannot start a value: is a value missing before it?`,
  T0410: (_, text) => text.replace(/^Argument (\d+) of function "(.+)" does not match function signature$/, 'Argument $1 of $$$2 is not of a type the function takes'),
  T1005: (token) => `"${token}" is not a function: call a function by its name after a $, e.g. $${token}(…)`,
  T1006: (token) => (token ? `There is no function "${token}": call a known function by its name after a $, e.g. $sum(…)` : 'This is not a function: call a known function by its name after a $, e.g. $sum(…)'),
  D1012: () => 'The expression ran longer than its time limit (does it loop?)',
  U1001: () => 'The expression ran longer than its time limit (does it loop?)',
};

/** The JSONata code of an expression error: from its details, else from the end of its message. */
function jsonataCodeOf(error: RecordedError): string | undefined {
  const details = error.details as { jsonataCode?: unknown } | undefined;
  if (typeof details?.jsonataCode === 'string') return details.jsonataCode;
  return JSONATA_CODE.exec(error.message)?.[1];
}

/**
 * An expression error's message in words. The SDK's own explanations (`items[1].qty is null, and "<" can only
 * compare…`, nodes/sdk/explain.ts) are for operator errors, which JSONATA_WORDS leaves alone, so they stay.
 */
export function plainExpressionMessage(message: string, jsonataCode?: string): string {
  const code = jsonataCode ?? JSONATA_CODE.exec(message)?.[1];
  const near = EXPRESSION_PREFIX.exec(message)?.[4];
  const token = near === undefined || near === '(end)' ? undefined : near.replace(/\\(.)/g, '$1');
  const text = plainErrorMessage(message);
  const words = code ? JSONATA_WORDS[code] : undefined;
  return words ? words(token, text) : text;
}

const DETAIL_KEYS = ['detail', 'message', 'error_description', 'error', 'title'];

/**
 * The most telling human message inside an error body: a `detail` (RFC 9457, NetSuite's `o:errorDetails`)
 * anywhere before a `message` (Stripe) before a `title`; the shallowest of equals.
 */
export function bodyDetail(body: unknown): string | undefined {
  let best: { rank: number; depth: number; text: string } | undefined;
  const visit = (value: unknown, depth: number) => {
    if (depth > 5 || value === null || typeof value !== 'object') return;
    for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
      const rank = DETAIL_KEYS.indexOf(key);
      if (rank >= 0 && typeof child === 'string' && child && (!best || rank < best.rank || (rank === best.rank && depth < best.depth))) best = { rank, depth, text: child };
      else visit(child, depth + 1);
    }
  };
  visit(body, 0);
  return best?.text;
}

/**
 * `POST /sandbox/erp/invoices answered 400: {"type":…}` becomes `POST /sandbox/erp/invoices answered 400 — Fault
 * injected…`: the raw body is replaced by the message found in it.
 */
export function errorHeadline(error: Pick<SerializedError, 'message' | 'details'> | undefined): string {
  if (!error) return 'Unknown error';
  const cut = error.message.search(/: [[{]/);
  if (cut < 0) return error.message;
  const details = error.details as { body?: unknown } | undefined;
  const detail = bodyDetail(details?.body) ?? bodyDetail(safeParse(error.message.slice(cut + 2)));
  return detail ? `${error.message.slice(0, cut)} — ${detail}` : error.message;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A recorded error as an analyst reads it; see the module comment. */
export function describeError(error: RecordedError): PlainError {
  const jsonataCode = jsonataCodeOf(error);
  if (jsonataCode || error.code === 'expression-error' || EXPRESSION_PREFIX.test(error.message)) {
    return { message: plainExpressionMessage(error.message, jsonataCode), ...(jsonataCode ? { code: `JSONata ${jsonataCode}` } : {}), raw: error.message };
  }
  return { message: errorHeadline(error as Pick<SerializedError, 'message' | 'details'>), ...(error.code ? { code: error.code } : {}), raw: error.message };
}

/** The tooltip of an error shown in words: the message as recorded, after the failing node's id when known. */
export function errorTooltip(error: RecordedError & { nodeId?: string }): string {
  return error.nodeId ? `Node ${error.nodeId}: ${error.message}` : error.message;
}
