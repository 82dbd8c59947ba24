/**
 * `defineNode`: one declarative definition per node type (the tldraw/React Flow pattern).
 * The registry (nodes/registry.ts) is the one list of types; the flow schema, the palette and the
 * inspector forms are all derived from these definitions.
 */
import type { z } from 'zod';
import type { JsonPath } from './errors.js';
import type { NodeContext, NodeOutputs } from './context.js';
import type { Message } from './message.js';
import { compileExpression, type CompiledExpression, type ExpressionLimits } from './expression.js';
import type { RetryPolicy } from './retry.js';

export type NodeCategory = 'trigger' | 'transform' | 'validate' | 'guard' | 'route' | 'connector' | 'respond';

/** The name of the port every node may use to route its failures. */
export const ERROR_PORT = 'error';

/** Tools a node's `compile` receives at publish time. */
export interface CompileTools {
  /**
   * Compiles a JSONata expression found at `field` (a path inside the node's config).
   * @throws ExpressionError carrying the flow-file path of the field and the position in the expression.
   */
  expression(source: string, field: JsonPath): CompiledExpression;
}

export interface NodeDefinition<Schema extends z.ZodType = z.ZodType, Compiled = unknown> {
  /** `category.name`, e.g. `transform.jsonata`. Never changes once published. */
  type: string;
  /** Bumped when the config shape changes; flows record the version they were drawn with. */
  version: number;
  title: string;
  category: NodeCategory;
  /** One sentence for the palette tooltip. */
  description: string;
  /** Icon name understood by the designer (see client/src/canvas/icons.tsx). */
  icon: string;
  config: Schema;
  /** Input port names (empty for triggers). */
  inputs: readonly string[];
  /** Output port names; a function when ports depend on the config (a router's routes). */
  outputs: readonly string[] | ((config: z.output<Schema>) => string[]);
  /**
   * Splitter (EIP): on these output ports the payload is an array and each element travels on as its own
   * message, in order (e.g. one message per record id of a Salesforce change event). Downstream nodes then
   * run once per element; their idempotency keys carry the visit (`<runId>:<nodeId>~2`).
   */
  splitPorts?: readonly string[];
  /** True when the node changes something outside Ledgerflow (gets an idempotency key, is retried with care). */
  sideEffect?: boolean;
  /**
   * The target system (connection) the node calls, e.g. "erp": holds, circuit breakers and throttles apply
   * per connection. Undefined for nodes that call nothing.
   */
  connection?(config: z.output<Schema>): string | undefined;
  /** Default retry policy; a node's config may override it with a `retry` field. */
  retry?: RetryPolicy;
  /** Runs at publish: compile expressions, precompute. Throws ExpressionError for bad expressions. */
  compile?(config: z.output<Schema>, tools: CompileTools): Compiled;
  /** Runs once per message. Returns outputs keyed by port; throw a NodeError to fail the step. */
  execute(ctx: NodeContext<z.output<Schema>, Compiled>, message: Message): Promise<NodeOutputs> | NodeOutputs;
}

/** Identity function that gives a node definition its types (config inferred from the zod schema). */
export function defineNode<Schema extends z.ZodType, Compiled = undefined>(
  definition: NodeDefinition<Schema, Compiled>,
): NodeDefinition<Schema, Compiled> {
  return definition;
}

/** Output ports of a node for a given (parsed) config. */
export function outputPorts(definition: NodeDefinition, config: unknown): string[] {
  const ports = typeof definition.outputs === 'function' ? definition.outputs(config) : [...definition.outputs];
  return ports.includes(ERROR_PORT) ? ports : [...ports, ERROR_PORT];
}

/** Builds the CompileTools for one node, prefixing field paths with the node's place in the flow file. */
export function compileToolsFor(nodePath: JsonPath, limits?: ExpressionLimits): CompileTools {
  return {
    expression: (source, field) => compileExpression(source, [...nodePath, 'config', ...field], limits),
  };
}
