/**
 * The document slice's life with a flow: open one (no history, not dirty; a big flow can defer its issue
 * checks until it is drawn), replace it wholesale (restore a version, import a file: one undo step), read it
 * back as a flow file, and record what the server said on save, publish or test run.
 */
import { canvasToFlow, flowToCanvas, toFlowNote } from './convert.js';
import { derive, derivePorts } from './derive.js';
import type { DocumentState } from './documentState.js';
import type { DocumentSession } from './history.js';

/** At the latest this long (ms) after a deferred load, its issue checks run even if the canvas never asked. */
const DEFERRED_CHECKS_MS = 1500;

export function lifecycleActions(session: DocumentSession): Pick<DocumentState, 'load' | 'runDeferredChecks' | 'replaceFlow' | 'toFlow' | 'markSaved' | 'setServerIssues'> {
  const { get, set, commit } = session;
  return {
    load(flow, { deferChecks = false } = {}) {
      session.gestureOrigin = undefined;
      session.pasteStreak = undefined;
      const canvas = flowToCanvas(flow);
      const derived = deferChecks
        ? { nodes: derivePorts(canvas.nodes, flow.edges), edges: canvas.edges, issues: [], issueCountByNode: {} }
        : derive(canvas);
      const token = ++session.loadCount;
      session.pendingChecks = deferChecks
        ? () => {
            // Once, and only for this flow (another may have been opened since).
            session.pendingChecks = undefined;
            if (token !== session.loadCount) return;
            const checked = derive(session.model());
            set({ nodes: checked.nodes, edges: checked.edges, issues: checked.issues, issueCountByNode: checked.issueCountByNode });
          }
        : undefined;
      // The canvas runs them once it is drawn (runDeferredChecks); at the latest after 1.5 s.
      if (deferChecks) setTimeout(() => token === session.loadCount && session.pendingChecks?.(), DEFERRED_CHECKS_MS);
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
      session.pendingChecks?.();
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
}
