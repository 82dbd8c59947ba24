/**
 * Checks a mapping's preview output against its target: a canonical model or a JSON Schema. The check is
 * the `validate.schema` node itself (compiled and executed on the output), so the preview says exactly what
 * the run's validation step will say: `item.items is a single object where an array is required…` (case M1),
 * `total is required but missing` (case M2). Type mismatches are spelled out with the value found.
 */
import { compileToolsFor } from '../../../nodes/sdk/define.js';
import { ExpressionError, NodeError } from '../../../nodes/sdk/errors.js';
import type { Message } from '../../../nodes/sdk/message.js';
import { schemaValidator, type SchemaProblem } from '../../../nodes/validate.schema.js';

/** What the output must match: a canonical model by name, or a JSON Schema (draft 2020-12). */
export type TargetCheck = { kind: 'model'; model: string } | { kind: 'schema'; schema: Record<string, unknown> };

type Compiled = ReturnType<NonNullable<typeof schemaValidator.compile>>;

const compiledChecks = new Map<string, Compiled>();

function compiled(check: TargetCheck): Compiled {
  const key = JSON.stringify(check);
  let hit = compiledChecks.get(key);
  if (!hit) {
    const config = check.kind === 'model' ? { model: check.model } : { schema: check.schema };
    hit = schemaValidator.compile!(schemaValidator.config.parse(config), compileToolsFor([]));
    if (compiledChecks.size > 20) compiledChecks.clear();
    compiledChecks.set(key, hit);
  }
  return hit;
}

/** `payload.item.items[0].amount` → `item.items[0].amount` (paths of the mapping's own output). */
function outputPath(path: string): string {
  const rest = path.replace(/^payload/, '').replace(/^\./, '');
  return rest || '(root)';
}

/** The value at a readable path (`a.b[0]["c d"]`) inside `value`. */
function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const match of path.matchAll(/\.?([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    const key = match[1] ?? (match[2] !== undefined ? Number(match[2]) : JSON.parse(match[3]!));
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value === 'string' ? 'the text' : `the ${typeof value}`} ${text.length > 40 ? `${text.slice(0, 39)}…` : text}`;
}

const ARTICLE: Record<string, string> = { integer: 'an integer', object: 'an object', array: 'a list' };

/**
 * Ajv's `must be number` → `is the text "12.5" where a number is required`; a model's issue on an absent
 * field (`Invalid option: expected one of …`) → `is required but missing (expected one of …)`.
 */
function plainProblem(problem: SchemaProblem, output: unknown): SchemaProblem {
  const path = outputPath(problem.path);
  const found = valueAt(output, path === '(root)' ? '' : path);
  // A model's enum or literal field that is absent is reported by zod as a wrong value: it is missing.
  if (found === undefined && path !== '(root)' && problem.message !== 'is required but missing') {
    return { path, message: `is required but missing (${problem.message.replace(/^Invalid option: /, '')})` };
  }
  const type = /^must be (\w+)$/.exec(problem.message)?.[1];
  if (!type) return { path, message: problem.message };
  return { path, message: `is ${describe(found)} where ${ARTICLE[type] ?? `a ${type}`} is required` };
}

/**
 * Every problem of `output` against `check`, with paths inside the output; empty when it matches.
 * An output of nothing is one problem at the root.
 */
export async function checkTarget(output: unknown, check: TargetCheck): Promise<SchemaProblem[]> {
  if (output === undefined) return [{ path: '(root)', message: 'the mapping gives nothing, so nothing would be sent' }];
  let validator: Compiled;
  try {
    validator = compiled(check);
  } catch (error) {
    const message = error instanceof ExpressionError || error instanceof Error ? error.message : String(error);
    return [{ path: '(schema)', message: `the target schema cannot be used: ${message}` }];
  }
  const message = { payload: output, meta: {} } as unknown as Message;
  try {
    // validate.schema's execute reads only the compiled validator from its context.
    await schemaValidator.execute({ compiled: validator } as never, message);
    return [];
  } catch (error) {
    if (error instanceof NodeError && error.code === 'validation-failed') {
      const problems = (error.details as { problems?: SchemaProblem[] } | undefined)?.problems ?? [];
      return problems.map((problem) => plainProblem(problem, output));
    }
    return [{ path: '(root)', message: error instanceof Error ? error.message : String(error) }];
  }
}
