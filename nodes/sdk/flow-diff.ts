/**
 * What changed between two versions of a flow (isomorphic: the designer's version diff and any tool that
 * compares flow files use it). Nodes are matched by id, notes by id, edges by their ends
 * (`source.sourcePort → target.targetPort`: an edge deleted and drawn again is the same connection, even
 * though its id changed). Changed fields are listed one by one with their JSON path inside the node
 * (`['config', 'routes', 0, 'condition']`), so a reviewer sees exactly which setting moved.
 */
import type { JsonPath } from './errors.js';
import type { Flow, FlowEdge, FlowNode, FlowNote } from './flow.js';

/** One changed leaf. `before` is absent for an added field, `after` for a removed one. */
export interface FieldChange {
  path: JsonPath;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface Move {
  from: { x: number; y: number };
  to: { x: number; y: number };
}

/**
 * `changed`: a field other than the position differs (the node may also have moved: see `moved`);
 * `moved`: only the position differs.
 */
export type NodeChangeStatus = 'added' | 'removed' | 'changed' | 'moved' | 'unchanged';

export interface NodeDiff {
  id: string;
  status: NodeChangeStatus;
  before?: FlowNode;
  after?: FlowNode;
  moved?: Move;
  /** Changed fields of the node (name, type, typeVersion, config.…), in document order. */
  fields: FieldChange[];
}

export interface EdgeDiff {
  /** `source.sourcePort→target.targetPort`. */
  key: string;
  status: 'added' | 'removed';
  edge: FlowEdge;
}

export interface NoteDiff {
  id: string;
  status: 'added' | 'removed' | 'changed' | 'moved';
  before?: FlowNote;
  after?: FlowNote;
  moved?: Move;
  fields: FieldChange[];
}

export interface FlowDiff {
  /** Flow-level fields: name, description, settings.… */
  flow: FieldChange[];
  /** Every node of either version, in the order of `after` then the removed ones. */
  nodes: NodeDiff[];
  edges: EdgeDiff[];
  notes: NoteDiff[];
  summary: { added: number; removed: number; changed: number; moved: number; edgesAdded: number; edgesRemoved: number; notes: number; flow: number };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Every leaf where `before` and `after` differ, depth first. Objects are compared key by key (keys of
 * `before` first, then the new ones), arrays index by index; a value whose kind changed (object ↔ array ↔
 * scalar) is one change at its path.
 */
export function diffValues(before: unknown, after: unknown, path: JsonPath = []): FieldChange[] {
  if (before === after) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !(k in before))];
    return keys.flatMap((key) => diffValues(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const length = Math.max(before.length, after.length);
    const changes: FieldChange[] = [];
    for (let i = 0; i < length; i++) changes.push(...diffValues(before[i], after[i], [...path, i]));
    return changes;
  }
  if (typeof before === 'number' && typeof after === 'number' && Number.isNaN(before) && Number.isNaN(after)) return [];
  return [{ path, kind: 'changed', before, after }];
}

const samePosition = (a: { x: number; y: number }, b: { x: number; y: number }) => a.x === b.x && a.y === b.y;

/** Every field of a node but its id and position, name and type first. */
function nodeFields({ id: _id, position: _position, name, type, typeVersion, config, ...rest }: FlowNode): Record<string, unknown> {
  return { name, type, typeVersion, config, ...rest };
}

function diffNode(before: FlowNode, after: FlowNode): NodeDiff {
  const fields = diffValues(nodeFields(before), nodeFields(after));
  const moved = samePosition(before.position, after.position) ? undefined : { from: before.position, to: after.position };
  const status: NodeChangeStatus = fields.length ? 'changed' : moved ? 'moved' : 'unchanged';
  return { id: after.id, status, before, after, ...(moved ? { moved } : {}), fields };
}

/** The key an edge is matched by across versions. */
export function edgeKey(edge: Pick<FlowEdge, 'source' | 'sourcePort' | 'target' | 'targetPort'>): string {
  return `${edge.source}.${edge.sourcePort}→${edge.target}.${edge.targetPort}`;
}

function diffNotes(before: FlowNote[], after: FlowNote[]): NoteDiff[] {
  const old = new Map(before.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const diffs: NoteDiff[] = [];
  for (const note of after) {
    const prior = old.get(note.id);
    seen.add(note.id);
    if (!prior) {
      diffs.push({ id: note.id, status: 'added', after: note, fields: [] });
      continue;
    }
    const fields = [...diffValues(prior.text, note.text, ['text']), ...diffValues(prior.size, note.size, ['size'])];
    const moved = samePosition(prior.position, note.position) ? undefined : { from: prior.position, to: note.position };
    if (fields.length || moved) diffs.push({ id: note.id, status: fields.length ? 'changed' : 'moved', before: prior, after: note, ...(moved ? { moved } : {}), fields });
  }
  for (const note of before) if (!seen.has(note.id)) diffs.push({ id: note.id, status: 'removed', before: note, fields: [] });
  return diffs;
}

/** Compares two flows (e.g. v3 and v5, or the last published version and the draft). */
export function diffFlows(before: Flow, after: Flow): FlowDiff {
  const flow = [
    ...diffValues(before.name, after.name, ['name']),
    ...diffValues(before.description, after.description, ['description']),
    ...diffValues(before.settings, after.settings, ['settings']),
  ];

  const oldNodes = new Map(before.nodes.map((n) => [n.id, n]));
  const newIds = new Set(after.nodes.map((n) => n.id));
  const nodes: NodeDiff[] = after.nodes.map((node) => {
    const prior = oldNodes.get(node.id);
    return prior ? diffNode(prior, node) : { id: node.id, status: 'added', after: node, fields: [] };
  });
  for (const node of before.nodes) if (!newIds.has(node.id)) nodes.push({ id: node.id, status: 'removed', before: node, fields: [] });

  const oldEdges = new Set(before.edges.map(edgeKey));
  const newEdges = new Set(after.edges.map(edgeKey));
  const edges: EdgeDiff[] = [
    ...after.edges.filter((e) => !oldEdges.has(edgeKey(e))).map((edge) => ({ key: edgeKey(edge), status: 'added' as const, edge })),
    ...before.edges.filter((e) => !newEdges.has(edgeKey(e))).map((edge) => ({ key: edgeKey(edge), status: 'removed' as const, edge })),
  ];

  const notes = diffNotes(before.notes ?? [], after.notes ?? []);
  const count = (status: NodeChangeStatus) => nodes.filter((n) => n.status === status).length;
  return {
    flow,
    nodes,
    edges,
    notes,
    summary: {
      added: count('added'),
      removed: count('removed'),
      changed: count('changed'),
      moved: count('moved'),
      edgesAdded: edges.filter((e) => e.status === 'added').length,
      edgesRemoved: edges.filter((e) => e.status === 'removed').length,
      notes: notes.length,
      flow: flow.length,
    },
  };
}

/** True when the two flows differ in nothing (ids of re-drawn edges aside). */
export function isEmptyDiff(diff: FlowDiff): boolean {
  const { added, removed, changed, moved, edgesAdded, edgesRemoved, notes, flow } = diff.summary;
  return added + removed + changed + moved + edgesAdded + edgesRemoved + notes + flow === 0;
}
