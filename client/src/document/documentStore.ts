/**
 * The document slice: the flow being edited (meta, nodes, edges, sticky notes), its issues, the selection
 * and the undo history. Run state (statuses, last input/output) lives in runs/runStore.ts, so a live trace
 * never touches this store and never re-renders the canvas.
 *
 * Every edit is a command (commands.ts) through `commit`: the diff between the document before and after,
 * with its inverse for undo; ports and issues are re-derived and the draft is marked dirty. A drag commits
 * once, on drag stop; typing in one field within a second is one undo step (`coalesceKey`).
 */
import { applyEdgeChanges, applyNodeChanges, type Connection, type EdgeChange, type NodeChange, type XYPosition } from '@xyflow/react';
import { create } from 'zustand';
import type { FlowIssue } from '../../../nodes/sdk/errors.js';
import type { Flow, FlowEdge } from '../../../nodes/sdk/flow.js';
import { clipboardContent, contentBounds, planPaste, type ClipboardContent } from './clipboard.js';
import {
  applyCommand,
  commandBetween,
  composeCommands,
  invertCommand,
  isEmptyCommand,
  onlyMoves,
  type DocumentCommand,
  type DocumentModel,
} from './commands.js';
import {
  canvasToFlow,
  flowToCanvas,
  isNoteId,
  noteCanvasId,
  noteIdOf,
  toDesignerEdge,
  toDesignerNode,
  toFlowNote,
  toNoteNode,
  type DesignerEdge,
  type DesignerNode,
  type FlowMeta,
  type NoteNode,
} from './convert.js';
import { checkFlow } from './flowIssues.js';
import { initialConfig, nextEdgeId, nextNodeId, typeVersionOf } from './newNode.js';
import { nodePorts, samePorts } from './ports.js';

/** A command in the history, with what folds into it. */
export interface HistoryEntry {
  command: DocumentCommand;
  coalesceKey?: string;
  /** ms since the epoch of the last edit folded into this entry. */
  at: number;
}

export interface SelectionTarget {
  nodeIds?: string[];
  edgeIds?: string[];
  /** Note ids as in the flow file (without the `note:` prefix). */
  noteIds?: string[];
}

export interface DocumentState {
  meta?: FlowMeta;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  notes: NoteNode[];
  /** Issues found by the client-side checks on the current document. */
  issues: FlowIssue[];
  issueCountByNode: Record<string, number>;
  /** Issues the server reported on load, the last save, publish or test run (cleared by the next edit). */
  serverIssues: FlowIssue[];
  /** The selected node when exactly one node (and no edge) is selected. */
  selectedNodeId?: string;
  /** The selected edge when exactly one edge (and no node) is selected. */
  selectedEdgeId?: string;
  /** How many nodes, edges and notes are selected. */
  selectionCount: number;
  /** True while nodes are being dragged or a note resized (the inspector waits for the drop). */
  gesturing: boolean;
  /** Unsaved edits since load or the last save. */
  dirty: boolean;
  /** Increases with every edit (a save records the revision it sent). */
  revision: number;
  past: HistoryEntry[];
  future: DocumentCommand[];

  /**
   * Opens a flow (no history, not dirty). `deferChecks`: ports now, the issue checks (configs, expressions)
   * when `runDeferredChecks` is called (or 1.5 s later), so a big flow is on screen sooner.
   */
  load(flow: Flow, options?: { deferChecks?: boolean }): void;
  /** Runs the checks a deferred load left (the canvas calls it once drawn); nothing if none are left. */
  runDeferredChecks(): void;
  onNodesChange(changes: NodeChange<DesignerNode | NoteNode>[]): void;
  /** A drag starts (React Flow's onNodeDragStart): the document now is what undo returns to. */
  beginGesture(): void;
  endGesture(): void;
  onEdgesChange(changes: EdgeChange<DesignerEdge>[]): void;
  connect(connection: Connection): void;
  addNode(type: string, position: XYPosition): string;
  updateNode(id: string, patch: { name?: string; config?: Record<string, unknown> }): void;
  renameFlow(name: string): void;
  /** Moves nodes and notes (canvas ids) in one undo step, e.g. after an auto-layout. */
  moveNodes(positions: Record<string, XYPosition>, label?: string): void;
  addNote(position: XYPosition, text?: string): string;
  updateNote(id: string, patch: { text?: string; size?: { width: number; height: number } }): void;
  remove(target: SelectionTarget): void;
  deleteSelection(): void;
  select(target: { nodeId?: string; edgeId?: string }): void;
  selectMany(target: SelectionTarget): void;
  selectAll(): void;
  /** The selection as clipboard content (undefined when nothing is selected). */
  copySelection(): ClipboardContent | undefined;
  /**
   * Pastes clipboard content with fresh ids, selected, in one undo step. `center`: where to centre it
   * (canvas coordinates); without it, 40 px right and down of where it was copied. Returns the new node ids.
   */
  paste(content: ClipboardContent, center?: XYPosition): string[];
  /** Replaces the whole document (rollback to a version, import), keeping this flow's id; one undo step. */
  replaceFlow(flow: Flow, label: string): void;
  undo(): void;
  redo(): void;
  toFlow(): Flow | undefined;
  /** The draft at `revision` was saved; still dirty if edited since. */
  markSaved(revision: number, serverIssues: FlowIssue[]): void;
  setServerIssues(issues: FlowIssue[]): void;
}

const COALESCE_MS = 1000;
const HISTORY_LIMIT = 200;
const PASTE_OFFSET = 40;

/** Each node's ports (with placeholders for ports its edges name); unchanged nodes keep their identity. */
function derivePorts(nodes: DesignerNode[], flowEdges: readonly FlowEdge[]): DesignerNode[] {
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
function derive({ meta, nodes, edges, notes }: DocumentModel) {
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

function selectionOf(nodes: readonly DesignerNode[], edges: readonly DesignerEdge[], notes: readonly NoteNode[]) {
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

const withSelected = <T extends { selected?: boolean }>(record: T, selected: boolean): T =>
  Boolean(record.selected) === selected ? record : { ...record, selected };

export const useDocument = create<DocumentState>((set, get) => {
  /** The document when a drag or resize started; its command is recorded when it ends. */
  let gestureOrigin: DocumentModel | undefined;
  /** How many times the same clipboard content was pasted here in a row (each paste steps further). */
  let pasteStreak: { content: ClipboardContent; count: number } | undefined;
  /** The issue checks a `load(…, { deferChecks })` left to run (an edit that derives everything drops them). */
  let pendingChecks: (() => void) | undefined;
  /** Counts loads, so checks left by one load never run on the next flow. */
  let loadCount = 0;

  const model = (): DocumentModel => {
    const { meta, nodes, edges, notes } = get();
    return { meta: meta!, nodes, edges, notes };
  };

  /** Sets a new document: re-derives ports and issues unless only positions changed. */
  const show = (next: DocumentModel, command: DocumentCommand | undefined, extra: Partial<DocumentState>) => {
    const movesOnly = command !== undefined && onlyMoves(command);
    const derived = movesOnly ? { nodes: next.nodes, edges: next.edges } : derive(next);
    if (!movesOnly) pendingChecks = undefined;
    set({
      meta: next.meta,
      notes: next.notes,
      ...derived,
      ...selectionOf(derived.nodes, derived.edges, next.notes),
      dirty: true,
      revision: get().revision + 1,
      ...extra,
    });
  };

  /** Applies an edit as one command: records it for undo, re-derives, marks dirty. */
  const commit = (next: Partial<DocumentModel>, label: string, coalesceKey?: string, from?: DocumentModel) => {
    const state = get();
    if (!state.meta) return;
    const before = from ?? model();
    const merged: DocumentModel = { ...model(), ...next };
    const command = commandBetween(before, merged, label);
    if (isEmptyCommand(command)) {
      set({ nodes: merged.nodes, edges: merged.edges, notes: merged.notes, ...selectionOf(merged.nodes, merged.edges, merged.notes) });
      return;
    }
    const now = Date.now();
    const last = state.past[state.past.length - 1];
    const fold = coalesceKey !== undefined && last?.coalesceKey === coalesceKey && now - last.at < COALESCE_MS;
    const past = fold
      ? [...state.past.slice(0, -1), { command: composeCommands(last.command, command), coalesceKey, at: now }]
      : [...state.past.slice(-(HISTORY_LIMIT - 1)), { command, coalesceKey, at: now }];
    // Server issues describe the document as it was sent; after an edit the client checks speak for it.
    show(merged, command, { past, future: [], serverIssues: [] });
  };

  /** Splits React Flow changes between flow nodes and notes (note ids start with `note:`). */
  const split = (changes: NodeChange<DesignerNode | NoteNode>[]) => {
    const nodeChanges: NodeChange<DesignerNode>[] = [];
    const noteChanges: NodeChange<NoteNode>[] = [];
    for (const change of changes) {
      const id = change.type === 'add' || change.type === 'replace' ? change.item.id : change.id;
      if (isNoteId(id)) noteChanges.push(change as NodeChange<NoteNode>);
      else nodeChanges.push(change as NodeChange<DesignerNode>);
    }
    return { nodeChanges, noteChanges };
  };

  return {
    nodes: [],
    edges: [],
    notes: [],
    issues: [],
    issueCountByNode: {},
    serverIssues: [],
    selectionCount: 0,
    gesturing: false,
    dirty: false,
    revision: 0,
    past: [],
    future: [],

    load(flow, { deferChecks = false } = {}) {
      gestureOrigin = undefined;
      pasteStreak = undefined;
      const canvas = flowToCanvas(flow);
      const derived = deferChecks
        ? { nodes: derivePorts(canvas.nodes, flow.edges), edges: canvas.edges, issues: [], issueCountByNode: {} }
        : derive(canvas);
      const token = ++loadCount;
      pendingChecks = deferChecks
        ? () => {
            // Once, and only for this flow (another may have been opened since).
            pendingChecks = undefined;
            if (token !== loadCount) return;
            const checked = derive(model());
            set({ nodes: checked.nodes, edges: checked.edges, issues: checked.issues, issueCountByNode: checked.issueCountByNode });
          }
        : undefined;
      // The canvas runs them once it is drawn (runDeferredChecks); at the latest after 1.5 s.
      if (deferChecks) setTimeout(() => token === loadCount && pendingChecks?.(), 1500);
      set({
        meta: canvas.meta,
        notes: canvas.notes,
        ...derived,
        serverIssues: [],
        selectedNodeId: undefined,
        selectedEdgeId: undefined,
        selectionCount: 0,
        gesturing: false,
        dirty: false,
        past: [],
        future: [],
      });
    },

    runDeferredChecks() {
      pendingChecks?.();
    },

    beginGesture() {
      if (!gestureOrigin) gestureOrigin = model();
      if (!get().gesturing) set({ gesturing: true });
    },

    endGesture() {
      // The drop's position changes have committed the move already; this only clears a drag that moved nothing.
      gestureOrigin = undefined;
      if (get().gesturing) set({ gesturing: false });
    },

    onNodesChange(changes) {
      const state = get();
      // Removal goes through `remove` (one undo step for nodes and their edges).
      const kept = changes.filter((c) => c.type !== 'remove');
      if (!kept.length) return;
      const { nodeChanges, noteChanges } = split(kept);
      const nodes = nodeChanges.length ? applyNodeChanges(nodeChanges, state.nodes) : state.nodes;
      const notes = noteChanges.length ? applyNodeChanges(noteChanges, state.notes) : state.notes;
      const moving = kept.some((c) => (c.type === 'position' && c.dragging) || (c.type === 'dimensions' && c.resizing));
      const ended = kept.some((c) => (c.type === 'position' && !c.dragging) || (c.type === 'dimensions' && c.resizing === false));
      if (moving && !gestureOrigin) get().beginGesture();
      if (ended && !moving) {
        const origin = gestureOrigin ?? model();
        gestureOrigin = undefined;
        commit({ nodes, notes }, kept.some((c) => c.type === 'dimensions') ? 'Resize note' : 'Move', undefined, origin);
        if (get().gesturing) set({ gesturing: false });
        return;
      }
      const selectionChanged = kept.some((c) => c.type === 'select');
      set(selectionChanged ? { nodes, notes, ...selectionOf(nodes, state.edges, notes) } : { nodes, notes });
    },

    onEdgesChange(changes) {
      const kept = changes.filter((c) => c.type !== 'remove');
      if (!kept.length) return;
      const { nodes, notes } = get();
      const edges = applyEdgeChanges(kept, get().edges);
      set({ edges, ...selectionOf(nodes, edges, notes) });
    },

    connect({ source, sourceHandle, target, targetHandle }) {
      const { edges } = get();
      if (!source || !target || source === target || isNoteId(source) || isNoteId(target)) return;
      const sourcePort = sourceHandle ?? 'out';
      const targetPort = targetHandle ?? 'in';
      const exists = edges.some(
        (e) => e.source === source && e.target === target && e.sourceHandle === sourcePort && e.targetHandle === targetPort,
      );
      if (exists) return;
      const id = nextEdgeId(source, sourcePort, target, new Set(edges.map((e) => e.id)));
      const edge: DesignerEdge = { id, type: 'ledger', source, sourceHandle: sourcePort, target, targetHandle: targetPort, data: {} };
      commit({ edges: [...edges, edge] }, 'Connect');
    },

    addNode(type, position) {
      const { nodes, edges, notes } = get();
      const id = nextNodeId(type, new Set(nodes.map((n) => n.id)));
      const node: DesignerNode = {
        id,
        type: 'ledger',
        position: { x: Math.round(position.x), y: Math.round(position.y) },
        selected: true,
        data: { type, typeVersion: typeVersionOf(type), config: initialConfig(type), ports: { inputs: [], outputs: [] } },
      };
      commit(
        {
          nodes: [...nodes.map((n) => withSelected(n, false)), node],
          edges: edges.map((e) => withSelected(e, false)),
          notes: notes.map((n) => withSelected(n, false)),
        },
        'Add node',
      );
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
      commit({ nodes }, patch.name !== undefined ? 'Rename node' : 'Edit settings', `node:${id}:${patch.name !== undefined ? 'name' : 'config'}`);
    },

    renameFlow(name) {
      const meta = get().meta;
      if (meta) commit({ meta: { ...meta, name } }, 'Rename flow', 'flow:name');
    },

    moveNodes(positions, label = 'Move') {
      const move = <T extends DesignerNode | NoteNode>(record: T): T => {
        const to = positions[record.id];
        return to && (to.x !== record.position.x || to.y !== record.position.y) ? { ...record, position: { x: Math.round(to.x), y: Math.round(to.y) } } : record;
      };
      const { nodes, notes } = get();
      commit({ nodes: nodes.map(move), notes: notes.map(move) }, label);
    },

    addNote(position, text = '') {
      const { nodes, edges, notes } = get();
      const taken = new Set(notes.map((n) => noteIdOf(n.id)));
      let n = notes.length + 1;
      while (taken.has(`note-${n}`)) n++;
      const note: NoteNode = { ...toNoteNode({ id: `note-${n}`, text, position, size: { width: 240, height: 120 } }), selected: true };
      commit(
        {
          nodes: nodes.map((x) => withSelected(x, false)),
          edges: edges.map((e) => withSelected(e, false)),
          notes: [...notes.map((x) => withSelected(x, false)), note],
        },
        'Add note',
      );
      return note.id;
    },

    updateNote(id, { text, size }) {
      const notes = get().notes.map((note) => {
        if (note.id !== id) return note;
        return {
          ...note,
          ...(size ? { width: Math.round(size.width), height: Math.round(size.height) } : {}),
          data: text !== undefined ? { ...note.data, text } : note.data,
        };
      });
      commit({ notes }, text !== undefined ? 'Edit note' : 'Resize note', text !== undefined ? `${id}:text` : undefined);
    },

    remove({ nodeIds = [], edgeIds = [], noteIds = [] }) {
      const { nodes, edges, notes } = get();
      const goneNodes = new Set(nodeIds);
      const goneEdges = new Set(edgeIds);
      const goneNotes = new Set(noteIds.map((id) => (isNoteId(id) ? id : noteCanvasId(id))));
      if (!goneNodes.size && !goneEdges.size && !goneNotes.size) return;
      commit(
        {
          nodes: nodes.filter((n) => !goneNodes.has(n.id)),
          edges: edges.filter((e) => !goneEdges.has(e.id) && !goneNodes.has(e.source) && !goneNodes.has(e.target)),
          notes: notes.filter((n) => !goneNotes.has(n.id)),
        },
        'Delete',
      );
    },

    deleteSelection() {
      const { nodes, edges, notes, remove } = get();
      remove({
        nodeIds: nodes.filter((n) => n.selected).map((n) => n.id),
        edgeIds: edges.filter((e) => e.selected).map((e) => e.id),
        noteIds: notes.filter((n) => n.selected).map((n) => n.id),
      });
    },

    select({ nodeId, edgeId }) {
      get().selectMany({ nodeIds: nodeId ? [nodeId] : [], edgeIds: edgeId ? [edgeId] : [] });
    },

    selectMany({ nodeIds = [], edgeIds = [], noteIds = [] }) {
      const { nodes, edges, notes } = get();
      const pickNodes = new Set(nodeIds);
      const pickEdges = new Set(edgeIds);
      const pickNotes = new Set(noteIds.map((id) => (isNoteId(id) ? id : noteCanvasId(id))));
      const next = {
        nodes: nodes.map((n) => withSelected(n, pickNodes.has(n.id))),
        edges: edges.map((e) => withSelected(e, pickEdges.has(e.id))),
        notes: notes.map((n) => withSelected(n, pickNotes.has(n.id))),
      };
      set({ ...next, ...selectionOf(next.nodes, next.edges, next.notes) });
    },

    selectAll() {
      const { nodes, notes, selectMany } = get();
      selectMany({ nodeIds: nodes.map((n) => n.id), noteIds: notes.map((n) => n.id) });
    },

    copySelection() {
      const { meta, nodes, edges, notes } = get();
      const picked = nodes.filter((n) => n.selected);
      const pickedNotes = notes.filter((n) => n.selected);
      if (!picked.length && !pickedNotes.length) return undefined;
      const flow = canvasToFlow(meta!, picked, edges, pickedNotes);
      return clipboardContent(meta?.id, flow.nodes, flow.edges, flow.notes ?? []);
    },

    paste(content, center) {
      const { meta, nodes, edges, notes } = get();
      if (!meta) return [];
      let offset: XYPosition;
      if (center) {
        const bounds = contentBounds(content);
        offset = { x: center.x - (bounds.x + bounds.width / 2), y: center.y - (bounds.y + bounds.height / 2) };
        pasteStreak = undefined;
      } else {
        pasteStreak = pasteStreak?.content === content ? { content, count: pasteStreak.count + 1 } : { content, count: 1 };
        offset = { x: PASTE_OFFSET * pasteStreak.count, y: PASTE_OFFSET * pasteStreak.count };
      }
      const plan = planPaste(content, { nodes: nodes.map((n) => n.id), edges: edges.map((e) => e.id), notes: notes.map((n) => noteIdOf(n.id)) }, offset);
      const select = <T extends { selected?: boolean }>(record: T): T => ({ ...record, selected: true });
      commit(
        {
          nodes: [...nodes.map((n) => withSelected(n, false)), ...plan.nodes.map((n) => select(toDesignerNode(n)))],
          edges: [...edges.map((e) => withSelected(e, false)), ...plan.edges.map(toDesignerEdge)],
          notes: [...notes.map((n) => withSelected(n, false)), ...plan.notes.map((n) => select(toNoteNode(n)))],
        },
        'Paste',
      );
      return plan.nodes.map((n) => n.id);
    },

    replaceFlow(flow, label) {
      const { meta } = get();
      if (!meta) return;
      const canvas = flowToCanvas({ ...flow, id: meta.id });
      // Records equal in both keep their identity, so the command lists only what the new flow changes.
      const keep = <T extends { id: string }>(next: T[], current: T[], asJson: (record: T) => unknown): T[] => {
        const byId = new Map(current.map((record) => [record.id, record]));
        return next.map((record) => {
          const prior = byId.get(record.id);
          return prior && JSON.stringify(asJson(prior)) === JSON.stringify(asJson(record)) ? prior : record;
        });
      };
      const state = get();
      const nodes = keep(canvas.nodes, state.nodes, (n) => canvasToFlow(meta, [n], []).nodes[0]);
      const edges = keep(canvas.edges, state.edges, (e) => [e.source, e.sourceHandle, e.target, e.targetHandle]);
      const notes = keep(canvas.notes, state.notes, toFlowNote);
      commit({ meta: canvas.meta, nodes, edges, notes }, label);
    },

    undo() {
      const { past, future, meta } = get();
      const entry = past[past.length - 1];
      if (!entry || !meta) return;
      gestureOrigin = undefined;
      const next = applyCommand(model(), invertCommand(entry.command));
      show(next, entry.command, { past: past.slice(0, -1), future: [entry.command, ...future].slice(0, HISTORY_LIMIT) });
    },

    redo() {
      const { past, future, meta } = get();
      const command = future[0];
      if (!command || !meta) return;
      gestureOrigin = undefined;
      const next = applyCommand(model(), command);
      show(next, command, { past: [...past, { command, at: 0 }], future: future.slice(1) });
    },

    toFlow() {
      const { meta, nodes, edges, notes } = get();
      return meta ? canvasToFlow(meta, nodes, edges, notes) : undefined;
    },

    markSaved(revision, serverIssues) {
      set({ dirty: get().revision !== revision, serverIssues });
    },

    setServerIssues(serverIssues) {
      set({ serverIssues });
    },
  };
});
