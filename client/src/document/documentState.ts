/**
 * The shape of the document slice (documentStore.ts): the flow being edited, what is derived from it (ports,
 * issues, selection summary), the undo history, and every action. The actions are implemented in groups:
 * history.ts (commit, undo, redo, gestures), edits.ts, selection.ts and lifecycle.ts.
 */
import type { Connection, EdgeChange, NodeChange, XYPosition } from '@xyflow/react';
import type { FlowIssue } from '../../../nodes/sdk/errors.js';
import type { Flow } from '../../../nodes/sdk/flow.js';
import type { ClipboardContent } from './clipboard.js';
import type { DocumentCommand } from './commands.js';
import type { DesignerEdge, DesignerNode, FlowMeta, NoteNode } from './convert.js';

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

/** How the action groups read and write the store (zustand's `get` and `set`). */
export type GetDocument = () => DocumentState;
export type SetDocument = (partial: Partial<DocumentState>) => void;
