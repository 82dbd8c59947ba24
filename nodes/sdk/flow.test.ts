import { describe, expect, it } from 'vitest';
import { registry } from '../registry.js';
import { FlowValidationError } from './errors.js';
import { loadFlow, loadFlowText, stringifyFlow, validateFlow } from './flow.js';

const base = {
  schemaVersion: 1,
  id: 'invoice-sync',
  name: 'Invoice sync',
  nodes: [
    { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: 'stripe/invoices' } },
    { id: 'map', type: 'transform.jsonata', typeVersion: 1, position: { x: 260, y: 0 }, config: { expression: 'payload' } },
  ],
  edges: [{ id: 'e1', source: 'hook', sourcePort: 'out', target: 'map', targetPort: 'in' }],
};

describe('flow format', () => {
  it('E1: an edge to a port the node does not have is reported with the edge, the port and the JSON path', () => {
    // The case: a React Flow file whose edge names sourceHandle "amount_paid" on a node with ports out and error.
    const file = {
      id: 'e1-case',
      name: 'E1',
      nodes: base.nodes,
      edges: [{ id: 'paid', source: 'map', sourceHandle: 'amount_paid', target: 'hook', targetHandle: 'in' }],
    };
    const flow = loadFlow(file, registry);
    expect(flow.edges[0]).toMatchObject({ sourcePort: 'amount_paid' });
    const issues = validateFlow(flow, registry);
    expect(issues).toContainEqual({
      code: 'edge-port-missing',
      path: ['edges', 0, 'sourcePort'],
      edgeId: 'paid',
      message: 'edge "paid" leaves port "amount_paid" of node "map" (transform.jsonata), which has output ports "out", "error"',
    });
    expect(issues.find((i) => i.path.join('.') === 'edges.0.targetPort')?.message).toContain('which has input ports (none)');
  });

  it('reports unknown node types with a suggestion, duplicate ids and invalid config with JSON paths', () => {
    const flow = loadFlow(
      {
        ...base,
        nodes: [
          ...base.nodes,
          { id: 'map', type: 'transform.jsonata', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
          { id: 'post', type: 'http.reqest', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        ],
      },
      registry,
    );
    const issues = validateFlow(flow, registry);
    expect(issues.map((i) => [i.code, i.path.join('.')])).toEqual([
      ['duplicate-id', 'nodes.2.id'],
      ['invalid-config', 'nodes.2.config.expression'],
      ['unknown-node-type', 'nodes.3.type'],
    ]);
    expect(issues[2]!.message).toBe('unknown node type "http.reqest"');
  });

  it('names the JSON path of structural errors', () => {
    const attempt = () => loadFlow({ ...base, nodes: [{ id: 'x y', type: 'respond', position: { x: 'left', y: 0 } }] }, registry);
    expect(attempt).toThrow(FlowValidationError);
    try {
      attempt();
    } catch (error) {
      const paths = (error as FlowValidationError).issues.map((i) => i.path.join('.'));
      expect(paths).toEqual(['nodes.0.id', 'nodes.0.position.x']);
    }
  });

  it('refuses malformed JSON and newer schema versions with a clear message', () => {
    expect(() => loadFlowText('{"id": "x",}', registry)).toThrow(/not valid JSON/);
    expect(() => loadFlow({ ...base, schemaVersion: 7 }, registry)).toThrow(/schemaVersion 7 was written by a newer Ledgerflow/);
  });

  it('writes files with a stable key order, so the same flow always gives the same bytes', () => {
    const shuffled = {
      edges: [{ targetPort: 'in', target: 'map', sourcePort: 'out', source: 'hook', id: 'e1' }],
      nodes: [
        { config: { path: 'stripe/invoices' }, position: { y: 0, x: 0.4 }, typeVersion: 1, type: 'trigger.webhook', id: 'hook' },
        { config: { expression: 'payload' }, position: { y: 0, x: 260 }, type: 'transform.jsonata', id: 'map' },
      ],
      name: 'Invoice sync',
      id: 'invoice-sync',
      schemaVersion: 1,
    };
    const text = stringifyFlow(loadFlow(shuffled, registry));
    expect(text).toBe(stringifyFlow(loadFlow(base, registry)));
    expect(text.indexOf('"schemaVersion"')).toBeLessThan(text.indexOf('"id"'));
    expect(text.endsWith('}\n')).toBe(true);
    expect(stringifyFlow(loadFlowText(text, registry))).toBe(text);
  });

  it('keeps sticky notes after the edges, in a fixed key order; files without notes are written without them', () => {
    const note = { size: { height: 90, width: 220 }, text: 'Amounts are minor units', position: { y: -120, x: 0 }, id: 'n1' };
    const text = stringifyFlow(loadFlow({ ...base, notes: [note] }, registry));
    expect(text.indexOf('"edges"')).toBeLessThan(text.indexOf('"notes"'));
    expect(text).toContain('"id": "n1",\n      "text": "Amounts are minor units",\n      "position"');
    expect(loadFlowText(text, registry).notes).toEqual([note]);
    expect(stringifyFlow(loadFlow({ ...base, notes: [] }, registry))).not.toContain('"notes"');
    expect(() => loadFlow({ ...base, notes: [{ ...note, size: { width: 1, height: 1 } }] }, registry)).toThrow(FlowValidationError);
  });

  it('a valid flow has no issues', () => {
    expect(validateFlow(loadFlow(base, registry), registry)).toEqual([]);
  });
});
