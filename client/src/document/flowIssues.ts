/**
 * Client-side checks run on every edit: structure (`loadFlow`), semantics (`validateFlow`: unknown types,
 * invalid configs, edges to missing ports) and JSONata syntax, compiled the way the server compiles at
 * publish (server/runtime/compile.ts, issue code `expression-syntax` with the position in the expression).
 */
import { compileToolsFor } from '../../../nodes/sdk/define.js';
import { ExpressionError, FlowValidationError, type FlowIssue, type JsonPath } from '../../../nodes/sdk/errors.js';
import { loadFlow, validateFlow, type Flow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';

interface ExpressionProblem {
  path: JsonPath;
  message: string;
  position?: number;
}

/** Compile results per config object: configs are immutable in the store, so identity is a safe key. */
const compiledConfigs = new WeakMap<object, ExpressionProblem[]>();
/**
 * The same by content, for configs equal to one compiled before (a loaded flow, a pasted copy, undo): big
 * flows repeat configs (e.g. one JSON Schema in many validate nodes). Bounded: cleared when it grows large.
 */
const compiledByContent = new Map<string, ExpressionProblem[]>();
const CONTENT_CACHE_LIMIT = 5000;

function expressionProblems(type: string, config: Record<string, unknown>, limits: { timeoutMs: number; maxDepth: number }): ExpressionProblem[] {
  const cached = compiledConfigs.get(config);
  if (cached) return cached;
  const key = `${type}\u0000${limits.timeoutMs}\u0000${limits.maxDepth}\u0000${JSON.stringify(config)}`;
  const same = compiledByContent.get(key);
  if (same) {
    compiledConfigs.set(config, same);
    return same;
  }
  const definition = registry.get(type);
  const problems: ExpressionProblem[] = [];
  const parsed = definition?.config.safeParse(config);
  if (definition?.compile && parsed?.success) {
    try {
      definition.compile(parsed.data, compileToolsFor([], limits));
    } catch (error) {
      if (error instanceof ExpressionError) {
        problems.push({
          path: error.details.path ?? ['config'],
          message: error.message,
          ...(error.details.position !== undefined ? { position: error.details.position } : {}),
        });
      } else problems.push({ path: ['config'], message: error instanceof Error ? error.message : String(error) });
    }
  }
  compiledConfigs.set(config, problems);
  if (compiledByContent.size >= CONTENT_CACHE_LIMIT) compiledByContent.clear();
  compiledByContent.set(key, problems);
  return problems;
}

/** Every issue that would stop publishing `flow`; empty when it can be published. */
export function checkFlow(flow: Flow): FlowIssue[] {
  let loaded: Flow;
  try {
    loaded = loadFlow(flow, registry);
  } catch (error) {
    if (error instanceof FlowValidationError) return error.issues;
    return [{ code: 'invalid-structure', path: [], message: error instanceof Error ? error.message : String(error) }];
  }
  const issues = validateFlow(loaded, registry);
  const limits = { timeoutMs: loaded.settings.expressionTimeoutMs, maxDepth: loaded.settings.expressionMaxDepth };
  flow.nodes.forEach((node, i) => {
    for (const problem of expressionProblems(node.type, node.config, limits)) {
      issues.push({
        code: 'expression-syntax',
        path: ['nodes', i, ...problem.path],
        nodeId: node.id,
        message: problem.message,
        ...(problem.position !== undefined ? { position: problem.position } : {}),
      });
    }
  });
  return issues;
}

/** A key that identifies an issue across client and server reports (for de-duplication). */
export function issueKey(issue: FlowIssue): string {
  return `${issue.code}|${issue.path.join('.')}|${issue.nodeId ?? ''}|${issue.edgeId ?? ''}`;
}
