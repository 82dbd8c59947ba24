/**
 * The undo history of the document slice, and the one way every action edits the document.
 *
 * `commit` turns an edit into a command (commands.ts): the diff between the document before and after, with
 * its inverse for undo; ports and issues are re-derived and the draft is marked dirty. Typing in one field
 * within a second folds into one undo step (`coalesceKey`); a drag or note resize is one step, from where the
 * gesture started (`gestureOrigin`) to the drop. The history keeps the last 200 steps.
 */
import type { ClipboardContent } from './clipboard.js';
import { applyCommand, commandBetween, composeCommands, invertCommand, isEmptyCommand, onlyMoves, type DocumentCommand, type DocumentModel } from './commands.js';
import { derive, selectionOf } from './derive.js';
import type { DocumentState, GetDocument, SetDocument } from './documentState.js';

/** Edits with the same `coalesceKey` closer together than this (ms) are one undo step. */
const COALESCE_MS = 1000;
/** Undo and redo steps kept. */
export const HISTORY_LIMIT = 200;

/**
 * What the action groups of the store share: zustand's `get` and `set`, the editing session's state that is
 * not part of the document (kept out of the store so it never re-renders anything), and the edit primitives.
 */
export interface DocumentSession {
  get: GetDocument;
  set: SetDocument;
  /** The document when a drag or resize started; its command is recorded when it ends. */
  gestureOrigin?: DocumentModel;
  /** How many times the same clipboard content was pasted here in a row (each paste steps further). */
  pasteStreak?: { content: ClipboardContent; count: number };
  /** The issue checks a `load(…, { deferChecks })` left to run (an edit that derives everything drops them). */
  pendingChecks?: () => void;
  /** Counts loads, so checks left by one load never run on the next flow. */
  loadCount: number;
  /** The document as it is now (only called while a flow is open). */
  model(): DocumentModel;
  /** Sets a new document: re-derives ports and issues unless only positions changed; marks it dirty. */
  show(next: DocumentModel, command: DocumentCommand | undefined, extra: Partial<DocumentState>): void;
  /**
   * Applies an edit as one command: records it for undo (folded into the last step when `coalesceKey` matches
   * within a second), re-derives, marks dirty. `from`: the document the command starts from (default: now).
   */
  commit(next: Partial<DocumentModel>, label: string, coalesceKey?: string, from?: DocumentModel): void;
}

export function createSession(set: SetDocument, get: GetDocument): DocumentSession {
  const session: DocumentSession = {
    get,
    set,
    loadCount: 0,

    model() {
      const { meta, nodes, edges, notes } = get();
      return { meta: meta!, nodes, edges, notes };
    },

    show(next, command, extra) {
      const movesOnly = command !== undefined && onlyMoves(command);
      const derived = movesOnly ? { nodes: next.nodes, edges: next.edges } : derive(next);
      if (!movesOnly) session.pendingChecks = undefined;
      set({
        meta: next.meta,
        notes: next.notes,
        ...derived,
        ...selectionOf(derived.nodes, derived.edges, next.notes),
        dirty: true,
        revision: get().revision + 1,
        ...extra,
      });
    },

    commit(next, label, coalesceKey, from) {
      const state = get();
      if (!state.meta) return;
      const before = from ?? session.model();
      const merged: DocumentModel = { ...session.model(), ...next };
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
      session.show(merged, command, { past, future: [], serverIssues: [] });
    },
  };
  return session;
}

/** Undo, redo and the start and end of a drag or resize. */
export function historyActions(session: DocumentSession): Pick<DocumentState, 'undo' | 'redo' | 'beginGesture' | 'endGesture'> {
  const { get, set } = session;
  return {
    beginGesture() {
      if (!session.gestureOrigin) session.gestureOrigin = session.model();
      if (!get().gesturing) set({ gesturing: true });
    },

    endGesture() {
      // The drop's position changes have committed the move already; this only clears a drag that moved nothing.
      session.gestureOrigin = undefined;
      if (get().gesturing) set({ gesturing: false });
    },

    undo() {
      const { past, future, meta } = get();
      const entry = past[past.length - 1];
      if (!entry || !meta) return;
      session.gestureOrigin = undefined;
      const next = applyCommand(session.model(), invertCommand(entry.command));
      session.show(next, entry.command, { past: past.slice(0, -1), future: [entry.command, ...future].slice(0, HISTORY_LIMIT) });
    },

    redo() {
      const { past, future, meta } = get();
      const command = future[0];
      if (!command || !meta) return;
      session.gestureOrigin = undefined;
      const next = applyCommand(session.model(), command);
      session.show(next, command, { past: [...past, { command, at: 0 }], future: future.slice(1) });
    },
  };
}
