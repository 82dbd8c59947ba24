/**
 * The document slice: the flow being edited (meta, nodes, edges, sticky notes), its issues, the selection
 * and the undo history. Run state (statuses, last input/output) lives in runs/runStore.ts, so a live trace
 * never touches this store and never re-renders the canvas.
 *
 * Every edit is a command (commands.ts) through `commit` (history.ts): the diff between the document before
 * and after, with its inverse for undo; ports and issues are re-derived (derive.ts) and the draft is marked
 * dirty. A drag commits once, on drag stop; typing in one field within a second is one undo step
 * (`coalesceKey`). The actions come in groups: edits.ts, selection.ts (with copy and paste), lifecycle.ts
 * (load, replace, saved state) and history.ts (undo, redo, gestures); the state's shape is documentState.ts.
 */
import { create } from 'zustand';
import type { DocumentState } from './documentState.js';
import { editActions } from './edits.js';
import { createSession, historyActions } from './history.js';
import { lifecycleActions } from './lifecycle.js';
import { selectionActions } from './selection.js';

export type { DocumentState, HistoryEntry, SelectionTarget } from './documentState.js';

export const useDocument = create<DocumentState>((set, get) => {
  const session = createSession(set, get);
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
    ...lifecycleActions(session),
    ...historyActions(session),
    ...editActions(session),
    ...selectionActions(session),
  };
});
