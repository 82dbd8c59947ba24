/**
 * What a line's menu can apply to the value it carries: Ledgerflow's money, date and value functions
 * (nodes/functions) and a table lookup. Each writes the line's code from the source reference; `matches`
 * tells from a parsed line's label (`via`) which one it uses now.
 */
import type { FieldTree } from './fieldTree.js';
import { joinPath, splitPath, type FieldPath } from './mappingModel.js';

export interface LineFunctionContext {
  source: FieldPath;
  sources: FieldTree;
  /** JSON type of the target field (`number`, `string`, `array`…), when known. */
  targetType?: string;
  /** Variables of the mapping's block holding a lookup table (`$itemIds := { … }`). */
  tables: string[];
}

export interface LineFunction {
  id: string;
  label: string;
  /** One line for the menu. */
  hint: string;
  /** An argument the analyst sets in the menu. */
  parameter?: { label: string; initial(context: LineFunctionContext): string };
  /** The line's code; `refer` writes a source path as the line's scope reads it. */
  build(context: LineFunctionContext, refer: (path: FieldPath) => string, parameter: string): string;
  matches(via: string | undefined): boolean;
}

/** The nearest `currency` field beside or above the source (Stripe lines and invoices carry one). */
export function nearestCurrency(context: LineFunctionContext): FieldPath | undefined {
  const segments = splitPath(context.source);
  for (let n = segments.length - 1; n >= 0; n--) {
    const candidate = joinPath([...segments.slice(0, n), 'currency']);
    if (context.sources.nodes.has(candidate)) return candidate;
  }
  return undefined;
}

const currencyArgument = (context: LineFunctionContext, refer: (path: FieldPath) => string) => {
  const currency = nearestCurrency(context);
  return currency ? refer(currency) : '"USD"';
};

function fallbackFor(type: string | undefined): string {
  if (type === 'number' || type === 'integer') return '0';
  if (type === 'string') return '""';
  if (type === 'boolean') return 'false';
  if (type?.startsWith('array')) return '[]';
  return 'null';
}

export const lineFunctions: readonly LineFunction[] = [
  {
    id: 'direct',
    label: 'As is',
    hint: 'The source value unchanged',
    build: (c, refer) => refer(c.source),
    matches: (via) => via === undefined,
  },
  {
    id: 'money',
    label: 'Money from minor units',
    hint: 'Integer cents → decimal by the currency: -12645 usd → -126.45',
    build: (c, refer) => `$fromMinorUnits(${refer(c.source)}, ${currencyArgument(c, refer)})`,
    matches: (via) => via === '$fromMinorUnits' || via === '/ 100',
  },
  {
    id: 'minor',
    label: 'Money to minor units',
    hint: 'Decimal → integer cents by the currency: 126.45 usd → 12645',
    build: (c, refer) => `$toMinorUnits(${refer(c.source)}, ${currencyArgument(c, refer)})`,
    matches: (via) => via === '$toMinorUnits',
  },
  {
    id: 'date',
    label: 'Date (YYYY-MM-DD)',
    hint: 'Calendar date of an instant (Unix seconds or ISO 8601) in a time zone',
    parameter: { label: 'Time zone', initial: () => 'UTC' },
    build: (c, refer, zone) => `$toDateInZone(${refer(c.source)}, ${JSON.stringify(zone || 'UTC')})`,
    matches: (via) => via === '$toDateInZone',
  },
  {
    id: 'datetime',
    label: 'Date and time (ISO 8601)',
    hint: 'Unix seconds, milliseconds, /Date(…)/ or ISO text → ISO 8601',
    build: (c, refer) => `$parseDate(${refer(c.source)})`,
    matches: (via) => via === '$parseDate' || via === '$fromUnixSeconds',
  },
  {
    id: 'default',
    label: 'Default when missing',
    hint: 'A fallback when the source field is absent',
    parameter: { label: 'Fallback (JSONata value)', initial: (c) => fallbackFor(c.targetType) },
    build: (c, refer, fallback) => `$default(${refer(c.source)}, ${fallback.trim() || 'null'})`,
    matches: (via) => via === '$default',
  },
  {
    id: 'array',
    label: 'Always a list',
    hint: 'Missing → [], one item → [item] (for list targets, case M1)',
    build: (c, refer) => `$array(${refer(c.source)})`,
    matches: (via) => via === '$array' || via === '[ ]',
  },
  {
    id: 'lookup',
    label: 'Look up in a table',
    hint: 'Replace the value by its entry in a table: { "from": "to" }',
    parameter: { label: 'Table (a variable or { "from": "to" })', initial: (c) => (c.tables[0] ? `$${c.tables[0]}` : '{ "from": "to" }') },
    build: (c, refer, table) => `$lookup(${table.trim() || '{}'}, ${refer(c.source)})`,
    matches: (via) => via === '$lookup',
  },
  {
    id: 'text',
    label: 'As text',
    hint: 'Numbers and booleans as text',
    build: (c, refer) => `$string(${refer(c.source)})`,
    matches: (via) => via === '$string',
  },
  {
    id: 'number',
    label: 'As number',
    hint: 'Text such as "12.50" as a number',
    build: (c, refer) => `$number(${refer(c.source)})`,
    matches: (via) => via === '$number',
  },
];

/** Variables a block binds to an object literal (`$itemIds := { … }`): candidate lookup tables. */
export function tableVariables(head: string): string[] {
  return [...head.matchAll(/\$(\w+)\s*:=\s*\{/g)].map((m) => m[1]!);
}
