/**
 * The document slice's selection and clipboard: select one node or edge, many, or everything; copy the
 * selection as clipboard content (clipboard.ts) and paste it back with fresh ids, selected, in one undo step.
 * Selecting is view state: it changes the records' `selected` flag but is never an undo step.
 */
import type { XYPosition } from '@xyflow/react';
import { clipboardContent, contentBounds, planPaste } from './clipboard.js';
import { canvasToFlow, isNoteId, noteCanvasId, noteIdOf, toDesignerEdge, toDesignerNode, toNoteNode } from './convert.js';
import { selectionOf, withSelected } from './derive.js';
import type { DocumentState } from './documentState.js';
import type { DocumentSession } from './history.js';

/** How far (px, right and down) each repeated paste of the same content lands from the last one. */
const PASTE_OFFSET = 40;

export function selectionActions(session: DocumentSession): Pick<DocumentState, 'select' | 'selectMany' | 'selectAll' | 'copySelection' | 'paste'> {
  const { get, set, commit } = session;
  return {
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
        session.pasteStreak = undefined;
      } else {
        const streak = session.pasteStreak?.content === content ? { content, count: session.pasteStreak.count + 1 } : { content, count: 1 };
        session.pasteStreak = streak;
        offset = { x: PASTE_OFFSET * streak.count, y: PASTE_OFFSET * streak.count };
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
  };
}
