/**
 * Edits as commands with inverses (the tldraw model: a history entry is a diff of records, undo applies it
 * backwards). A command lists, per node, edge and note it touched, the record before and after the edit
 * (`before` absent: added; `after` absent: removed) and the flow-level fields before and after; its inverse
 * swaps them. Commands are computed from two documents by identity, so every store action stays a plain
 * immutable update and still lands in the history as one command; they cost memory in proportion to what
 * changed, not to the size of the flow (a drag of one node in a 500-node flow is one record).
 *
 * Only document fields count as a change: selection, measured sizes and drag state are view state, and
 * applying a command keeps the view state the records have now.
 */
import type { DesignerEdge, DesignerNode, FlowMeta, NoteNode } from './convert.js';

/** The undoable part of the designer's state. */
export interface DocumentModel {
  meta: FlowMeta;
  nodes: DesignerNode[];
  edges: DesignerEdge[];
  notes: NoteNode[];
}

/** One record touched by a command; `index` is its place in the list it is (re)inserted into. */
export interface RecordChange<T> {
  id: string;
  before?: T;
  after?: T;
  index: number;
}

export interface DocumentCommand {
  /** For people: "Move 3 nodes", "Paste", "Auto-layout"… */
  label: string;
  nodes: RecordChange<DesignerNode>[];
  edges: RecordChange<DesignerEdge>[];
  notes: RecordChange<NoteNode>[];
  meta?: { before: FlowMeta; after: FlowMeta };
}

type Same<T> = (a: T, b: T) => boolean;

const samePosition = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x === b.x && a.y === b.y;

export const sameNodeDocument: Same<DesignerNode> = (a, b) =>
  a === b ||
  (samePosition(a.position, b.position) &&
    a.data.type === b.data.type &&
    a.data.typeVersion === b.data.typeVersion &&
    a.data.name === b.data.name &&
    a.data.config === b.data.config &&
    a.data.extra === b.data.extra);

export const sameEdgeDocument: Same<DesignerEdge> = (a, b) =>
  a === b || (a.source === b.source && a.target === b.target && a.sourceHandle === b.sourceHandle && a.targetHandle === b.targetHandle);

export const sameNoteDocument: Same<NoteNode> = (a, b) =>
  a === b || (samePosition(a.position, b.position) && a.data.text === b.data.text && a.width === b.width && a.height === b.height);

function diffRecords<T extends { id: string }>(before: readonly T[], after: readonly T[], same: Same<T>): RecordChange<T>[] {
  if (before === after) return [];
  const old = new Map<string, { record: T; index: number }>();
  before.forEach((record, index) => old.set(record.id, { record, index }));
  const changes: RecordChange<T>[] = [];
  const kept = new Set<string>();
  after.forEach((record, index) => {
    const prior = old.get(record.id);
    kept.add(record.id);
    if (!prior) changes.push({ id: record.id, after: record, index });
    else if (!same(prior.record, record)) changes.push({ id: record.id, before: prior.record, after: record, index });
  });
  before.forEach((record, index) => {
    if (!kept.has(record.id)) changes.push({ id: record.id, before: record, index });
  });
  return changes;
}

/** The command that turns `before` into `after`; empty lists when only view state differs. */
export function commandBetween(before: DocumentModel, after: DocumentModel, label: string): DocumentCommand {
  const command: DocumentCommand = {
    label,
    nodes: diffRecords(before.nodes, after.nodes, sameNodeDocument),
    edges: diffRecords(before.edges, after.edges, sameEdgeDocument),
    notes: diffRecords(before.notes, after.notes, sameNoteDocument),
  };
  if (before.meta !== after.meta && JSON.stringify(before.meta) !== JSON.stringify(after.meta)) command.meta = { before: before.meta, after: after.meta };
  return command;
}

export function isEmptyCommand(command: DocumentCommand): boolean {
  return !command.meta && !command.nodes.length && !command.edges.length && !command.notes.length;
}

/** The command that undoes `command`. */
export function invertCommand(command: DocumentCommand): DocumentCommand {
  const flip = <T>(changes: RecordChange<T>[]): RecordChange<T>[] =>
    changes.map(({ id, before, after, index }) => ({ id, ...(after !== undefined ? { before: after } : {}), ...(before !== undefined ? { after: before } : {}), index }));
  return {
    label: command.label,
    nodes: flip(command.nodes),
    edges: flip(command.edges),
    notes: flip(command.notes),
    ...(command.meta ? { meta: { before: command.meta.after, after: command.meta.before } } : {}),
  };
}

/** Keeps the view state (selection, measured size) the record has now. */
function withViewState<T extends { selected?: boolean; measured?: { width?: number; height?: number } }>(record: T, current: T | undefined): T {
  if (!current) return record;
  if (record.selected === current.selected && record.measured === current.measured) return record;
  return { ...record, selected: current.selected, measured: current.measured };
}

function applyRecords<T extends { id: string; selected?: boolean; measured?: { width?: number; height?: number } }>(list: readonly T[], changes: RecordChange<T>[]): T[] {
  if (!changes.length) return list as T[];
  const removed = new Set(changes.filter((c) => c.after === undefined).map((c) => c.id));
  const updated = new Map(changes.filter((c) => c.before !== undefined && c.after !== undefined).map((c) => [c.id, c.after!]));
  const next = list.filter((record) => !removed.has(record.id)).map((record) => {
    const replacement = updated.get(record.id);
    return replacement ? withViewState(replacement, record) : record;
  });
  const added = changes.filter((c) => c.before === undefined && c.after !== undefined).sort((a, b) => a.index - b.index);
  for (const change of added) {
    const at = Math.min(change.index, next.length);
    next.splice(at, 0, change.after!);
  }
  return next;
}

/** Applies a command to a document (use `invertCommand` to undo). Untouched records keep their identity. */
export function applyCommand(model: DocumentModel, command: DocumentCommand): DocumentModel {
  return {
    meta: command.meta ? command.meta.after : model.meta,
    nodes: applyRecords(model.nodes, command.nodes),
    edges: applyRecords(model.edges, command.edges),
    notes: applyRecords(model.notes, command.notes),
  };
}

function composeRecords<T extends { id: string }>(first: RecordChange<T>[], second: RecordChange<T>[]): RecordChange<T>[] {
  const byId = new Map(first.map((c) => [c.id, { ...c }]));
  for (const change of second) {
    const earlier = byId.get(change.id);
    if (!earlier) byId.set(change.id, change);
    else byId.set(change.id, { id: change.id, ...(earlier.before !== undefined ? { before: earlier.before } : {}), ...(change.after !== undefined ? { after: change.after } : {}), index: change.after !== undefined ? change.index : earlier.index });
  }
  return [...byId.values()].filter((c) => c.before !== undefined || c.after !== undefined);
}

/** One command with the effect of `first` then `second` (typing in one field folds into one undo step). */
export function composeCommands(first: DocumentCommand, second: DocumentCommand): DocumentCommand {
  const meta = first.meta && second.meta ? { before: first.meta.before, after: second.meta.after } : (second.meta ?? first.meta);
  return {
    label: first.label,
    nodes: composeRecords(first.nodes, second.nodes),
    edges: composeRecords(first.edges, second.edges),
    notes: composeRecords(first.notes, second.notes),
    ...(meta ? { meta } : {}),
  };
}

/** True when the command changes only positions (and note sizes): ports and issues need no re-check. */
export function onlyMoves(command: DocumentCommand): boolean {
  return (
    !command.meta &&
    !command.edges.length &&
    command.nodes.every((c) => c.before !== undefined && c.after !== undefined && c.before.data === c.after.data) &&
    command.notes.every((c) => c.before !== undefined && c.after !== undefined)
  );
}
