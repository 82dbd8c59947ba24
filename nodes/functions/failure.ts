/**
 * The error a mapping function throws when its input cannot be used (a float where minor units are required,
 * an unknown currency, an unparseable date). It is shaped like a JSONata error (`code` + `message`), so
 * JSONata adds the position and name of the failing call and nodes/sdk/expression.ts turns it into an
 * `ExpressionError` the editor can underline.
 */

/**
 * Codes (`LF1xxx`) are stable: LF1001 bad argument, LF1002 unknown currency, LF1003 currency without
 * minor unit, LF1004 not an integer number of minor units, LF1005 unparseable date, LF1006 unknown zone.
 */
export class MappingFunctionError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingFunctionError';
  }
}

/** Throws a `MappingFunctionError`; typed `never` so callers can use it in expressions. */
export function fail(code: string, message: string): never {
  throw new MappingFunctionError(code, message);
}

/** Renders a value for an error message: strings quoted, the rest as JSON, `undefined` as "nothing". */
export function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
