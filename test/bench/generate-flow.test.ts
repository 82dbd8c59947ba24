import { describe, expect, test } from 'vitest';
import { loadFlow, validateFlow } from '../../nodes/sdk/flow.js';
import { registry } from '../../nodes/registry.js';
import { generateBigFlow } from './generate-flow.js';

describe('the W4 flow generator', () => {
  test('500 nodes and 600 edges, valid, acyclic, the same for the same seed', () => {
    const flow = generateBigFlow();
    expect(flow.nodes).toHaveLength(500);
    expect(flow.edges).toHaveLength(600);
    expect(new Set(flow.nodes.map((n) => n.id)).size).toBe(500);
    expect(validateFlow(loadFlow(flow, registry), registry)).toEqual([]);
    const layer = new Map(flow.nodes.map((n) => [n.id, n.position.x]));
    expect(flow.edges.every((e) => layer.get(e.source)! < layer.get(e.target)!)).toBe(true);
    expect(generateBigFlow()).toEqual(flow);
    expect(generateBigFlow({ seed: 5 })).not.toEqual(flow);
  });
});
