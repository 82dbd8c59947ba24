/**
 * Business keys declared per node (`FlowNode.businessKeys`: key name → JSONata): compiled at publish with
 * the flow's bounds, evaluated by the executor on a node's output message after a successful step. The
 * values land on the step record and on the run summary (searchable in history, read by lineage).
 *
 * A key whose expression selects nothing is simply not set (a branch without that id); one that gives an
 * object or array, or fails, is logged and skipped: business keys describe a run, they never fail it.
 */
import type { NodeOutputs } from '../../nodes/sdk/context.js';
import { ExpressionError, type FlowIssue, type JsonPath } from '../../nodes/sdk/errors.js';
import { compileExpression, type CompiledExpression, type ExpressionLimits } from '../../nodes/sdk/expression.js';
import type { FlowNode } from '../../nodes/sdk/flow.js';
import type { Message } from '../../nodes/sdk/message.js';

export interface CompiledBusinessKey {
  name: string;
  expression: CompiledExpression;
}

/** Compiles a node's business keys; syntax errors are added to `issues` (code `expression-syntax`). */
export function compileBusinessKeys(node: FlowNode, nodePath: JsonPath, limits: ExpressionLimits, issues: FlowIssue[]): CompiledBusinessKey[] {
  const out: CompiledBusinessKey[] = [];
  for (const [name, source] of Object.entries(node.businessKeys ?? {})) {
    const path = [...nodePath, 'businessKeys', name];
    try {
      out.push({ name, expression: compileExpression(source, path, limits) });
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({
        code: 'expression-syntax',
        path,
        nodeId: node.id,
        message: `business key "${name}": ${error.message}`,
        ...(error.details.position !== undefined ? { position: error.details.position } : {}),
      });
    }
  }
  return out;
}

/** The message a node's business keys are evaluated on: its first output that fired, `error` port last. */
function outputMessage(outputs: NodeOutputs): Message | undefined {
  const fired = Object.entries(outputs).filter((entry): entry is [string, Message] => entry[1] !== undefined);
  return (fired.find(([port]) => port !== 'error') ?? fired[0])?.[1];
}

/**
 * Evaluates `keys` on the node's output message.
 * @returns the values found (strings; numbers and booleans as text). Never throws: `warn` hears of problems.
 */
export async function evaluateBusinessKeys(
  keys: readonly CompiledBusinessKey[] | undefined,
  outputs: NodeOutputs,
  warn: (message: string, fields: Record<string, unknown>) => void,
): Promise<Record<string, string>> {
  const found: Record<string, string> = {};
  if (!keys?.length) return found;
  const message = outputMessage(outputs);
  if (!message) return found;
  for (const key of keys) {
    try {
      const value = await key.expression.evaluate(message);
      if (value === undefined || value === null || value === '') continue;
      if (typeof value === 'object') {
        warn('business key gave an object or array, not an id: not recorded', { key: key.name });
        continue;
      }
      found[key.name] = String(value);
    } catch (error) {
      warn('business key could not be evaluated', { key: key.name, error: (error as Error).message });
    }
  }
  return found;
}
