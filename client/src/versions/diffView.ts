/**
 * The picture of a version diff: one canvas holding both versions. Nodes of the newer version stand where
 * they are now, removed nodes where they were, each coloured by what happened to it; a moved node also
 * leaves a dashed ghost where it was. Edges of the newer version are drawn, added ones green, and removed
 * edges red and dashed.
 */
import type { Edge, Node } from '@xyflow/react';
import type { FlowDiff, NodeChangeStatus } from '../../../nodes/sdk/flow-diff.js';
import { edgeKey } from '../../../nodes/sdk/flow-diff.js';
import type { Flow, FlowEdge } from '../../../nodes/sdk/flow.js';
import { nodePorts, type NodePorts } from '../document/ports.js';

export interface DiffNodeData extends Record<string, unknown> {
  nodeId: string;
  type: string;
  name?: string;
  status: NodeChangeStatus;
  /** How many fields changed (for `changed`). */
  fieldCount: number;
  ports: NodePorts;
}

export interface GhostData extends Record<string, unknown> {
  nodeId: string;
}

export type DiffCardNode = Node<DiffNodeData, 'diff'>;
export type GhostNode = Node<GhostData, 'ghost'>;
export type DiffCanvasNode = DiffCardNode | GhostNode;
export type DiffEdge = Edge<{ status: 'added' | 'removed' | 'unchanged' }, 'diff'>;

export function diffCanvas(before: Flow, after: Flow, diff: FlowDiff): { nodes: DiffCanvasNode[]; edges: DiffEdge[] } {
  const added = new Set(diff.edges.filter((e) => e.status === 'added').map((e) => e.key));
  const removedEdges = diff.edges.filter((e) => e.status === 'removed').map((e) => e.edge);
  const allEdges: FlowEdge[] = [...after.edges, ...removedEdges];

  const ghosts: GhostNode[] = [];
  const cards: DiffCardNode[] = diff.nodes.map((change) => {
    const node = (change.after ?? change.before)!;
    if (change.moved) {
      ghosts.push({ id: `ghost:${change.id}`, type: 'ghost', position: change.moved.from, data: { nodeId: change.id }, selectable: false, draggable: false, zIndex: -1 });
    }
    return {
      id: change.id,
      type: 'diff',
      position: node.position,
      draggable: false,
      data: {
        nodeId: change.id,
        type: node.type,
        ...(node.name ? { name: node.name } : {}),
        status: change.status,
        fieldCount: change.fields.length,
        ports: nodePorts(node.id, node.type, node.config, allEdges),
      },
    };
  });

  const edge = (e: FlowEdge, status: 'added' | 'removed' | 'unchanged', prefix: string): DiffEdge => ({
    id: `${prefix}:${e.id}`,
    type: 'diff',
    source: e.source,
    sourceHandle: e.sourcePort,
    target: e.target,
    targetHandle: e.targetPort,
    selectable: false,
    data: { status },
  });
  const edges = [
    ...after.edges.map((e) => edge(e, added.has(edgeKey(e)) ? 'added' : 'unchanged', 'now')),
    ...removedEdges.map((e) => edge(e, 'removed', 'was')),
  ];
  return { nodes: [...ghosts, ...cards], edges };
}
