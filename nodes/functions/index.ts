/**
 * Ledgerflow's mapping functions: the one list of functions every JSONata expression gets.
 *
 * nodes/sdk/expression.ts registers `mappingFunctions` in every `compileExpression`, so the runtime, the CLI
 * and the designer's previews (which compile through the same SDK) all have them. `mappingFunctionDocs` is
 * what the mapping editor's autocomplete lists. This module imports nothing at run time from the SDK, so the
 * SDK can import it without a cycle.
 */
import { dateFunctions } from './dates.js';
import { moneyFunctions } from './money.js';
import { regexFunctions } from './regex.js';
import { roundingFunctions } from './rounding.js';
import type { MappingFunction, MappingFunctionDoc } from './types.js';
import { valueFunctions } from './values.js';

export type { MappingFunction, MappingFunctionDoc } from './types.js';
export { MappingFunctionError } from './failure.js';
export { currencyCode, currencyExponent, isMoneyCurrency, supportedCurrencies } from './currency.js';

/** Every function Ledgerflow adds to (or repairs in) JSONata, by family. */
export const mappingFunctions: readonly MappingFunction[] = [
  ...moneyFunctions,
  ...roundingFunctions,
  ...dateFunctions,
  ...valueFunctions,
  ...regexFunctions,
];

/** Autocomplete entries for the mapping editor: `{ name: "$sumMoney", signature: "$sumMoney(amounts)", description }`. */
export const mappingFunctionDocs: readonly MappingFunctionDoc[] = mappingFunctions
  .filter((fn) => fn.listed !== false)
  .map((fn) => ({ name: `$${fn.name}`, signature: fn.usage, description: fn.description }));
