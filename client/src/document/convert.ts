/**
 * Flow file ⇄ React Flow. The flow file (nodes/sdk/flow.ts) is the document; React Flow nodes and edges are
 * its view model, carrying the node type's presentation (title, icon, ports) in `data`.
 * Edge handles are port names: `sourceHandle = sourcePort`, `targetHandle = targetPort`.
 */
import type { Edge, Node } from '@xyflow/react';
import type { Flow, FlowEdge, FlowNode, FlowNote } from '../../../nodes/sdk/flow.js';
import type { NodePorts } from './ports.js';

export interface DesignerNodeData extends Record<string, unknown> {
  type: string;
  typeVersion: number;
  name?: string;
  config: Record<string, unknown>;
  ports: NodePorts;
  /** Fields of the flow node the canvas does not edit (e.g. `businessKeys`), written back unchanged. */
  extra?: Record<string, unknown>;
}

export interface DesignerEdgeData extends Record<string, unknown> {
  /** Why the edge cannot run (its port or node is missing); undefined for a sound edge. */
  broken?: string;
}

export interface NoteNodeData extends Record<string, unknown> {
  text: string;
}

export type DesignerNode = Node<DesignerNodeData, 'ledger'>;
export type DesignerEdge = Edge<DesignerEdgeData, 'ledger'>;
/**
 * A sticky note on the canvas. Its React Flow id is `note:<note id>` (":" cannot occur in a flow id, so a
 * note never collides with a node); its size is the React Flow node's `width`/`height`.
 */
export type NoteNode = Node<NoteNodeData, 'note'>;

/** The flow-level fields of the document (everything but nodes, edges and notes). */
export type FlowMeta = Omit<Flow, 'nodes' | 'edges' | 'notes'>;

export const NOTE_PREFIX = 'note:';
export const isNoteId = (canvasId: string) => canvasId.startsWith(NOTE_PREFIX);
export const noteCanvasId = (noteId: string) => `${NOTE_PREFIX}${noteId}`;
export const noteIdOf = (canvasId: string) => canvasId.slice(NOTE_PREFIX.length);

const EMPTY_PORTS: NodePorts = { inputs: [], outputs: [] };

export function toDesignerNode(node: FlowNode): DesignerNode {
  const { id, type, typeVersion, name, position, config, ...extra } = node;
  return {
    id,
    type: 'ledger',
    position: { ...position },
    data: {
      type,
      typeVersion,
      ...(name !== undefined ? { name } : {}),
      config,
      ports: EMPTY_PORTS,
      ...(Object.keys(extra).length ? { extra } : {}),
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

export function toNoteNode(note: FlowNote): NoteNode {
  return {
    id: noteCanvasId(note.id),
    type: 'note',
    position: { ...note.position },
    width: note.size.width,
    height: note.size.height,
    data: { text: note.text },
  };
}

export function toFlowNote(note: NoteNode): FlowNote {
  return {
    id: noteIdOf(note.id),
    text: note.data.text,
    position: { x: Math.round(note.position.x), y: Math.round(note.position.y) },
    size: { width: Math.round(note.width ?? note.measured?.width ?? 240), height: Math.round(note.height ?? note.measured?.height ?? 120) },
  };
}

export function flowToCanvas(flow: Flow): { meta: FlowMeta; nodes: DesignerNode[]; edges: DesignerEdge[]; notes: NoteNode[] } {
  const { nodes, edges, notes = [], ...meta } = flow;
  return { meta, nodes: nodes.map(toDesignerNode), edges: edges.map(toDesignerEdge), notes: notes.map(toNoteNode) };
}

/** Builds the flow file from the canvas (positions rounded, as the server stores them). */
export function canvasToFlow(meta: FlowMeta, nodes: readonly DesignerNode[], edges: readonly DesignerEdge[], notes: readonly NoteNode[] = []): Flow {
  return {
    ...meta,
    nodes: nodes.map((node) => ({
      id: node.id,
      type: node.data.type,
      typeVersion: node.data.typeVersion,
      ...(node.data.name ? { name: node.data.name } : {}),
      position: { x: Math.round(node.position.x), y: Math.round(node.position.y) },
      config: node.data.config,
      ...node.data.extra,
    })),
    edges: edges.map((edge) => ({
      id: edge.id,
      source: edge.source,
      sourcePort: edge.sourceHandle ?? 'out',
      target: edge.target,
      targetPort: edge.targetHandle ?? 'in',
    })),
    ...(notes.length ? { notes: notes.map(toFlowNote) } : {}),
  };
}
