/**
 * Copy and paste of a selection, also between flows and browser tabs. What travels is a small JSON
 * document in the flow file's own shapes (nodes, the edges between them, notes), marked so a paste of any
 * other text is ignored:
 * `{ "ledgerflow": "selection", "version": 1, "flowId": "…", "nodes": [...], "edges": [...], "notes": [...] }`.
 * It is written to the system clipboard as `application/x-ledgerflow+json` and as text/plain (the text
 * form survives apps that drop custom types). On paste, ids are remapped to ones free in the target flow
 * (`map` → `map-2`) and edges follow their nodes.
 */
import { z } from 'zod';
import { FlowEdgeSchema, FlowNodeSchema, FlowNoteSchema, type FlowEdge, type FlowNode, type FlowNote } from '../../../nodes/sdk/flow.js';
import { nextEdgeId } from './newNode.js';

export const CLIPBOARD_MIME = 'application/x-ledgerflow+json';
const MARKER = 'selection';

const ClipboardSchema = z.object({
  ledgerflow: z.literal(MARKER),
  version: z.literal(1),
  flowId: z.string().optional(),
  nodes: z.array(FlowNodeSchema),
  edges: z.array(FlowEdgeSchema),
  notes: z.array(FlowNoteSchema).default([]),
});

export type ClipboardContent = z.output<typeof ClipboardSchema>;

/** The clipboard document for `nodes` and `notes`; only the edges with both ends copied go along. */
export function clipboardContent(flowId: string | undefined, nodes: FlowNode[], edges: FlowEdge[], notes: FlowNote[]): ClipboardContent {
  const ids = new Set(nodes.map((n) => n.id));
  return { ledgerflow: MARKER, version: 1, flowId, nodes, edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target)), notes };
}

/** Parses pasted text; undefined unless it is a Ledgerflow selection. */
export function parseClipboard(text: string | undefined): ClipboardContent | undefined {
  if (!text || !text.includes('"ledgerflow"')) return undefined;
  try {
    const parsed = ClipboardSchema.safeParse(JSON.parse(text));
    return parsed.success && (parsed.data.nodes.length || parsed.data.notes.length) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** `base` if free, else `base-2`, `base-3`… (trailing `-<n>` of a copied id is dropped first). */
export function freeId(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  const stem = base.replace(/-\d+$/, '') || base;
  for (let i = 2; ; i++) if (!taken.has(`${stem}-${i}`)) return `${stem}-${i}`;
}

export interface PastePlan {
  nodes: FlowNode[];
  edges: FlowEdge[];
  notes: FlowNote[];
  /** Copied id → pasted id. */
  idMap: Map<string, string>;
}

/**
 * Remaps the content to ids free in the target flow and moves it by `offset` (canvas pixels).
 * @param taken node, edge and note ids in use in the target flow.
 */
export function planPaste(
  content: ClipboardContent,
  taken: { nodes: Iterable<string>; edges: Iterable<string>; notes: Iterable<string> },
  offset: { x: number; y: number },
): PastePlan {
  const nodeIds = new Set(taken.nodes);
  const edgeIds = new Set(taken.edges);
  const noteIds = new Set(taken.notes);
  const idMap = new Map<string, string>();
  const move = (p: { x: number; y: number }) => ({ x: Math.round(p.x + offset.x), y: Math.round(p.y + offset.y) });
  const nodes = content.nodes.map((node) => {
    const id = freeId(node.id, nodeIds);
    nodeIds.add(id);
    idMap.set(node.id, id);
    return { ...node, id, position: move(node.position), config: structuredClone(node.config) };
  });
  const edges = content.edges.flatMap((edge) => {
    const source = idMap.get(edge.source);
    const target = idMap.get(edge.target);
    if (!source || !target) return [];
    const id = nextEdgeId(source, edge.sourcePort, target, edgeIds);
    edgeIds.add(id);
    return [{ ...edge, id, source, target }];
  });
  const notes = content.notes.map((note) => {
    const id = freeId(note.id, noteIds);
    noteIds.add(id);
    return { ...note, id, position: move(note.position) };
  });
  return { nodes, edges, notes, idMap };
}

/** Top-left corner and size of what the content covers (node sizes estimated: 224×96). */
export function contentBounds(content: Pick<ClipboardContent, 'nodes' | 'notes'>): { x: number; y: number; width: number; height: number } {
  const boxes = [
    ...content.nodes.map((n) => ({ ...n.position, width: 224, height: 96 })),
    ...content.notes.map((n) => ({ ...n.position, ...n.size })),
  ];
  if (!boxes.length) return { x: 0, y: 0, width: 0, height: 0 };
  const x = Math.min(...boxes.map((b) => b.x));
  const y = Math.min(...boxes.map((b) => b.y));
  return { x, y, width: Math.max(...boxes.map((b) => b.x + b.width)) - x, height: Math.max(...boxes.map((b) => b.y + b.height)) - y };
}
