/**
 * The big flow of W4 (/work/shared/bench/README.md): a generated, valid flow of 500 nodes and 600 edges,
 * the same every time for the same seed. Nodes stand in 25 layers of 20 (x = layer × 300, y = row × 130):
 * manual triggers on the left, then mappings, validations, routers and HTTP calls, responses on the right.
 * Every node of a layer is fed by one node of the layer before (480 edges); 120 more edges skip ahead one
 * to four layers, leaving routers by their `a` or `otherwise` port. No edge repeats, no cycle, every port
 * exists, so the flow opens with no problems.
 *
 * `npx tsx test/bench/generate-flow.ts [nodes] [edges] > big.flow.json` prints one (stable key order).
 */
import { fileURLToPath } from 'node:url';
import { stringifyFlow, type Flow, type FlowEdge, type FlowNode } from '../../nodes/sdk/flow.js';

export interface BigFlowOptions {
  nodes?: number;
  edges?: number;
  /** Nodes per layer (column). */
  perLayer?: number;
  seed?: number;
  id?: string;
}

/** mulberry32: a small deterministic PRNG, so the flow is the same on every machine. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The node of `layer` (0-based) and `row`: a type and a config valid for it. */
function nodeAt(layer: number, row: number, layers: number, pick: () => number): FlowNode {
  const id = `n${String(layer).padStart(2, '0')}-${String(row).padStart(2, '0')}`;
  const position = { x: layer * 300, y: row * 130 };
  if (layer === 0) return { id, type: 'trigger.manual', typeVersion: 1, name: `Start ${row + 1}`, position, config: {} };
  if (layer === layers - 1) return { id, type: 'respond', typeVersion: 1, name: `Reply ${row + 1}`, position, config: { status: 200 } };
  const roll = pick();
  if (roll < 0.45) {
    return { id, type: 'transform.jsonata', typeVersion: 1, name: `Map ${id}`, position, config: { expression: `{ "step": ${layer}, "row": ${row}, "amount": payload.amount }` } };
  }
  if (roll < 0.65) {
    return { id, type: 'route.switch', typeVersion: 1, name: `Route ${id}`, position, config: { routes: [{ port: 'a', condition: 'payload.amount > 0' }] } };
  }
  if (roll < 0.85) {
    return { id, type: 'validate.schema', typeVersion: 1, name: `Check ${id}`, position, config: { schema: { type: 'object' } } };
  }
  return { id, type: 'http.request', typeVersion: 1, name: `Call ${id}`, position, config: { method: 'POST', url: '/sandbox/erp/invoices', body: 'payload' } };
}

/** Output ports an edge may leave `node` by (not `error`, to keep the picture of a normal flow). */
function outputsOf(node: FlowNode): string[] {
  return node.type === 'route.switch' ? ['a', 'otherwise'] : ['out'];
}

/** Builds the W4 flow (default 500 nodes, 600 edges, 20 per layer, seed 4). */
export function generateBigFlow(options: BigFlowOptions = {}): Flow {
  const { nodes: nodeCount = 500, edges: edgeCount = 600, perLayer = 20, seed = 4, id = 'w4-big-flow' } = options;
  const pick = random(seed);
  const layers = Math.ceil(nodeCount / perLayer);
  if (layers < 2) throw new Error('need at least two layers');
  const byLayer: FlowNode[][] = [];
  const nodes: FlowNode[] = [];
  for (let layer = 0; layer < layers; layer++) {
    const row: FlowNode[] = [];
    for (let r = 0; r < perLayer && nodes.length < nodeCount; r++) {
      const node = nodeAt(layer, r, layers, pick);
      row.push(node);
      nodes.push(node);
    }
    byLayer.push(row);
  }

  const edges: FlowEdge[] = [];
  const seen = new Set<string>();
  const connect = (source: FlowNode, target: FlowNode): boolean => {
    const ports = outputsOf(source);
    const port = ports[Math.floor(pick() * ports.length)]!;
    const key = `${source.id}.${port}>${target.id}`;
    if (seen.has(key) || source.type === 'respond') return false;
    seen.add(key);
    edges.push({ id: `e${edges.length + 1}`, source: source.id, sourcePort: port, target: target.id, targetPort: 'in' });
    return true;
  };
  // Every node after the first layer is fed by the node in its row (or a neighbour) one layer back.
  for (let layer = 1; layer < layers; layer++) {
    const previous = byLayer[layer - 1]!;
    byLayer[layer]!.forEach((target, row) => connect(previous[Math.min(row, previous.length - 1)]!, target));
  }
  // The rest skip ahead one to four layers.
  for (let guard = 0; edges.length < edgeCount && guard < edgeCount * 50; guard++) {
    const from = Math.floor(pick() * (layers - 2));
    const to = Math.min(layers - 1, from + 1 + Math.floor(pick() * 4));
    const source = byLayer[from]![Math.floor(pick() * byLayer[from]!.length)]!;
    const target = byLayer[to]![Math.floor(pick() * byLayer[to]!.length)]!;
    connect(source, target);
  }
  if (edges.length !== edgeCount) throw new Error(`could only draw ${edges.length} of ${edgeCount} edges`);

  return {
    schemaVersion: 1,
    id,
    name: `W4: ${nodeCount} nodes, ${edgeCount} edges`,
    description: 'Generated by test/bench/generate-flow.ts for benchmark W4 (the editor with a big flow).',
    settings: { runTimeoutMs: 300_000, expressionTimeoutMs: 1000, expressionMaxDepth: 500 },
    nodes,
    edges,
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [nodes, edges] = process.argv.slice(2).map(Number);
  process.stdout.write(stringifyFlow(generateBigFlow({ ...(nodes ? { nodes } : {}), ...(edges ? { edges } : {}) })));
}
