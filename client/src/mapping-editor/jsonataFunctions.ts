/**
 * JSONata 2's built-in functions with one line each, for the mapping editor's autocomplete
 * (from the JSONata function library, docs.jsonata.org). Ledgerflow's own functions come from
 * `mappingFunctionDocs` (nodes/functions) and win where a name is in both ($round, $fromMillis, $now).
 */
import { mappingFunctionDocs, type MappingFunctionDoc } from '../../../nodes/sdk/expression.js';

type Doc = readonly [usage: string, description: string];

const BUILTINS: readonly Doc[] = [
  // Strings
  ['$string(value, prettify?)', 'Value as text (objects and lists as JSON)'],
  ['$length(text)', 'Number of characters in a text'],
  ['$substring(text, start, length?)', 'Part of a text from a 0-based start (negative counts from the end)'],
  ['$substringBefore(text, chars)', 'Text before the first occurrence of chars'],
  ['$substringAfter(text, chars)', 'Text after the first occurrence of chars'],
  ['$uppercase(text)', 'Text in upper case'],
  ['$lowercase(text)', 'Text in lower case'],
  ['$trim(text)', 'Text with surrounding white space removed and inner runs collapsed to one space'],
  ['$pad(text, width, char?)', 'Text padded to width (negative width pads on the left)'],
  ['$contains(text, pattern)', 'True when the text contains the string or matches the regex'],
  ['$split(text, separator, limit?)', 'List of the parts of a text split at a string or regex'],
  ['$join(texts, separator?)', 'One text from a list of texts'],
  ['$match(text, pattern, limit?)', 'Regex matches with their groups and positions'],
  ['$replace(text, pattern, replacement, limit?)', 'Text with matches of a string or regex replaced'],
  ['$eval(expression, context?)', 'Evaluates JSONata text'],
  ['$base64encode(text)', 'Text encoded as Base64'],
  ['$base64decode(text)', 'Base64 decoded to text'],
  ['$encodeUrlComponent(text)', 'Text escaped for a URL component'],
  ['$encodeUrl(text)', 'Text escaped for a whole URL'],
  ['$decodeUrlComponent(text)', 'URL component unescaped'],
  ['$decodeUrl(text)', 'URL unescaped'],
  // Numbers
  ['$number(value)', 'Value as a number (text parsed as a JSON number)'],
  ['$abs(number)', 'Absolute value'],
  ['$floor(number)', 'Largest integer not above the number'],
  ['$ceil(number)', 'Smallest integer not below the number'],
  ['$power(base, exponent)', 'base to the power of exponent'],
  ['$sqrt(number)', 'Square root'],
  ['$random()', 'Random number between 0 (inclusive) and 1'],
  ['$formatNumber(number, picture, options?)', 'Number as text by an XPath picture, e.g. "#,##0.00"'],
  ['$formatBase(number, radix?)', 'Integer as text in another base (2 to 36)'],
  ['$formatInteger(number, picture)', 'Integer as text by a picture (words, roman numerals…)'],
  ['$parseInteger(text, picture)', 'Text to an integer by a picture'],
  // Aggregation
  ['$sum(numbers)', 'Sum of a list of numbers (binary floats: use $sumMoney for money)'],
  ['$max(numbers)', 'Largest number of a list'],
  ['$min(numbers)', 'Smallest number of a list'],
  ['$average(numbers)', 'Mean of a list of numbers'],
  ['$count(list)', 'Number of items in a list'],
  // Booleans
  ['$boolean(value)', 'Value as true or false'],
  ['$not(value)', 'Logical negation'],
  ['$exists(value)', 'True when the expression gives a value (false when the field is missing)'],
  // Lists
  ['$append(list1, list2)', 'One list with the items of both'],
  ['$sort(list, before?)', 'Sorted list; before($a, $b) is true when $a goes after $b'],
  ['$reverse(list)', 'List in reverse order'],
  ['$shuffle(list)', 'List in random order'],
  ['$distinct(list)', 'List without duplicates'],
  ['$zip(list1, list2, …)', 'List of tuples: the first items together, then the second…'],
  ['$map(list, function($item, $index?) { … })', 'List of the function applied to each item'],
  ['$filter(list, function($item) { … })', 'Items for which the function is true'],
  ['$single(list, function($item)?)', 'The one item matching; an error when none or several match'],
  ['$reduce(list, function($acc, $item) { … }, init?)', 'One value folded from a list'],
  // Objects
  ['$keys(object)', 'List of the keys of an object'],
  ['$lookup(object, key)', 'Value of a key (a table lookup: $lookup({"a": "1"}, code))'],
  ['$spread(object)', 'List of one-key objects, one per key'],
  ['$merge(objects)', 'One object from a list of objects (later keys win)'],
  ['$sift(object, function($value, $key) { … })', 'Object with the keys for which the function is true'],
  ['$each(object, function($value, $key) { … })', 'List of the function applied to each key and value'],
  ['$error(message)', 'Stops with an error'],
  ['$assert(condition, message)', 'Stops with an error when the condition is false'],
  ['$type(value)', 'Type name: "string", "number", "boolean", "null", "array", "object", "function"'],
  // Dates and times
  ['$now(picture?, timezone?)', 'This evaluation\'s timestamp as ISO 8601 text'],
  ['$millis()', 'This evaluation\'s timestamp in milliseconds since the Unix epoch'],
  ['$fromMillis(ms, picture?, timezone?)', 'Milliseconds since the epoch as text'],
  ['$toMillis(timestamp, picture?)', 'ISO 8601 (or pictured) text to milliseconds since the epoch'],
];

/** JSONata's own functions as autocomplete entries. */
export const jsonataBuiltinDocs: readonly MappingFunctionDoc[] = BUILTINS.map(([usage, description]) => ({
  name: usage.slice(0, usage.indexOf('(')),
  signature: usage,
  description,
}));

export interface FunctionDoc extends MappingFunctionDoc {
  /** `ledgerflow` for Ledgerflow's functions (money, dates, values), `jsonata` for built-ins. */
  origin: 'ledgerflow' | 'jsonata';
}

/** Every function an expression can call, Ledgerflow's first, each name once. */
export function allFunctionDocs(): FunctionDoc[] {
  const own = mappingFunctionDocs.map((doc) => ({ ...doc, origin: 'ledgerflow' as const }));
  const names = new Set(own.map((doc) => doc.name));
  return [...own, ...jsonataBuiltinDocs.filter((doc) => !names.has(doc.name)).map((doc) => ({ ...doc, origin: 'jsonata' as const }))];
}
