/**
 * What a mapping's output must look like: by default the next `validate.schema` node downstream (reached
 * along non-error ports through nodes that pass the payload on unchanged), or a canonical model, or an
 * example payload of the receiving system (a fixture's `_body`, e.g. netsuite/invoice.post-request).
 * A target gives the check for the preview (targetCheck.ts) and the schema the visual mapper's target tree
 * is drawn from.
 */
import { canonicalJsonSchema, canonicalModelNames, type CanonicalModelName } from '../../../nodes/canonical/index.js';
import type { Json } from '../../../nodes/sdk/message.js';
import type { TargetCheck } from './targetCheck.js';

/** Node types whose output payload is their input payload. */
export const KEEPS_PAYLOAD = new Set(['guard.idempotentConsumer', 'guard.staleEvent', 'route.switch', 'validate.schema']);

export interface FlowGraph {
  nodes: ReadonlyArray<{ id: string; type: string; name?: string; config: Record<string, unknown> }>;
  edges: ReadonlyArray<{ source: string; target: string; sourcePort: string }>;
}

/** The flow graph of the designer's document (React Flow nodes and edges). */
export function graphOf(
  nodes: ReadonlyArray<{ id: string; data: { type: string; name?: string; config: Record<string, unknown> } }>,
  edges: ReadonlyArray<{ source: string; target: string; sourceHandle?: string | null }>,
): FlowGraph {
  return {
    nodes: nodes.map((n) => ({ id: n.id, type: n.data.type, ...(n.data.name ? { name: n.data.name } : {}), config: n.data.config })),
    edges: edges.map((e) => ({ source: e.source, target: e.target, sourcePort: e.sourceHandle ?? 'out' })),
  };
}

export interface ValidatorNode {
  id: string;
  name: string;
  config: Record<string, unknown>;
}

/** `validate.schema` nodes that check what `nodeId` sends, nearest first. */
export function downstreamValidators(graph: FlowGraph, nodeId: string): ValidatorNode[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const found: ValidatorNode[] = [];
  const seen = new Set([nodeId]);
  let frontier = [nodeId];
  while (frontier.length) {
    const next: string[] = [];
    for (const id of frontier) {
      for (const edge of graph.edges) {
        if (edge.source !== id || edge.sourcePort === 'error' || seen.has(edge.target)) continue;
        seen.add(edge.target);
        const node = byId.get(edge.target);
        if (!node || !KEEPS_PAYLOAD.has(node.type)) continue;
        if (node.type === 'validate.schema') found.push({ id: node.id, name: node.name ?? node.id, config: node.config });
        next.push(node.id);
      }
    }
    frontier = next;
  }
  return found;
}

/**
 * Nodes between a manual trigger and `nodeId` that change the payload (so the trigger's fixture is not what
 * `nodeId` receives), by name; empty when every path from the trigger keeps the payload.
 */
export function payloadChangersBefore(graph: FlowGraph, nodeId: string): string[] {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const changers = new Set<string>();
  const seen = new Set<string>();
  const visit = (id: string) => {
    if (seen.has(id)) return;
    seen.add(id);
    for (const edge of graph.edges) {
      if (edge.target !== id || edge.sourcePort === 'error') continue;
      const node = byId.get(edge.source);
      if (!node || node.type.startsWith('trigger.')) continue;
      if (!KEEPS_PAYLOAD.has(node.type)) changers.add(node.name ?? node.id);
      visit(node.id);
    }
  };
  visit(nodeId);
  return [...changers];
}

export type TargetChoice =
  | { kind: 'node'; nodeId: string }
  | { kind: 'model'; model: CanonicalModelName }
  | { kind: 'example'; sample: string }
  | { kind: 'none' };

export const encodeTarget = (choice: TargetChoice): string =>
  choice.kind === 'node' ? `node:${choice.nodeId}` : choice.kind === 'model' ? `model:${choice.model}` : choice.kind === 'example' ? `example:${choice.sample}` : 'none';

export function decodeTarget(value: string): TargetChoice {
  const [kind, ...rest] = value.split(':');
  const name = rest.join(':');
  if (kind === 'node') return { kind: 'node', nodeId: name };
  if (kind === 'model' && (canonicalModelNames as string[]).includes(name)) return { kind: 'model', model: name as CanonicalModelName };
  if (kind === 'example') return { kind: 'example', sample: name };
  return { kind: 'none' };
}

export interface TargetOption {
  value: string;
  label: string;
  group: 'In this flow' | 'Canonical models' | 'Example payloads';
}

/** Samples that are payloads a flow sends or receives from a target system. */
export const isExamplePayload = (sample: string) => /request|response/.test(sample);

/** The targets to choose from ("No target" aside). */
export function targetOptions(validators: ValidatorNode[], samples: readonly string[]): TargetOption[] {
  return [
    ...validators.map((v, i) => ({ value: `node:${v.id}`, label: `${v.name}${i === 0 ? ' (next check)' : ''}`, group: 'In this flow' as const })),
    ...canonicalModelNames.map((model) => ({ value: `model:${model}`, label: model, group: 'Canonical models' as const })),
    ...samples.filter(isExamplePayload).map((sample) => ({ value: `example:${sample}`, label: sample, group: 'Example payloads' as const })),
  ];
}

export interface ResolvedTarget {
  label: string;
  check?: TargetCheck;
  /** JSON Schema the target tree is drawn from. */
  schema?: Record<string, unknown>;
}

/** A loose JSON Schema of an example: types and shapes, nothing required. */
export function inferSchema(value: unknown): Record<string, unknown> {
  if (Array.isArray(value)) return value.length ? { type: 'array', items: inferSchema(value[0]) } : { type: 'array' };
  if (value && typeof value === 'object') {
    return { type: 'object', properties: Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inferSchema(v)])) };
  }
  if (value === null) return {};
  return { type: typeof value === 'number' ? 'number' : typeof value };
}

/**
 * Resolves a target choice. `loadSample` fetches a fixture (for example payloads).
 * @throws Error when an example cannot be loaded.
 */
export async function resolveTarget(choice: TargetChoice, graph: FlowGraph, loadSample: (name: string) => Promise<Json>): Promise<ResolvedTarget> {
  if (choice.kind === 'model') {
    return { label: `canonical ${choice.model}`, check: { kind: 'model', model: choice.model }, schema: canonicalJsonSchema(choice.model) };
  }
  if (choice.kind === 'node') {
    const node = graph.nodes.find((n) => n.id === choice.nodeId);
    if (!node) return { label: 'no target' };
    const label = node.name ?? node.id;
    const model = node.config.model;
    if (typeof model === 'string' && (canonicalModelNames as string[]).includes(model)) {
      return { label, check: { kind: 'model', model }, schema: canonicalJsonSchema(model as CanonicalModelName) };
    }
    const schema = node.config.schema;
    if (schema && typeof schema === 'object') return { label, check: { kind: 'schema', schema: schema as Record<string, unknown> }, schema: schema as Record<string, unknown> };
    return { label };
  }
  if (choice.kind === 'example') {
    const value = await loadSample(choice.sample);
    const body = value && typeof value === 'object' && !Array.isArray(value) && '_body' in value ? (value as Record<string, Json>)._body : value;
    const schema = inferSchema(body);
    return { label: choice.sample, check: { kind: 'schema', schema }, schema };
  }
  return { label: 'no target' };
}
