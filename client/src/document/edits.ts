/**
 * The document slice's edits: React Flow's node and edge changes (a drag commits once, on drop), connecting
 * ports, adding, configuring, renaming, moving and deleting nodes, and sticky notes. Each is one command
 * through `session.commit` (history.ts), so one undo step.
 */
import { applyEdgeChanges, applyNodeChanges, type NodeChange } from '@xyflow/react';
import { isNoteId, noteCanvasId, noteIdOf, toNoteNode, type DesignerEdge, type DesignerNode, type NoteNode } from './convert.js';
import { selectionOf, withSelected } from './derive.js';
import type { DocumentState } from './documentState.js';
import type { DocumentSession } from './history.js';
import { initialConfig, nextEdgeId, nextNodeId, typeVersionOf } from './newNode.js';

type EditActions = Pick<
  DocumentState,
  'onNodesChange' | 'onEdgesChange' | 'connect' | 'addNode' | 'updateNode' | 'renameFlow' | 'moveNodes' | 'addNote' | 'updateNote' | 'remove' | 'deleteSelection'
>;

/** Splits React Flow changes between flow nodes and notes (note ids start with `note:`). */
function splitChanges(changes: NodeChange<DesignerNode | NoteNode>[]) {
  const nodeChanges: NodeChange<DesignerNode>[] = [];
  const noteChanges: NodeChange<NoteNode>[] = [];
  for (const change of changes) {
    const id = change.type === 'add' || change.type === 'replace' ? change.item.id : change.id;
    if (isNoteId(id)) noteChanges.push(change as NodeChange<NoteNode>);
    else nodeChanges.push(change as NodeChange<DesignerNode>);
  }
  return { nodeChanges, noteChanges };
}

export function editActions(session: DocumentSession): EditActions {
  const { get, set, commit } = session;
  return {
    onNodesChange(changes) {
      const state = get();
      // Removal goes through `remove` (one undo step for nodes and their edges).
      const kept = changes.filter((c) => c.type !== 'remove');
      if (!kept.length) return;
      const { nodeChanges, noteChanges } = splitChanges(kept);
      const nodes = nodeChanges.length ? applyNodeChanges(nodeChanges, state.nodes) : state.nodes;
      const notes = noteChanges.length ? applyNodeChanges(noteChanges, state.notes) : state.notes;
      const moving = kept.some((c) => (c.type === 'position' && c.dragging) || (c.type === 'dimensions' && c.resizing));
      const ended = kept.some((c) => (c.type === 'position' && !c.dragging) || (c.type === 'dimensions' && c.resizing === false));
      if (moving && !session.gestureOrigin) get().beginGesture();
      if (ended && !moving) {
        const origin = session.gestureOrigin ?? session.model();
        session.gestureOrigin = undefined;
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
  };
}
