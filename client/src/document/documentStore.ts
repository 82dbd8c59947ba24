/**
 * The document slice: the flow being edited (meta, nodes, edges), its issues, the selection and the undo
 * history. Run state (statuses, last input/output) lives in runs/runStore.ts, so a live trace never touches
 * this store and never re-renders the canvas.
 *
 * Every edit is a command through `commit`: it records the previous snapshot (undo), re-derives ports and
 * issues, and marks the draft dirty. A drag commits once, on drag stop; typing in one field within a second
 * is one undo step (`coalesceKey`).
 */
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowIssue } from '../../../nodes/sdk/errors.js';
import type { Flow } from '../../../nodes/sdk/flow.js';
import { canvasToFlow, flowToCanvas, type DesignerEdge, type DesignerNode, type FlowMeta } from './convert.js';
import { checkFlow } from './flowIssues.js';
import { initialConfig, nextEdgeId, nextNodeId, typeVersionOf } from './newNode.js';
import { nodePorts, samePorts } from './ports.js';

interface Snapshot {
  meta: FlowMeta;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
}

interface HistoryEntry {
  snapshot: Snapshot;
  coalesceKey?: string;
  /** ms since the epoch of the last edit folded into this entry. */
  at: number;
}

export interface DocumentState {
  meta?: FlowMeta;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  /** Issues found by the client-side checks on the current document. */
  issues: FlowIssue[];
  issueCountByNode: Record<string, number>;
  /** Issues the server reported on load, the last save, publish or test run (cleared by the next edit). */
  serverIssues: FlowIssue[];
  selectedNodeId?: string;
  selectedEdgeId?: string;
  /** Unsaved edits since load or the last save. */
  dirty: boolean;
  /** Increases with every edit (a save records the revision it sent). */
  revision: number;
  past: HistoryEntry[];
  future: Snapshot[];

  load(flow: Flow): void;
  onNodesChange(changes: NodeChange<DesignerNode>[]): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  connect(connection: Connection): void;
  addNode(type: string, position: XYPosition): string;
  updateNode(id: string, patch: { name?: string; config?: Record<string, unknown> }): void;
  renameFlow(name: string): void;
  remove(target: { nodeIds?: string[]; edgeIds?: string[] }): void;
  deleteSelection(): void;
  select(target: { nodeId?: string; edgeId?: string }): void;
  undo(): void;
  redo(): void;
  toFlow(): Flow | undefined;
  /** The draft at `revision` was saved; still dirty if edited since. */
  markSaved(revision: number, serverIssues: FlowIssue[]): void;
  setServerIssues(issues: FlowIssue[]): void;
}

const COALESCE_MS = 1000;
const HISTORY_LIMIT = 100;

/** Ports, broken-edge flags and issues for a snapshot; unchanged nodes and edges keep their identity. */
function derive({ meta, nodes, edges }: Snapshot) {
  const flow = canvasToFlow(meta, nodes, edges);
  const issues = checkFlow(flow);
  const broken = new Map<string, string>();
  const issueCountByNode: Record<string, number> = {};
  for (const issue of issues) {
    if (issue.edgeId && (issue.code === 'edge-port-missing' || issue.code === 'edge-node-missing')) {
      broken.set(issue.edgeId, broken.has(issue.edgeId) ? `${broken.get(issue.edgeId)}; ${issue.message}` : issue.message);
    }
    if (issue.nodeId) issueCountByNode[issue.nodeId] = (issueCountByNode[issue.nodeId] ?? 0) + 1;
  }
  const nextNodes = nodes.map((node) => {
    const ports = nodePorts(node.id, node.data.type, node.data.config, flow.edges);
    return samePorts(node.data.ports, ports) ? node : { ...node, data: { ...node.data, ports } };
  });
  const nextEdges = edges.map((edge) => {
    const reason = broken.get(edge.id);
    return edge.data?.broken === reason ? edge : { ...edge, data: { ...edge.data, broken: reason } };
  });
  return { nodes: nextNodes, edges: nextEdges, issues, issueCountByNode };
}

function selectionOf(nodes: DesignerNode[], edges: DesignerEdge[]) {
  return { selectedNodeId: nodes.find((n) => n.selected)?.id, selectedEdgeId: edges.find((e) => e.selected)?.id };
}

export const useDocument = create<DocumentState>((set, get) => {
  /** Drag start snapshot, pushed to history on drag stop. */
  let dragOrigin: Snapshot | undefined;

  const snapshot = (): Snapshot => {
    const { meta, nodes, edges } = get();
    return { meta: meta!, nodes, edges };
  };

  /** Applies an edit: records undo, re-derives, marks dirty. */
  const commit = (next: Partial<Snapshot>, coalesceKey?: string) => {
    const state = get();
    if (!state.meta) return;
    const before = snapshot();
    const now = Date.now();
    const last = state.past[state.past.length - 1];
    const fold = coalesceKey !== undefined && last?.coalesceKey === coalesceKey && now - last.at < COALESCE_MS;
    const past = fold
      ? [...state.past.slice(0, -1), { ...last, at: now }]
      : [...state.past.slice(-(HISTORY_LIMIT - 1)), { snapshot: before, coalesceKey, at: now }];
    const merged: Snapshot = { ...before, ...next };
    const derived = derive(merged);
    // Server issues describe the document as it was sent; after an edit the client checks speak for it.
    set({ meta: merged.meta, ...derived, ...selectionOf(derived.nodes, derived.edges), past, future: [], dirty: true, revision: state.revision + 1, serverIssues: [] });
  };

  const restore = (target: Snapshot) => {
    const derived = derive(target);
    set({ meta: target.meta, ...derived, ...selectionOf(derived.nodes, derived.edges), dirty: true, revision: get().revision + 1 });
  };

  return {
    nodes: [],
    edges: [],
    issues: [],
    issueCountByNode: {},
    serverIssues: [],
    dirty: false,
    revision: 0,
    past: [],
    future: [],

    load(flow) {
      dragOrigin = undefined;
      const canvas = flowToCanvas(flow);
      const derived = derive(canvas);
      set({ meta: canvas.meta, ...derived, serverIssues: [], selectedNodeId: undefined, selectedEdgeId: undefined, dirty: false, past: [], future: [] });
    },

    onNodesChange(changes) {
      const state = get();
      // Removal goes through `remove` (one undo step for nodes and their edges).
      const kept = changes.filter((c) => c.type !== 'remove');
      if (!kept.length) return;
      const nodes = applyNodeChanges(kept, state.nodes);
      const moves = kept.filter((c) => c.type === 'position');
      const dragging = moves.some((c) => c.type === 'position' && c.dragging);
      if (dragging && !dragOrigin) dragOrigin = snapshot();
      const dropped = moves.length > 0 && !dragging;
      if (dropped) {
        const origin = dragOrigin ?? snapshot();
        dragOrigin = undefined;
        set({
          nodes,
          past: [...state.past.slice(-(HISTORY_LIMIT - 1)), { snapshot: origin, at: Date.now() }],
          future: [],
          dirty: true,
          revision: state.revision + 1,
        });
        return;
      }
      const selectionChanged = kept.some((c) => c.type === 'select');
      set(selectionChanged ? { nodes, selectedNodeId: nodes.find((n) => n.selected)?.id } : { nodes });
    },

    onEdgesChange(changes) {
      const kept = changes.filter((c) => c.type !== 'remove');
      if (!kept.length) return;
      const edges = applyEdgeChanges(kept, get().edges);
      set({ edges, selectedEdgeId: edges.find((e) => e.selected)?.id });
    },

    connect({ source, sourceHandle, target, targetHandle }) {
      const { edges } = get();
      if (!source || !target || source === target) return;
      const sourcePort = sourceHandle ?? 'out';
      const targetPort = targetHandle ?? 'in';
      const exists = edges.some(
        (e) => e.source === source && e.target === target && e.sourceHandle === sourcePort && e.targetHandle === targetPort,
      );
      if (exists) return;
      const id = nextEdgeId(source, sourcePort, target, new Set(edges.map((e) => e.id)));
      const edge: DesignerEdge = { id, type: 'ledger', source, sourceHandle: sourcePort, target, targetHandle: targetPort, data: {} };
      commit({ edges: [...edges, edge] });
    },

    addNode(type, position) {
      const { nodes, edges } = get();
      const id = nextNodeId(type, new Set(nodes.map((n) => n.id)));
      const node: DesignerNode = {
        id,
        type: 'ledger',
        position: { x: Math.round(position.x), y: Math.round(position.y) },
        selected: true,
        data: { type, typeVersion: typeVersionOf(type), config: initialConfig(type), ports: { inputs: [], outputs: [] } },
      };
      commit({
        nodes: [...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node],
        edges: edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
      });
      return id;
    },

    updateNode(id, patch) {
      const nodes = get().nodes.map((node) => {
        if (node.id !== id) return node;
        const data = { ...node.data };
        if (patch.config !== undefined) data.config = patch.config;
        if (patch.name !== undefined) {
          if (patch.name) data.name = patch.name;
          else delete data.name;
        }
        return { ...node, data };
      });
      commit({ nodes }, `node:${id}:${patch.name !== undefined ? 'name' : 'config'}`);
    },

    renameFlow(name) {
      const meta = get().meta;
      if (meta) commit({ meta: { ...meta, name } }, 'flow:name');
    },

    remove({ nodeIds = [], edgeIds = [] }) {
      const { nodes, edges } = get();
      const goneNodes = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      if (!goneNodes.size && !goneEdges.size) return;
      commit({
        nodes: nodes.filter((n) => !goneNodes.has(n.id)),
        edges: edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
      });
    },

    deleteSelection() {
      const { nodes, edges, remove } = get();
      remove({ nodeIds: nodes.filter((n) => n.selected).map((n) => n.id), edgeIds: edges.filter((e) => e.selected).map((e) => e.id) });
    },

    select({ nodeId, edgeId }) {
      const { nodes, edges } = get();
      set({
        nodes: nodes.map((n) => (Boolean(n.selected) === (n.id === nodeId) ? n : { ...n, selected: n.id === nodeId })),
        edges: edges.map((e) => (Boolean(e.selected) === (e.id === edgeId) ? e : { ...e, selected: e.id === edgeId })),
        selectedNodeId: nodeId,
        selectedEdgeId: edgeId,
      });
    },

    undo() {
      const { past, future, meta } = get();
      const entry = past[past.length - 1];
      if (!entry || !meta) return;
      const current = snapshot();
      set({ past: past.slice(0, -1), future: [current, ...future].slice(0, HISTORY_LIMIT) });
      restore(entry.snapshot);
    },

    redo() {
      const { past, future, meta } = get();
      const next = future[0];
      if (!next || !meta) return;
      set({ past: [...past, { snapshot: snapshot(), at: 0 }], future: future.slice(1) });
      restore(next);
    },

    toFlow() {
      const { meta, nodes, edges } = get();
      return meta ? canvasToFlow(meta, nodes, edges) : undefined;
    },

    markSaved(revision, serverIssues) {
      set({ dirty: get().revision !== revision, serverIssues });
    },

    setServerIssues(serverIssues) {
      set({ serverIssues });
    },
  };
});
