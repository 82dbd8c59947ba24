/**
 * JSONata expressions: compiled once (at publish), evaluated per message.
 *
 * Bounds: every evaluation is limited in time (`timeoutMs`) and recursion depth (`maxDepth`) using
 * jsonata 2's own `timeout`/`stack` options, so a runaway mapping fails its step instead of the process.
 * Results are converted to plain JSON (case M8): JSONata returns arrays with hidden sequence flags and
 * objects without a prototype, which would change the meaning of the next node's expressions.
 * Every expression gets Ledgerflow's mapping functions (nodes/functions: money, rounding, dates, values, and the
 * regex-reuse repair of case M6); an operator error on the data names the data (case M7, ./explain.ts).
 */
import jsonata from 'jsonata';
import { mappingFunctions } from '../functions/index.js';
import { ExpressionError, type JsonPath } from './errors.js';
import { LinearRegExp } from './linear-regex.js';
import { droppedKeyWarnings, explainEvaluationError, expressionWarnings, type ExpressionWarning } from './explain.js';
import type { Json } from './message.js';

export { mappingFunctionDocs, type MappingFunctionDoc } from '../functions/index.js';
export { droppedKeyWarnings, expressionWarnings, type ExpressionWarning } from './explain.js';

export interface ExpressionLimits {
  /** Wall-clock bound of one evaluation, in ms. */
  timeoutMs: number;
  /** Maximum evaluation depth (JSONata stack frames). */
  maxDepth: number;
}

export const defaultExpressionLimits: ExpressionLimits = { timeoutMs: 1000, maxDepth: 500 };

export interface CompiledExpression {
  readonly source: string;
  /**
   * Evaluates against `input` (usually a message `{ payload, meta }`).
   * @returns plain JSON, or `undefined` when the expression selects nothing.
   * @throws ExpressionError with the JSONata code, position and a message that names the failing token.
   */
  evaluate(input: unknown, bindings?: Record<string, unknown>): Promise<Json | undefined>;
  /**
   * What the mapping preview should warn about (cases M2, M7): pitfalls in the expression itself, and, given
   * a preview `result`, keys the expression names that the result lacks because their value was nothing.
   */
  warnings(result?: unknown): ExpressionWarning[];
}

interface JsonataError {
  code?: string;
  position?: number;
  token?: string;
  message?: string;
  value?: unknown;
}

function isJsonataError(error: unknown): error is JsonataError {
  return typeof error === 'object' && error !== null && 'code' in error;
}

/**
 * 0-based start of the failing token. JSONata's `position` is 1-based past the token; for an error inside a
 * function call it is past the `(` and the token is the function's name, so the start is that of `$name`.
 */
function tokenStart(source: string, position: number, token: string | undefined): number {
  if (token !== undefined && source[position - 1] === '(') {
    const start = position - 2 - token.length;
    if (start >= 0 && source.slice(start, position - 1) === `$${token}`) return start;
  }
  return Math.max(0, position - (token?.length ?? 1));
}

function toExpressionError(
  error: unknown,
  source: string,
  path: JsonPath | undefined,
  phase: string,
  explanation?: { text: string; replaces: boolean },
): ExpressionError {
  if (error instanceof ExpressionError) return error;
  if (isJsonataError(error)) {
    const token = error.token === undefined ? undefined : String(error.token);
    const position = typeof error.position === 'number' ? tokenStart(source, error.position, token) : undefined;
    const where = position !== undefined ? ` at position ${position}` : '';
    const near = token !== undefined ? ` (near "${token}")` : '';
    const message = error.code === 'U1001' ? `Expression ran longer than its time limit` : (error.message ?? 'error');
    const text = !explanation ? message : explanation.replaces ? explanation.text : `${explanation.text}: ${message}`;
    return new ExpressionError(`${phase}${where}${near}: ${text} [${error.code}]`, {
      jsonataCode: error.code,
      position,
      token,
      source,
      path,
    }, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  const stack = /stack|recursion/i.test(message) ? 'Expression recursed deeper than its limit' : message;
  return new ExpressionError(`${phase}: ${stack}`, { source, path }, { cause: error });
}

/**
 * Converts a JSONata result into a plain JSON value (case M8): arrays become ordinary arrays, objects get
 * `Object.prototype`, functions and `undefined` members are dropped (as JSON.stringify would).
 * @throws ExpressionError when the result is a function or a non-finite number.
 */
export function toPlainJson(value: unknown): Json | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new ExpressionError(`Result is not a finite number (${value})`, {});
    return value;
  }
  if (Array.isArray(value)) {
    const out: Json[] = [];
    for (const item of value) {
      const plain = toPlainJson(item);
      if (plain !== undefined) out.push(plain);
    }
    return out;
  }
  if (typeof value === 'function') throw new ExpressionError('Result is a function, not a JSON value', {});
  if (typeof value === 'object') {
    const out: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) {
      const member = (value as Record<string, unknown>)[key];
      if (typeof member === 'function') continue;
      const plain = toPlainJson(member);
      if (plain !== undefined) out[key] = plain;
    }
    return out;
  }
  return undefined;
}

/** A function added to every expression (name without the `$`). */
export interface ExpressionFunction {
  name: string;
  /** JSONata signature, e.g. `<n-s?:n>`; without one the function checks its own arguments. */
  signature?: string;
  /** One line for the editor's autocomplete. */
  description: string;
  implementation: (...args: never[]) => unknown;
}

/** Starts with Ledgerflow's mapping functions (nodes/functions), so every expression anywhere has them. */
const registeredFunctions: ExpressionFunction[] = [...mappingFunctions];

/** Adds (or replaces, by name) a function in every expression compiled afterwards. */
export function registerExpressionFunction(fn: ExpressionFunction): void {
  const existing = registeredFunctions.findIndex((f) => f.name === fn.name);
  if (existing >= 0) registeredFunctions[existing] = fn;
  else registeredFunctions.push(fn);
}

export function expressionFunctions(): readonly ExpressionFunction[] {
  return registeredFunctions;
}

/**
 * Compiles a JSONata expression.
 * @param path where the expression lives in the flow file (for error messages)
 * @throws ExpressionError on a syntax error, with its 0-based position and token.
 */
export function compileExpression(
  source: string,
  path?: JsonPath,
  limits: ExpressionLimits = defaultExpressionLimits,
): CompiledExpression {
  let expression: jsonata.Expression;
  try {
    expression = jsonata(source, { timeout: limits.timeoutMs, stack: limits.maxDepth, RegexEngine: LinearRegExp } as never);
  } catch (error) {
    throw toExpressionError(error, source, path, 'Syntax error');
  }
  for (const fn of registeredFunctions) {
    expression.registerFunction(fn.name, fn.implementation as never, fn.signature);
  }
  return {
    source,
    warnings(result) {
      const ast = expression.ast();
      return [...expressionWarnings(ast), ...(result === undefined ? [] : droppedKeyWarnings(ast, result))];
    },
    async evaluate(input, bindings) {
      let result: unknown;
      try {
        result = await expression.evaluate(input, bindings as Record<string, unknown> | undefined);
      } catch (error) {
        const explanation = isJsonataError(error) ? explainEvaluationError(expression.ast(), error, input) : undefined;
        throw toExpressionError(error, source, path, 'Evaluation failed', explanation);
      }
      try {
        return toPlainJson(result);
      } catch (error) {
        throw toExpressionError(error, source, path, 'Evaluation failed');
      }
    },
  };
}
