/**
 * Flow file ⇄ React Flow. The flow file (nodes/sdk/flow.ts) is the document; React Flow nodes and edges are
 * its view model, carrying the node type's presentation (title, icon, ports) in `data`.
 * Edge handles are port names: `sourceHandle = sourcePort`, `targetHandle = targetPort`.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Flow, FlowEdge, FlowNode } from '../../../nodes/sdk/flow.js';
import type { NodePorts } from './ports.js';

export interface DesignerNodeData extends Record<string, unknown> {
  type: string;
  typeVersion: number;
  name?: string;
  config: Record<string, unknown>;
  ports: NodePorts;
}

export interface DesignerEdgeData extends Record<string, unknown> {
  /** Why the edge cannot run (its port or node is missing); undefined for a sound edge. */
  broken?: string;
}

export type DesignerNode = Node<DesignerNodeData, 'ledger'>;
export type DesignerEdge = Edge<DesignerEdgeData, 'ledger'>;

/** The flow-level fields of the document (everything but nodes and edges). */
export type FlowMeta = Omit<Flow, 'nodes' | 'edges'>;

const EMPTY_PORTS: NodePorts = { inputs: [], outputs: [] };

export function toDesignerNode(node: FlowNode): DesignerNode {
  return {
    id: node.id,
    type: 'ledger',
    position: { ...node.position },
    data: {
      type: node.type,
      typeVersion: node.typeVersion,
      ...(node.name !== undefined ? { name: node.name } : {}),
      config: node.config,
      ports: EMPTY_PORTS,
    },
  };
}

export function toDesignerEdge(edge: FlowEdge): DesignerEdge {
  return {
    id: edge.id,
    type: 'ledger',
    source: edge.source,
    sourceHandle: edge.sourcePort,
    target: edge.target,
    targetHandle: edge.targetPort,
    data: {},
  };
}

export function flowToCanvas(flow: Flow): { meta: FlowMeta; nodes: DesignerNode[]; edges: DesignerEdge[] } {
  const { nodes, edges, ...meta } = flow;
  return { meta, nodes: nodes.map(toDesignerNode), edges: edges.map(toDesignerEdge) };
}

/** Builds the flow file from the canvas (positions rounded, as the server stores them). */
export function canvasToFlow(meta: FlowMeta, nodes: readonly DesignerNode[], edges: readonly DesignerEdge[]): Flow {
  return {
    ...meta,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.data.type,
      typeVersion: node.data.typeVersion,
      ...(node.data.name ? { name: node.data.name } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourcePort: edge.sourceHandle ?? 'out',
      target: edge.target,
      targetPort: edge.targetHandle ?? 'in',
    })),
  };
}
