/**
 * The flow file format (`*.flow.json`): schema, loading (migrate → normalise → parse, as excalidraw's
 * `restore`) and semantic validation against the node registry.
 *
 * Shape (schemaVersion 1):
 * ```json
 * { "schemaVersion": 1, "id": "stripe-invoice-to-erp", "name": "…", "settings": {…},
 *   "nodes": [{ "id": "map", "type": "transform.jsonata", "typeVersion": 1, "name": "…",
 *               "position": { "x": 0, "y": 0 }, "config": {…} }],
 *   "edges": [{ "id": "e1", "source": "hook", "sourcePort": "out", "target": "map", "targetPort": "in" }],
 *   "notes": [{ "id": "n1", "text": "…", "position": { "x": 0, "y": -120 }, "size": { "width": 240, "height": 120 } }] }
 * ```
 * `notes` (sticky notes on the canvas; no effect on a run) is optional: files without it stay valid and
 * are written without it.
 */
import { z } from 'zod';
import { FlowValidationError, type FlowIssue, type JsonPath } from './errors.js';
import { outputPorts, type NodeDefinition } from './define.js';

export const FLOW_SCHEMA_VERSION = 1;

const Id = z
  .string()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'use letters, digits, "_", "-" or "." (starting with a letter or digit)');

export const FlowNodeSchema = z.object({
  id: Id,
  type: z.string().min(1),
  typeVersion: z.number().int().min(1),
  name: z.string().max(200).optional(),
  position: z.object({ x: z.number(), y: z.number() }),
  config: z.record(z.string(), z.unknown()),
  /**
   * Business keys this node records on its run: key name → JSONata evaluated on the node's output message
   * after a successful step (e.g. `{ "opportunityId": "payload.Id" }`). Key names say what the id is
   * (server/lineage/entities.ts lists the ones lineage understands); runs are searchable by their values.
   */
  businessKeys: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'key names: a letter, then letters, digits or "_"').max(100), z.string().min(1, 'the key expression is empty'))
    .optional(),
});

export const FlowEdgeSchema = z.object({
  id: Id,
  source: Id,
  sourcePort: z.string().min(1),
  target: Id,
  targetPort: z.string().min(1),
});

/** A sticky note on the canvas: free text for people, ignored by the runtime. Sizes in canvas pixels. */
export const FlowNoteSchema = z.object({
  id: Id,
  text: z.string().max(10_000),
  position: z.object({ x: z.number(), y: z.number() }),
  size: z.object({ width: z.number().min(40).max(4000), height: z.number().min(30).max(4000) }),
});

/**
 * A service-level objective of a flow, e.g. "99% of invoice postings within 60 s": over the last `windowMs`,
 * at least `objective` of its finished published runs succeed within `thresholdMs` of starting.
 */
export const SloSchema = z.object({
  name: z.string().min(1).max(200),
  /** Fraction of good runs required, e.g. 0.99. */
  objective: z.number().gt(0).lt(1),
  /** A run is good when it succeeds within this many ms. */
  thresholdMs: z.number().int().min(1).max(86_400_000),
  /** Rolling window the objective is measured over, in ms (default one day). */
  windowMs: z.number().int().min(60_000).max(90 * 86_400_000).optional(),
});
export type Slo = z.output<typeof SloSchema>;

export const FlowSettingsSchema = z.object({
  /** Upper bound of one run, in ms. */
  runTimeoutMs: z.number().int().min(100).max(86_400_000).default(300_000),
  /** Upper bound of one JSONata evaluation, in ms. */
  expressionTimeoutMs: z.number().int().min(10).max(60_000).default(1000),
  /** Upper bound of JSONata recursion depth. */
  expressionMaxDepth: z.number().int().min(10).max(10_000).default(500),
  /** Service-level objectives (dashboard and /api/stats); absent in older flows. */
  slos: z.array(SloSchema).max(20).optional(),
});

export const FlowSchema = z.object({
  schemaVersion: z.literal(FLOW_SCHEMA_VERSION),
  id: Id,
  name: z.string().min(1).max(200),
  description: z.string().max(5000).optional(),
  settings: FlowSettingsSchema,
  nodes: z.array(FlowNodeSchema).max(5000),
  edges: z.array(FlowEdgeSchema).max(20000),
  notes: z.array(FlowNoteSchema).max(1000).optional(),
});

export type Flow = z.output<typeof FlowSchema>;
export type FlowNode = Flow['nodes'][number];
export type FlowEdge = Flow['edges'][number];
export type FlowNote = NonNullable<Flow['notes']>[number];
export type FlowSettings = Flow['settings'];

/** Looks up node types; implemented by the registry. */
export interface NodeTypeLookup {
  get(type: string): NodeDefinition | undefined;
  types(): string[];
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Brings an older document up to the current schemaVersion.
 * Version 0 (no `schemaVersion`) is the React Flow shape: edges name `sourceHandle`/`targetHandle` and a
 * node's config may sit under `data.config`.
 * @throws FlowValidationError when the document is not an object or comes from a newer Ledgerflow.
 */
export function migrateFlow(raw: unknown): Record<string, unknown> {
  if (!isRecord(raw)) {
    throw new FlowValidationError([{ code: 'not-an-object', path: [], message: 'a flow file must be a JSON object' }]);
  }
  const version = raw.schemaVersion ?? 0;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new FlowValidationError([
      { code: 'invalid-schema-version', path: ['schemaVersion'], message: `expected an integer, got ${JSON.stringify(version)}` },
    ]);
  }
  if (version > FLOW_SCHEMA_VERSION) {
    throw new FlowValidationError([
      {
        code: 'newer-schema-version',
        path: ['schemaVersion'],
        message: `schemaVersion ${version} was written by a newer Ledgerflow (this one reads up to ${FLOW_SCHEMA_VERSION})`,
      },
    ]);
  }
  let doc: Record<string, unknown> = raw;
  if (version === 0) {
    doc = {
      ...raw,
      schemaVersion: 1,
      nodes: Array.isArray(raw.nodes)
        ? raw.nodes.map((node) => {
            if (!isRecord(node)) return node;
            const { data, ...rest } = node;
            const config = rest.config ?? (isRecord(data) ? data.config : undefined);
            return { ...rest, ...(config !== undefined ? { config } : {}) };
          })
        : raw.nodes,
      edges: Array.isArray(raw.edges)
        ? raw.edges.map((edge) => {
            if (!isRecord(edge)) return edge;
            const { sourceHandle, targetHandle, ...rest } = edge;
            return {
              ...rest,
              sourcePort: rest.sourcePort ?? sourceHandle,
              targetPort: rest.targetPort ?? targetHandle,
            };
          })
        : raw.edges,
    };
  }
  return doc;
}

/** Fills what may be left out (settings, config, type versions, edge ids) and tidies positions. */
export function normaliseFlow(doc: Record<string, unknown>, lookup?: NodeTypeLookup): Record<string, unknown> {
  const nodes = Array.isArray(doc.nodes)
    ? doc.nodes.map((node) => {
        if (!isRecord(node)) return node;
        const definition = typeof node.type === 'string' ? lookup?.get(node.type) : undefined;
        const position = isRecord(node.position) ? node.position : { x: 0, y: 0 };
        return {
          ...node,
          typeVersion: node.typeVersion ?? definition?.version ?? 1,
          position: {
            x: typeof position.x === 'number' ? Math.round(position.x) : position.x,
            y: typeof position.y === 'number' ? Math.round(position.y) : position.y,
          },
          config: node.config ?? {},
        };
      })
    : doc.nodes;
  const edges = Array.isArray(doc.edges)
    ? doc.edges.map((edge) => {
        if (!isRecord(edge) || edge.id !== undefined) return edge;
        return { ...edge, id: `${String(edge.source)}.${String(edge.sourcePort)}-${String(edge.target)}.${String(edge.targetPort)}` };
      })
    : doc.edges;
  return { ...doc, settings: doc.settings ?? {}, nodes: nodes ?? [], edges: edges ?? [] };
}

function zodIssues(error: z.ZodError, prefix: JsonPath, code: string): FlowIssue[] {
  return error.issues.map((issue) => ({
    code,
    path: [...prefix, ...(issue.path as JsonPath)],
    message: issue.message,
  }));
}

/**
 * Loads a flow document: migrate → normalise → parse. Structural problems throw; semantic problems
 * (unknown node types, edges to missing ports, bad configs) are left to `validateFlow`, so a draft with
 * problems can still be opened and fixed.
 * @throws FlowValidationError listing every structural issue with its JSON path.
 */
export function loadFlow(raw: unknown, lookup?: NodeTypeLookup): Flow {
  const parsed = FlowSchema.safeParse(normaliseFlow(migrateFlow(raw), lookup));
  if (!parsed.success) throw new FlowValidationError(zodIssues(parsed.error, [], 'invalid-structure'));
  return parsed.data;
}

/** Parses JSON text and loads it; a syntax error is reported with its position. */
export function loadFlowText(text: string, lookup?: NodeTypeLookup): Flow {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new FlowValidationError([
      { code: 'malformed-json', path: [], message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  return loadFlow(raw, lookup);
}

function closest(name: string, candidates: string[]): string | undefined {
  const score = (candidate: string) => {
    const a = name.toLowerCase();
    const b = candidate.toLowerCase();
    if (b.includes(a) || a.includes(b)) return 0;
    const tail = b.split('.').pop() ?? b;
    return a.includes(tail) ? 1 : 99;
  };
  return [...candidates].sort((x, y) => score(x) - score(y)).find((c) => score(c) < 99);
}

/** The config of a node parsed by its type's schema (defaults applied), or undefined if invalid. */
export function parseNodeConfig(definition: NodeDefinition, config: unknown): unknown {
  const result = definition.config.safeParse(config);
  return result.success ? result.data : undefined;
}

/**
 * Checks a loaded flow against the registry. Returns every issue (empty when the flow can be published):
 * duplicate node or edge ids, unknown node types, type versions newer than this runtime, configs that do
 * not match their type's schema, edges whose node or port does not exist (case E1), and a flow with no
 * trigger.
 */
export function validateFlow(flow: Flow, lookup: NodeTypeLookup): FlowIssue[] {
  const issues: FlowIssue[] = [];
  const nodeIndex = new Map<string, number>();
  flow.nodes.forEach((node, i) => {
    if (nodeIndex.has(node.id)) {
      issues.push({ code: 'duplicate-id', path: ['nodes', i, 'id'], nodeId: node.id, message: `node id "${node.id}" is used twice (first at nodes[${nodeIndex.get(node.id)}])` });
    } else nodeIndex.set(node.id, i);
  });
  const edgeIndex = new Map<string, number>();
  flow.edges.forEach((edge, i) => {
    if (edgeIndex.has(edge.id)) {
      issues.push({ code: 'duplicate-id', path: ['edges', i, 'id'], edgeId: edge.id, message: `edge id "${edge.id}" is used twice (first at edges[${edgeIndex.get(edge.id)}])` });
    } else edgeIndex.set(edge.id, i);
  });

  const ports = new Map<string, { inputs: string[]; outputs: string[]; type: string }>();
  let triggers = 0;
  flow.nodes.forEach((node, i) => {
    const definition = lookup.get(node.type);
    if (!definition) {
      const hint = closest(node.type, lookup.types());
      issues.push({
        code: 'unknown-node-type',
        path: ['nodes', i, 'type'],
        nodeId: node.id,
        message: `unknown node type "${node.type}"${hint ? ` (did you mean "${hint}"?)` : ''}`,
      });
      return;
    }
    if (definition.category === 'trigger') triggers++;
    if (node.typeVersion > definition.version) {
      issues.push({
        code: 'unsupported-type-version',
        path: ['nodes', i, 'typeVersion'],
        nodeId: node.id,
        message: `${node.type} version ${node.typeVersion} is newer than this runtime's version ${definition.version}`,
      });
    }
    const parsed = definition.config.safeParse(node.config);
    if (!parsed.success) {
      for (const issue of zodIssues(parsed.error, ['nodes', i, 'config'], 'invalid-config')) {
        issues.push({ ...issue, nodeId: node.id, message: `${node.type} config: ${issue.message}` });
      }
    }
    ports.set(node.id, {
      type: node.type,
      inputs: [...definition.inputs],
      outputs: parsed.success ? outputPorts(definition, parsed.data) : outputPorts(definition, {}),
    });
  });

  flow.edges.forEach((edge, i) => {
    for (const end of ['source', 'target'] as const) {
      const nodeId = edge[end];
      if (!nodeIndex.has(nodeId)) {
        issues.push({ code: 'edge-node-missing', path: ['edges', i, end], edgeId: edge.id, message: `edge "${edge.id}" ${end === 'source' ? 'leaves' : 'enters'} node "${nodeId}", which does not exist` });
        continue;
      }
      const nodePorts = ports.get(nodeId);
      if (!nodePorts) continue; // unknown type: already reported
      const port = end === 'source' ? edge.sourcePort : edge.targetPort;
      const available = end === 'source' ? nodePorts.outputs : nodePorts.inputs;
      if (!available.includes(port)) {
        issues.push({
          code: 'edge-port-missing',
          path: ['edges', i, end === 'source' ? 'sourcePort' : 'targetPort'],
          edgeId: edge.id,
          message:
            `edge "${edge.id}" ${end === 'source' ? 'leaves' : 'enters'} port "${port}" of node "${nodeId}" (${nodePorts.type}), ` +
            `which has ${end === 'source' ? 'output' : 'input'} ports ${available.length ? available.map((p) => `"${p}"`).join(', ') : '(none)'}`,
        });
      }
    }
  });

  if (flow.nodes.length > 0 && triggers === 0) {
    issues.push({ code: 'no-trigger', path: ['nodes'], message: 'the flow has no trigger node (webhook or manual)' });
  }
  return issues;
}

const NODE_KEYS = ['id', 'type', 'typeVersion', 'name', 'position', 'config', 'businessKeys'];
const EDGE_KEYS = ['id', 'source', 'sourcePort', 'target', 'targetPort'];
const NOTE_KEYS = ['id', 'text', 'position', 'size'];
const FLOW_KEYS = ['schemaVersion', 'id', 'name', 'description', 'settings', 'nodes', 'edges', 'notes'];

function sortedDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedDeep);
  if (isRecord(value)) {
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) out[key] = sortedDeep(value[key]);
    return out;
  }
  return value;
}

function ordered(value: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of keys) if (value[key] !== undefined) out[key] = sortedDeep(value[key]);
  for (const key of Object.keys(value).sort()) if (!keys.includes(key) && value[key] !== undefined) out[key] = sortedDeep(value[key]);
  return out;
}

/**
 * Serialises a flow for its file: 2-space indentation, a fixed key order for flow, node and edge fields,
 * config keys sorted, trailing newline. The same flow always gives the same bytes, so git diffs stay small.
 */
export function stringifyFlow(flow: Flow): string {
  const doc = ordered(flow as unknown as Record<string, unknown>, FLOW_KEYS);
  doc.nodes = flow.nodes.map((node) => ordered(node as unknown as Record<string, unknown>, NODE_KEYS));
  doc.edges = flow.edges.map((edge) => ordered(edge as unknown as Record<string, unknown>, EDGE_KEYS));
  if (flow.notes?.length) doc.notes = flow.notes.map((note) => ordered(note as unknown as Record<string, unknown>, NOTE_KEYS));
  else delete doc.notes;
  return `${JSON.stringify(doc, null, 2)}\n`;
}
