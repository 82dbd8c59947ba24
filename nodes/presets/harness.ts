/**
 * A test harness for node types (Activepieces/n8n style): parses a config with the node's schema, compiles
 * it, and runs `execute` with a context whose HTTP client answers from a function and records requests.
 */
import type { NodeDefinition } from '../sdk/define.js';
import { compileToolsFor } from '../sdk/define.js';
import type { NodeContext, NodeOutputs, OutboundRequest, OutboundResponse } from '../sdk/context.js';
import type { Json, Message } from '../sdk/message.js';

export interface HarnessRun {
  outputs: NodeOutputs;
  requests: OutboundRequest[];
  businessKeys: Record<string, string>;
}

export function message(payload: Json): Message {
  return { payload, meta: { runId: 'run_test', flowId: 'flow', flowVersion: 1, correlationId: 'corr-1', businessKeys: {} } };
}

/**
 * Runs `definition` once on `payload`.
 * @param answer the HTTP answer for each request (default 200 `{}`)
 */
export async function runNode(
  definition: NodeDefinition,
  config: unknown,
  payload: Json,
  answer: (request: OutboundRequest) => OutboundResponse = () => ({ status: 200, headers: {}, body: {} }),
): Promise<HarnessRun> {
  const parsed = definition.config.parse(config);
  const compiled = definition.compile?.(parsed, compileToolsFor(['nodes', 0]));
  const requests: OutboundRequest[] = [];
  const businessKeys: Record<string, string> = {};
  const ctx = {
    node: { id: 'node-1', type: definition.type },
    config: parsed,
    compiled,
    attempt: 1,
    idempotencyKey: 'run_test:node-1',
    http: { request: async (request: OutboundRequest) => (requests.push(request), answer(request)) },
    guards: { claim: async () => ({ claimed: true }), advance: async () => ({ applied: true }) },
    markDuplicate: () => undefined,
    setBusinessKey: (name: string, value: string) => void (businessKeys[name] = value),
    xref: { lookup: async () => [], save: async () => undefined },
    reports: { save: async () => ({ id: 'r1' }) },
    respond: () => undefined,
    log: { info: () => undefined, warn: () => undefined, error: () => undefined },
    now: () => Date.parse('2025-03-16T00:00:00Z'),
    signal: new AbortController().signal,
  } as unknown as NodeContext<unknown, unknown>;
  const outputs = await definition.execute(ctx, message(payload));
  return { outputs, requests, businessKeys };
}
