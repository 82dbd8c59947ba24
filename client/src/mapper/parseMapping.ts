/**
 * Reads a JSONata mapping into the mapper's model (mappingModel.ts) using the jsonata parser's AST
 * (`jsonata(expr).ast()`) for meaning and sourceText.ts for the exact text of each entry.
 *
 * Drawn as lines: plain paths (`payload.data.object.id`, `$invoice.id` when `$invoice := payload.data.object`
 * in the block, `$$.payload…` from inside a list), a function over one path (`$fromMinorUnits(amount,
 * currency)`, `$lookup($items, product)`), a path with a number (`amount / 100`) and `[path]`. Lists mapped
 * item by item: `[src.{ … }]`, `src.( $x := …; { … } )`, `$map(src, function($l) { … })`. Literals are
 * constants; everything else is "custom" and keeps its code.
 */
import jsonata from 'jsonata';
import { lineIndent, scanObject } from './sourceText.js';
import { joinPath, type EachField, type FieldPath, type MappingModel, type TargetField } from './mappingModel.js';

/** The parts of a jsonata AST node the mapper reads. */
interface AstNode {
  type: string;
  value?: unknown;
  position?: number;
  lhs?: unknown;
  rhs?: AstNode;
  steps?: AstNode[];
  stages?: AstNode[];
  expressions?: AstNode[];
  arguments?: AstNode[];
  procedure?: AstNode;
  body?: AstNode;
  predicate?: unknown;
  group?: unknown;
  focus?: unknown;
  index?: unknown;
  tuple?: unknown;
  ancestor?: unknown;
  keepArray?: boolean;
}

export type ParseResult =
  | { ok: true; model: MappingModel }
  | { ok: false; reason: 'syntax'; message: string; position?: number }
  | { ok: false; reason: 'not-object'; message: string };

/** How paths read at one place in the expression: the context path and the variables that name paths. */
interface Scope {
  base: string[];
  aliases: Record<string, string[]>;
  itemVar?: string;
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '%']);

function isPlainStep(step: AstNode): boolean {
  return !step.stages?.length && !step.predicate && !step.group && !step.focus && step.index === undefined && !step.tuple && !step.ancestor && !step.keepArray;
}

function variablePath(name: string, scope: Scope): string[] | undefined {
  if (name === '$') return [];
  if (name === '' || name === scope.itemVar) return scope.base;
  return scope.aliases[name];
}

/** The absolute source path a node reads, when it is a plain path; undefined otherwise. */
function resolvePath(node: AstNode | undefined, scope: Scope): string[] | undefined {
  if (!node) return undefined;
  if (node.type === 'variable') return variablePath(String(node.value), scope);
  if (node.type === 'name') return isPlainStep(node) ? [...scope.base, String(node.value)] : undefined;
  if (node.type === 'path' && node.steps?.length) return resolveSteps(node.steps, scope);
  return undefined;
}

function resolveSteps(steps: AstNode[], scope: Scope): string[] | undefined {
  const [first, ...rest] = steps;
  if (!first || !isPlainStep(first)) return undefined;
  let segments: string[] | undefined;
  if (first.type === 'variable') segments = variablePath(String(first.value), scope);
  else if (first.type === 'name') segments = [...scope.base, String(first.value)];
  if (!segments) return undefined;
  for (const step of rest) {
    if (step.type !== 'name' || !isPlainStep(step)) return undefined;
    segments = [...segments, String(step.value)];
  }
  return segments;
}

function isLiteral(node: AstNode | undefined): boolean {
  return !!node && (node.type === 'string' || node.type === 'number' || node.type === 'value');
}

function isObjectConstructor(node: AstNode | undefined): boolean {
  return !!node && node.type === 'unary' && node.value === '{' && Array.isArray(node.lhs);
}

/** A function argument that may sit beside the source path: literals, variables, paths, tables of literals. */
function isSimple(node: AstNode, scope: Scope): boolean {
  if (isLiteral(node) || node.type === 'variable' || resolvePath(node, scope)) return true;
  if (isObjectConstructor(node)) return (node.lhs as Array<[AstNode, AstNode]>).every(([k, v]) => isLiteral(k) && isLiteral(v));
  return false;
}

/** A line's source and label, when the value is one of the drawable shapes. */
function readLine(node: AstNode, scope: Scope): { source: FieldPath; via?: string } | undefined {
  const direct = resolvePath(node, scope);
  if (direct?.length) return { source: joinPath(direct) };
  if (node.type === 'unary' && node.value === '[' && node.expressions?.length === 1) {
    const inner = resolvePath(node.expressions[0], scope);
    if (inner?.length) return { source: joinPath(inner), via: '[ ]' };
  }
  if (node.type === 'function' && node.procedure?.type === 'variable') {
    let source: string[] | undefined;
    for (const argument of node.arguments ?? []) {
      const path = source ? undefined : resolvePath(argument, scope);
      if (path?.length) source = path;
      else if (!isSimple(argument, scope)) return undefined;
    }
    if (source) return { source: joinPath(source), via: `$${String(node.procedure.value)}` };
  }
  if (node.type === 'binary' && ARITHMETIC.has(String(node.value))) {
    const lhs = node.lhs as AstNode;
    const left = resolvePath(lhs, scope);
    const right = resolvePath(node.rhs, scope);
    if (left?.length && node.rhs?.type === 'number') return { source: joinPath(left), via: `${String(node.value)} ${String(node.rhs.value)}` };
    if (right?.length && lhs.type === 'number') return { source: joinPath(right), via: `${String(lhs.value)} ${String(node.value)}` };
  }
  return undefined;
}

/** The object constructor a list item becomes, and the bindings before it (`( $q := …; { … } )`). */
function itemBody(node: AstNode | undefined): { object: AstNode; bindings: AstNode[] } | undefined {
  if (node && isObjectConstructor(node)) return { object: node, bindings: [] };
  if (node?.type === 'block' && node.expressions?.length && isObjectConstructor(node.expressions.at(-1))) {
    return { object: node.expressions.at(-1)!, bindings: node.expressions.slice(0, -1) };
  }
  return undefined;
}

/** Adds `$name := <plain path>` bindings to `scope.aliases`; returns the ones added. */
function bindAliases(bindings: AstNode[], scope: Scope): Record<string, FieldPath> {
  const added: Record<string, FieldPath> = {};
  for (const binding of bindings) {
    const variable = binding.lhs as AstNode | undefined;
    if (binding.type !== 'bind' || variable?.type !== 'variable') continue;
    const path = resolvePath(binding.rhs, scope);
    if (!path) continue;
    scope.aliases[String(variable.value)] = path;
    added[String(variable.value)] = joinPath(path);
  }
  return added;
}

/** Offset of the `{` of an object-constructor node (its AST position is 1-based, just past the brace). */
function braceOffset(source: string, node: AstNode): number {
  const guess = (node.position ?? 1) - 1;
  if (source[guess] === '{') return guess;
  const before = source.lastIndexOf('{', guess);
  if (before < 0) throw new Error('object constructor not found in the source');
  return before;
}

function readEach(source: string, node: AstNode, start: number, end: number, scope: Scope): EachField | undefined {
  const wrapped = node.type === 'unary' && node.value === '[' && node.expressions?.length === 1;
  const inner = wrapped ? node.expressions![0]! : node;
  let list: string[] | undefined;
  let body: ReturnType<typeof itemBody>;
  let itemVar: string | undefined;
  if (inner.type === 'path' && inner.steps && inner.steps.length >= 2 && isPlainStep(inner.steps.at(-1)!)) {
    body = itemBody(inner.steps.at(-1));
    list = body && resolveSteps(inner.steps.slice(0, -1), scope);
  } else if (inner.type === 'function' && inner.procedure?.value === 'map' && inner.arguments?.length === 2) {
    const [listNode, lambda] = inner.arguments;
    const parameter = lambda?.type === 'lambda' ? lambda.arguments?.[0] : undefined;
    if (parameter?.type === 'variable' && lambda!.arguments!.length === 1) {
      itemVar = String(parameter.value);
      body = itemBody(lambda!.body);
      list = body && resolvePath(listNode, scope);
    }
  }
  if (!body || !list?.length) return undefined;
  const itemScope: Scope = { base: list, aliases: { ...scope.aliases }, ...(itemVar ? { itemVar } : {}) };
  const aliases = bindAliases(body.bindings, itemScope);
  const open = braceOffset(source, body.object);
  if (open < start || open >= end) return undefined;
  const object = readObject(source, open, body.object, itemScope);
  return {
    kind: 'each',
    key: '',
    source: joinPath(list),
    ...(itemVar ? { itemVar } : {}),
    before: source.slice(start, open),
    after: source.slice(object.close + 1, end),
    wrapped,
    aliases,
    fields: object.fields,
  };
}

type FieldBody = TargetField extends infer F ? (F extends TargetField ? Omit<F, 'key' | 'keyCode' | 'comment'> : never) : never;

function classify(source: string, node: AstNode, start: number, end: number, scope: Scope): FieldBody {
  const code = source.slice(start, end);
  if (isLiteral(node)) return { kind: 'constant', code };
  if (isObjectConstructor(node)) {
    const open = braceOffset(source, node);
    if (open === start) return { kind: 'object', fields: readObject(source, open, node, scope).fields };
  }
  const each = readEach(source, node, start, end, scope);
  if (each) {
    const { key: _key, ...rest } = each;
    return rest;
  }
  const line = readLine(node, scope);
  if (line) return { kind: 'line', ...line, code };
  return { kind: 'custom', code };
}

function readObject(source: string, open: number, node: AstNode, scope: Scope): { fields: TargetField[]; close: number } {
  const span = scanObject(source, open);
  const pairs = node.lhs as Array<[AstNode, AstNode]>;
  if (pairs.length !== span.entries.length) throw new Error('object entries do not match the parse tree');
  const fields = pairs.map(([keyNode, valueNode], i): TargetField => {
    const entry = span.entries[i]!;
    const keyText = source.slice(entry.keyStart, entry.keyEnd);
    const comment = entry.comment ? { comment: entry.comment } : {};
    if (keyNode.type !== 'string') {
      return { kind: 'custom', key: keyText, keyCode: keyText, ...comment, code: source.slice(entry.valueStart, entry.valueEnd) };
    }
    return { key: String(keyNode.value), ...comment, ...classify(source, valueNode, entry.valueStart, entry.valueEnd, scope) } as TargetField;
  });
  return { fields, close: span.close };
}

/** The result object of the expression and the block bindings before it. */
function resultObject(ast: AstNode): { object: AstNode; bindings: AstNode[] } | undefined {
  if (isObjectConstructor(ast)) return { object: ast, bindings: [] };
  if (ast.type === 'block') return itemBody(ast);
  return undefined;
}

/**
 * Reads `source` as an object-constructor mapping. An empty expression is an empty mapping.
 * Never throws: a syntax error or a result that is not an object constructor is reported in the result.
 */
export function parseMapping(source: string): ParseResult {
  if (!source.trim()) return { ok: true, model: { head: '', tail: '', indent: '', aliases: {}, fields: [] } };
  let ast: AstNode;
  try {
    ast = jsonata(source).ast() as unknown as AstNode;
  } catch (error) {
    const { message, position } = error as { message?: string; position?: number };
    return { ok: false, reason: 'syntax', message: message ?? String(error), ...(typeof position === 'number' ? { position } : {}) };
  }
  const result = resultObject(ast);
  if (!result) return { ok: false, reason: 'not-object', message: 'The mapping does not build an object { … }, so it cannot be drawn as lines' };
  try {
    const scope: Scope = { base: [], aliases: {} };
    const aliases = bindAliases(result.bindings, scope);
    const open = braceOffset(source, result.object);
    const object = readObject(source, open, result.object, scope);
    return {
      ok: true,
      model: { head: source.slice(0, open), tail: source.slice(object.close + 1), indent: lineIndent(source, open), aliases, fields: object.fields },
    };
  } catch (error) {
    return { ok: false, reason: 'not-object', message: `The mapping could not be read as lines: ${(error as Error).message}` };
  }
}
