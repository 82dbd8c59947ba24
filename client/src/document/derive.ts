/**
 * What the document slice derives from the flow rather than stores: each node's ports (from its type, config and
 * the edges naming it), broken-edge flags, the client-side issues and their count per node, and the selection
 * summary. Pure functions over canvas records; unchanged records keep their identity so React Flow redraws
 * only what changed.
 */
import type { FlowEdge } from '../../../nodes/sdk/flow.js';
import type { DocumentModel } from './commands.js';
import { canvasToFlow, type DesignerEdge, type DesignerNode, type NoteNode } from './convert.js';
import { checkFlow } from './flowIssues.js';
import { nodePorts, samePorts } from './ports.js';

/** Each node's ports (with placeholders for ports its edges name); unchanged nodes keep their identity. */
export function derivePorts(nodes: DesignerNode[], flowEdges: readonly FlowEdge[]): DesignerNode[] {
  const touching = new Map<string, FlowEdge[]>();
  for (const edge of flowEdges) {
    for (const end of edge.source === edge.target ? [edge.source] : [edge.source, edge.target]) {
      const list = touching.get(end);
      if (list) list.push(edge);
      else touching.set(end, [edge]);
    }
  }
  return nodes.map((node) => {
    const ports = nodePorts(node.id, node.data.type, node.data.config, touching.get(node.id) ?? []);
    return samePorts(node.data.ports, ports) ? node : { ...node, data: { ...node.data, ports } };
  });
}

/** Ports, broken-edge flags and issues for a document; unchanged nodes and edges keep their identity. */
export function derive({ meta, nodes, edges, notes }: DocumentModel) {
  const flow = canvasToFlow(meta, nodes, edges, notes);
  const issues = checkFlow(flow);
  const broken = new Map<string, string>();
  const issueCountByNode: Record<string, number> = {};
  for (const issue of issues) {
    if (issue.edgeId && (issue.code === 'edge-port-missing' || issue.code === 'edge-node-missing')) {
      broken.set(issue.edgeId, broken.has(issue.edgeId) ? `${broken.get(issue.edgeId)}; ${issue.message}` : issue.message);
    }
    if (issue.nodeId) issueCountByNode[issue.nodeId] = (issueCountByNode[issue.nodeId] ?? 0) + 1;
  }
  const nextNodes = derivePorts(nodes, flow.edges);
  const nextEdges = edges.map((edge) => {
    const reason = broken.get(edge.id);
    return edge.data?.broken === reason ? edge : { ...edge, data: { ...edge.data, broken: reason } };
  });
  return { nodes: nextNodes, edges: nextEdges, issues, issueCountByNode };
}

/** The selection summary the inspector and toolbar read: the one selected node or edge, and how many are selected. */
export function selectionOf(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[], notes: readonly NoteNode[]) {
  let nodeCount = 0;
  let edgeCount = 0;
  let noteCount = 0;
  let nodeId: string | undefined;
  let edgeId: string | undefined;
  for (const n of nodes) if (n.selected) (nodeCount++, (nodeId ??= n.id));
  for (const e of edges) if (e.selected) (edgeCount++, (edgeId ??= e.id));
  for (const n of notes) if (n.selected) noteCount++;
  return {
    selectedNodeId: nodeCount === 1 && edgeCount === 0 ? nodeId : undefined,
    selectedEdgeId: edgeCount === 1 && nodeCount === 0 ? edgeId : undefined,
    selectionCount: nodeCount + edgeCount + noteCount,
  };
}

/** The record with `selected` set, or the same record when it already is (so unchanged records keep their identity). */
export const withSelected = <T extends { selected?: boolean }>(record: T, selected: boolean): T =>
  Boolean(record.selected) === selected ? record : { ...record, selected };
