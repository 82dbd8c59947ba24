/**
 * Explanations of JSONata surprises in words an analyst understands (cases M7 and M2).
 *
 * - `explainEvaluationError`: when an operator fails on the data (`items[qty < 9]` with a null `qty` is
 *   JSONata error T2010), name the data that caused it (`payload.items[1].qty is null`) and how to handle it.
 * - `expressionWarnings`: what the mapping preview should warn about before publish, found in the expression
 *   itself (`status != "x"` is false, not true, when `status` is absent).
 * - `droppedKeyWarnings`: keys an object constructor names but the result lacks, because their value was
 *   nothing (`{"total": $sum(lines.amount)}` over no lines has no `total`).
 */
import type jsonata from 'jsonata';
import { formatJsonPath, type JsonPath } from './errors.js';

type Node = Omit<jsonata.ExprNode, 'type'> & { type: string };

/** A warning for the mapping preview. `position` is the 0-based offset of the token to underline. */
export interface ExpressionWarning {
  code: 'missing-field-comparison' | 'key-dropped';
  message: string;
  position?: number;
  /** For `key-dropped`: where the key would have been in the result, e.g. `total` or `item.items`. */
  key?: string;
}

/** Visits every node of a JSONata AST, depth first. */
function walk(node: unknown, visit: (node: Node) => void): void {
  if (Array.isArray(node)) {
    for (const child of node) walk(child, visit);
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  if (typeof (node as Node).type === 'string') visit(node as Node);
  for (const value of Object.values(node)) if (typeof value === 'object') walk(value, visit);
}

/** `a.b.c` for a path made only of field names, else undefined. */
function fieldPath(node: Node | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'name') return String(node.value);
  if (node.type !== 'path' || !node.steps?.every((s) => s.type === 'name' && !s.stages?.length)) return undefined;
  return node.steps.map((s) => String(s.value)).join('.');
}

function tokenStart(node: Node): number | undefined {
  return typeof node.position === 'number' ? Math.max(0, node.position - String(node.value ?? ' ').length) : undefined;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  try {
    return JSON.stringify(a) === JSON.stringify(b);
  } catch {
    return false;
  }
}

/** JSON paths in `input` where a member named `key` holds `value` (at most `limit`). */
function locate(input: unknown, key: string, value: unknown, limit = 3): JsonPath[] {
  const found: JsonPath[] = [];
  const visit = (node: unknown, path: JsonPath, depth: number) => {
    if (found.length >= limit || depth > 64 || typeof node !== 'object' || node === null) return;
    if (Array.isArray(node)) {
      node.forEach((item, index) => visit(item, [...path, index], depth + 1));
      return;
    }
    for (const [member, child] of Object.entries(node)) {
      if (member === key && sameValue(child, value) && found.length < limit) found.push([...path, member]);
      visit(child, [...path, member], depth + 1);
    }
  };
  visit(input, [], 0);
  return found;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return `${value}`;
  return `${JSON.stringify(value)}`;
}

function findOperator(ast: Node, position: number, token: string): Node | undefined {
  let hit: Node | undefined;
  walk(ast, (node) => {
    if (!hit && node.type === 'binary' && node.position === position && node.value === token) hit = node;
  });
  return hit;
}

/** JSONata operator errors this module explains, with the side of the operator that holds the bad value. */
const OPERATOR_ERRORS: Record<string, 'lhs' | 'rhs' | 'either'> = {
  T2001: 'lhs', T2002: 'rhs', T2003: 'lhs', T2004: 'rhs', T2009: 'either', T2010: 'either',
};

/**
 * Explains a JSONata operator error with the data that caused it.
 * @param ast the expression's AST (`expression.ast()`)
 * @param error the JSONata error (`code`, 1-based end `position` of the operator, `token`, `value`)
 * @param input what the expression was evaluated against (paths are named from its root, e.g. `payload.…`)
 * @returns `text` to show, either before JSONata's own message or (`replaces`) instead of it; undefined when
 *   there is nothing to add.
 */
export function explainEvaluationError(
  ast: unknown,
  error: { code?: string; position?: number; token?: unknown; value?: unknown },
  input: unknown,
): { text: string; replaces: boolean } | undefined {
  const side = error.code ? OPERATOR_ERRORS[error.code] : undefined;
  if (!side || typeof error.position !== 'number' || error.token === undefined) return undefined;
  const operator = findOperator(ast as Node, error.position, String(error.token));
  if (!operator) return undefined;
  const operands = (side === 'either' ? [operator.lhs, operator.rhs] : [operator[side]]) as Array<Node | undefined>;
  const field = operands.map(fieldPath).find((path) => path !== undefined);
  const key = field?.split('.').at(-1);
  const places = key && 'value' in error ? locate(input, key, error.value) : [];
  const what = describeValue(error.value);
  if (places.length === 0) return 'value' in error ? { text: `one side of "${String(error.token)}" is ${what}`, replaces: false } : undefined;
  const named = places.map(formatJsonPath);
  const subject = named.length > 1 ? `${named.slice(0, -1).join(', ')} and ${named.at(-1)} are` : `${named[0]} is`;
  if (error.code !== 'T2010' && error.code !== 'T2009') return { text: `${subject} ${what}`, replaces: false };
  const fix = error.value === null
    ? `; leave those out first (e.g. [${field} != null and …]) or give them a value with $default(${field}, 0, "replace-null")`
    : '';
  const text = `${subject} ${what}, and "${String(error.token)}" can only compare two numbers or two strings${fix}`;
  return { text, replaces: true };
}

/**
 * Pitfalls visible in the expression itself, for the preview (case M7): a field compared with `!=` is
 * silently false, not true, when the field is absent, so `items[status != "void"]` drops items with no status.
 */
export function expressionWarnings(ast: unknown): ExpressionWarning[] {
  const warnings: ExpressionWarning[] = [];
  walk(ast, (node) => {
    if (node.type !== 'binary' || node.value !== '!=') return;
    const field = fieldPath(node.lhs as Node) ?? fieldPath(node.rhs as Node);
    if (!field) return;
    const position = tokenStart(node);
    warnings.push({
      code: 'missing-field-comparison',
      message: `When ${field} is missing, "${field} != …" is false, not true: records without ${field} are left out. ` +
        `To keep them, write ($not($exists(${field})) or ${field} != …)`,
      ...(position !== undefined ? { position } : {}),
    });
  });
  return warnings;
}

function resultObject(ast: Node): Node | undefined {
  if (ast.type === 'unary' && ast.value === '{' && Array.isArray(ast.lhs)) return ast;
  if (ast.type === 'block' && ast.expressions?.length) return resultObject(ast.expressions.at(-1) as Node);
  return undefined;
}

/**
 * Keys the expression's result object names literally but the result lacks (case M2): JSONata leaves a key
 * out when its value is nothing, so a required `total` over an empty list silently disappears.
 * Looks at the result's object constructor and the object constructors nested in it.
 */
export function droppedKeyWarnings(ast: unknown, result: unknown): ExpressionWarning[] {
  const warnings: ExpressionWarning[] = [];
  const check = (node: Node, value: unknown, prefix: string) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
    for (const [keyNode, valueNode] of node.lhs as Array<[Node, Node]>) {
      if (keyNode.type !== 'string') continue;
      const key = String(keyNode.value);
      const path = prefix ? `${prefix}.${key}` : key;
      if (!Object.hasOwn(value, key)) {
        const position = tokenStart(keyNode);
        warnings.push({
          code: 'key-dropped',
          key: path,
          message: `"${path}" is not in the result: its expression gave nothing, so JSONata left the key out. ` +
            'If the target needs it, give a default, e.g. $default(…, 0), or use $sumMoney for totals',
          ...(position !== undefined ? { position: Math.max(0, position - 2) } : {}),
        });
        continue;
      }
      const nested = resultObject(valueNode);
      if (nested) check(nested, (value as Record<string, unknown>)[key], path);
    }
  };
  const root = resultObject(ast as Node);
  if (root) check(root, result, '');
  return warnings;
}
