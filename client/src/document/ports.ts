/**
 * The ports a node shows on the canvas: those its type declares for its current config (a router's routes
 * come from `outputPorts(definition, config)`), plus a placeholder for every port an edge names that the type
 * does not have (case E1). React Flow silently drops an edge whose handle is missing, so placeholders keep
 * such edges visible; they are drawn red and listed in the problems panel.
 */
import { ERROR_PORT, outputPorts } from '../../../nodes/sdk/define.js';
import { parseNodeConfig, type FlowEdge } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { nodeTypeInfo } from '../catalog/catalogStore.js';

export interface PortView {
  name: string;
  /** True for a placeholder: an edge uses this port but the node type does not declare it. */
  missing: boolean;
}

export interface NodePorts {
  inputs: PortView[];
  outputs: PortView[];
}

/** Declared ports of a node type for a config; `known: false` when the type is not in the registry. */
export function declaredPorts(type: string, config: unknown): { inputs: string[]; outputs: string[]; known: boolean } {
  const definition = registry.get(type);
  if (definition && typeof definition.outputs !== 'function') {
    // Fixed ports: no need to parse the config (a big flow opens faster).
    return { inputs: [...definition.inputs], outputs: unique(outputPorts(definition, {})), known: true };
  }
  if (definition) {
    const parsed = parseNodeConfig(definition, config);
    let outputs: string[];
    if (parsed !== undefined) outputs = outputPorts(definition, parsed);
    else {
      // While a config is being edited it is often invalid; show the ports it names so edges stay put.
      try {
        outputs = outputPorts(definition, config ?? {});
      } catch {
        outputs = outputPorts(definition, {});
      }
    }
    return { inputs: [...definition.inputs], outputs: unique(outputs), known: true };
  }
  const info = nodeTypeInfo(type);
  if (info) {
    const outputs = info.outputs.includes(ERROR_PORT) ? info.outputs : [...info.outputs, ERROR_PORT];
    return { inputs: [...info.inputs], outputs, known: true };
  }
  return { inputs: [], outputs: [], known: false };
}

function unique(ports: unknown[]): string[] {
  return [...new Set(ports.filter((p): p is string => typeof p === 'string' && p.length > 0))];
}

/** Declared ports plus placeholders for ports that `edges` use on node `nodeId`. */
export function nodePorts(nodeId: string, type: string, config: unknown, edges: readonly FlowEdge[]): NodePorts {
  const declared = declaredPorts(type, config);
  const inputs: PortView[] = declared.inputs.map((name) => ({ name, missing: false }));
  const outputs: PortView[] = declared.outputs.map((name) => ({ name, missing: false }));
  for (const edge of edges) {
    if (edge.target === nodeId && !inputs.some((p) => p.name === edge.targetPort)) inputs.push({ name: edge.targetPort, missing: true });
    if (edge.source === nodeId && !outputs.some((p) => p.name === edge.sourcePort)) outputs.push({ name: edge.sourcePort, missing: true });
  }
  return { inputs, outputs };
}

export function samePorts(a: NodePorts | undefined, b: NodePorts): boolean {
  if (!a) return false;
  const same = (x: PortView[], y: PortView[]) =>
    x.length === y.length && x.every((p, i) => p.name === y[i]!.name && p.missing === y[i]!.missing);
  return same(a.inputs, b.inputs) && same(a.outputs, b.outputs);
}
