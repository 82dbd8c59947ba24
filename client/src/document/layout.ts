/**
 * Auto-layout with ELK's layered algorithm (Sugiyama style), left to right: triggers on the left, each
 * node one layer right of what feeds it, crossings minimised with ports kept in their drawn order (inputs on
 * the west side, outputs on the east side, top to bottom as on the card). The ELK instance is passed in:
 * the designer runs it in a web worker (canvas/useAutoLayout.ts), tests run the bundled one.
 * Docs: https://eclipse.dev/elk/reference/algorithms/org-eclipse-elk-layered.html
 */
import type { ELK, ElkNode } from 'elkjs/lib/elk-api.js';
import type { DesignerEdge, DesignerNode } from './convert.js';

/** Used for a node React Flow has not measured yet (the card's width and a typical height). */
export const DEFAULT_NODE_SIZE = { width: 224, height: 96 };

const LAYOUT_OPTIONS = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.edgeRouting': 'SPLINES',
  'elk.layered.spacing.nodeNodeBetweenLayers': '72',
  'elk.spacing.nodeNode': '36',
  'elk.spacing.componentComponent': '60',
  'elk.layered.nodePlacement.strategy': 'NETWORK_SIMPLEX',
  'elk.layered.crossingMinimization.strategy': 'LAYER_SWEEP',
  'elk.separateConnectedComponents': 'true',
};

const portId = (nodeId: string, side: 'in' | 'out', port: string) => `${nodeId}\u0000${side}\u0000${port}`;

/** The ELK graph of the flow: one child per node with its ports, one edge per canvas edge between known ports. */
export function elkGraph(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[]): ElkNode {
  const ports = new Map<string, Set<string>>();
  const children: ElkNode[] = nodes.map((node) => {
    const width = node.measured?.width ?? DEFAULT_NODE_SIZE.width;
    const height = node.measured?.height ?? DEFAULT_NODE_SIZE.height;
    const inputs = node.data.ports.inputs.map((p) => p.name);
    const outputs = node.data.ports.outputs.map((p) => p.name);
    const ids = new Set<string>();
    // FIXED_ORDER indices run clockwise from the top-left corner: the east side top to bottom, then the
    // west side bottom to top.
    const elkPorts = [
      ...outputs.map((name, i) => ({ id: portId(node.id, 'out', name), side: 'EAST', index: i })),
      ...inputs.map((name, i) => ({ id: portId(node.id, 'in', name), side: 'WEST', index: outputs.length + inputs.length - 1 - i })),
    ].map(({ id, side, index }) => {
      ids.add(id);
      return { id, width: 8, height: 8, layoutOptions: { 'elk.port.side': side, 'elk.port.index': String(index) } };
    });
    ports.set(node.id, ids);
    return { id: node.id, width, height, ports: elkPorts, layoutOptions: { 'elk.portConstraints': 'FIXED_ORDER' } };
  });
  const elkEdges = edges.flatMap((edge) => {
    const source = portId(edge.source, 'out', edge.sourceHandle ?? 'out');
    const target = portId(edge.target, 'in', edge.targetHandle ?? 'in');
    if (!ports.get(edge.source)?.has(source) || !ports.get(edge.target)?.has(target)) return [];
    return [{ id: edge.id, sources: [source], targets: [target] }];
  });
  return { id: 'root', layoutOptions: LAYOUT_OPTIONS, children, edges: elkEdges };
}

/** Positions (top-left, rounded) of every node after a layered left-to-right layout. */
export async function layeredPositions(
  elk: Pick<ELK, 'layout'>,
  nodes: readonly DesignerNode[],
  edges: readonly DesignerEdge[],
): Promise<Record<string, { x: number; y: number }>> {
  if (!nodes.length) return {};
  const result = await elk.layout(elkGraph(nodes, edges));
  const positions: Record<string, { x: number; y: number }> = {};
  for (const child of result.children ?? []) positions[child.id] = { x: Math.round(child.x ?? 0), y: Math.round(child.y ?? 0) };
  return positions;
}
