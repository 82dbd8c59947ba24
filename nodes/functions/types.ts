/**
 * The shape of a Ledgerflow mapping function: a JSONata function plus what the editor's autocomplete shows.
 * Only a type import from the SDK, so nodes/sdk/expression.ts can import the functions without a cycle.
 */
import type { ExpressionFunction } from '../sdk/expression.js';

export interface MappingFunction extends ExpressionFunction {
  /** How an analyst calls it, e.g. `$fromMinorUnits(minorUnits, currency)`. */
  usage: string;
  /** False for built-in JSONata functions Ledgerflow only repairs (`$replace`…): not listed in autocomplete. */
  listed?: boolean;
}

/** One autocomplete entry for the mapping editor. */
export interface MappingFunctionDoc {
  /** With the `$`, e.g. `$sumMoney`. */
  name: string;
  /** Usage line, e.g. `$sumMoney(amounts)`. */
  signature: string;
  description: string;
}
