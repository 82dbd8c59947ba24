/**
 * Compiles a flow for execution (at publish, and for test runs of a draft): validates it against the
 * registry, parses every node's config, compiles every JSONata expression (configs and business keys) with
 * the flow's time and depth bounds, and indexes the edges by source port. The result is immutable; a run keeps the one it started on.
 */
import { compileToolsFor, outputPorts, type NodeDefinition } from '../../nodes/sdk/define.js';
import { ExpressionError, FlowValidationError, type FlowIssue } from '../../nodes/sdk/errors.js';
import { validateFlow, type Flow, type FlowNode } from '../../nodes/sdk/flow.js';
import { defaultRetryPolicy, RetryPolicySchema, type RetryPolicy } from '../../nodes/sdk/retry.js';
import { registry } from '../../nodes/registry.js';
import { compileBusinessKeys, type CompiledBusinessKey } from './business-keys.js';

export interface CompiledNode {
  node: FlowNode;
  definition: NodeDefinition;
  /** Config parsed by the node type's schema (defaults applied). */
  config: unknown;
  compiled: unknown;
  ports: string[];
  /** Targets per output port. */
  outgoing: Map<string, Array<{ target: string; port: string }>>;
  retry: RetryPolicy;
  /** Target system the node calls (holds, circuit breaker, throttle), if any. */
  connection?: string;
  /** The node's declared business keys, evaluated on its output after each successful step. */
  businessKeys?: CompiledBusinessKey[];
}

export interface CompiledFlow {
  flow: Flow;
  /** Published version number; 0 for a draft. */
  version: number;
  nodes: Map<string, CompiledNode>;
  triggers: CompiledNode[];
}

const SINGLE_ATTEMPT: RetryPolicy = { ...defaultRetryPolicy, maxAttempts: 1 };

function retryPolicyOf(definition: NodeDefinition, config: unknown): RetryPolicy {
  const own = (config as { retry?: unknown } | undefined)?.retry;
  if (own !== undefined) {
    const parsed = RetryPolicySchema.safeParse(own);
    if (parsed.success) return parsed.data;
  }
  return definition.retry ?? SINGLE_ATTEMPT;
}

/**
 * @throws FlowValidationError listing every issue: those of `validateFlow` plus expression syntax errors
 *   (code `expression-syntax`, with `path` to the config field and `position` in the expression).
 */
export function compileFlow(flow: Flow, version: number): CompiledFlow {
  const issues: FlowIssue[] = validateFlow(flow, registry);
  if (issues.length) throw new FlowValidationError(issues);

  const limits = { timeoutMs: flow.settings.expressionTimeoutMs, maxDepth: flow.settings.expressionMaxDepth };
  const nodes = new Map<string, CompiledNode>();
  flow.nodes.forEach((node, i) => {
    const definition = registry.get(node.type)!;
    const config = definition.config.parse(node.config);
    const businessKeys = compileBusinessKeys(node, ['nodes', i], limits, issues);
    let compiled: unknown;
    try {
      compiled = definition.compile?.(config, compileToolsFor(['nodes', i], limits));
    } catch (error) {
      if (!(error instanceof ExpressionError)) throw error;
      issues.push({
        code: 'expression-syntax',
        path: error.details.path ?? ['nodes', i, 'config'],
        nodeId: node.id,
        message: error.message,
        ...(error.details.position !== undefined ? { position: error.details.position } : {}),
      });
      return;
    }
    nodes.set(node.id, {
      node,
      definition,
      config,
      compiled,
      ports: outputPorts(definition, config),
      outgoing: new Map(),
      retry: retryPolicyOf(definition, config),
      ...(definition.connection?.(config) ? { connection: definition.connection(config) } : {}),
      ...(businessKeys.length ? { businessKeys } : {}),
    });
  });
  if (issues.length) throw new FlowValidationError(issues);

  for (const edge of flow.edges) {
    const source = nodes.get(edge.source)!;
    const list = source.outgoing.get(edge.sourcePort) ?? [];
    list.push({ target: edge.target, port: edge.targetPort });
    source.outgoing.set(edge.sourcePort, list);
  }
  const triggers = [...nodes.values()].filter((n) => n.definition.category === 'trigger');
  return { flow, version, nodes, triggers };
}
