/**
 * The path a run took through its flow: which nodes ran (with their last status and attempts) and which
 * edges carried a message. An edge is taken when its source ran and fired its port (the port is among the
 * step's outputs, or it is the `error` port of a failed step) and its target ran.
 */
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { StepRecord } from '../../../server/storage/types.js';

export interface NodeOnPath {
  status: StepRecord['status'] | 'retrying';
  attempts: number;
  error?: string;
}

export function runPath(flow: Flow, steps: readonly StepRecord[]): { nodes: Map<string, NodeOnPath>; edges: Set<string> } {
  const nodes = new Map<string, NodeOnPath>();
  const fired = new Map<string, Set<string>>();
  for (const step of [...steps].sort((a, b) => a.seq - b.seq)) {
    const previous = nodes.get(step.nodeId);
    const retrying = step.status === 'failed' && step.retryInMs !== undefined;
    nodes.set(step.nodeId, {
      status: retrying ? 'retrying' : step.status,
      attempts: (previous?.attempts ?? 0) + 1,
      ...(step.error ? { error: step.error.message } : {}),
    });
    const ports = fired.get(step.nodeId) ?? new Set<string>();
    for (const port of Object.keys(step.output ?? {})) ports.add(port);
    if (step.status === 'failed' && !retrying) ports.add('error');
    fired.set(step.nodeId, ports);
  }
  const edges = new Set<string>();
  for (const edge of flow.edges) {
    if (fired.get(edge.source)?.has(edge.sourcePort) && nodes.has(edge.target)) edges.add(edge.id);
  }
  return { nodes, edges };
}
