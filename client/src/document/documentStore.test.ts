import { beforeEach, describe, expect, test } from 'vitest';
import { loadFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { useDocument } from './documentStore.js';

const flow = () =>
  loadFlow(
    {
      schemaVersion: 1,
      id: 'doc-test',
      name: 'Doc test',
      nodes: [
        { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
        { id: 'map', type: 'transform.jsonata', position: { x: 300, y: 0 }, config: { expression: 'payload' } },
        { id: 'route', type: 'route.switch', position: { x: 600, y: 0 }, config: { routes: [{ port: 'paid', condition: 'payload.paid' }] } },
      ],
      edges: [
        { id: 'e1', source: 'start', sourcePort: 'out', target: 'map', targetPort: 'in' },
        { id: 'bad', source: 'map', sourcePort: 'amount_paid', target: 'route', targetPort: 'in' },
      ],
    },
    registry,
  );

const state = () => useDocument.getState();
const node = (id: string) => state().nodes.find((n) => n.id === id);

describe('document store', () => {
  beforeEach(() => state().load(flow()));

  test('an edge to a port the node lacks (E1) stays, marked broken, with a placeholder port', () => {
    expect(state().issues.map((i) => i.code)).toEqual(['edge-port-missing']);
    expect(state().edges.find((e) => e.id === 'bad')?.data?.broken).toContain('amount_paid');
    expect(node('map')?.data.ports.outputs).toEqual([
      { name: 'out', missing: false },
      { name: 'error', missing: false },
      { name: 'amount_paid', missing: true },
    ]);
    expect(state().issueCountByNode).toEqual({});
  });

  test("a router's output ports follow its routes", () => {
    expect(node('route')?.data.ports.outputs.map((p) => p.name)).toEqual(['paid', 'otherwise', 'error']);
    state().updateNode('route', { config: { routes: [{ port: 'paid', condition: 'true' }, { port: 'refunded', condition: 'false' }] } });
    expect(node('route')?.data.ports.outputs.map((p) => p.name)).toEqual(['paid', 'refunded', 'otherwise', 'error']);
  });

  test('connect names the edge after its ends and refuses duplicates and loops', () => {
    state().connect({ source: 'route', sourceHandle: 'paid', target: 'map', targetHandle: 'in' });
    state().connect({ source: 'route', sourceHandle: 'paid', target: 'map', targetHandle: 'in' });
    state().connect({ source: 'map', sourceHandle: 'out', target: 'map', targetHandle: 'in' });
    expect(state().edges.map((e) => e.id)).toEqual(['e1', 'bad', 'e-route-paid-map']);
    expect(state().dirty).toBe(true);
  });

  test('add, undo, redo', () => {
    const id = state().addNode('transform.jsonata', { x: 10.4, y: 20.6 });
    expect(id).toBe('jsonata');
    expect(node(id)).toMatchObject({ position: { x: 10, y: 21 }, selected: true, data: { config: { expression: 'payload' } } });
    expect(state().selectedNodeId).toBe(id);
    state().undo();
    expect(node(id)).toBeUndefined();
    state().redo();
    expect(node(id)).toBeDefined();
  });

  test('removing a node removes its edges in one undo step', () => {
    state().remove({ nodeIds: ['map'] });
    expect(state().edges).toEqual([]);
    expect(state().issues).toEqual([]);
    state().undo();
    expect(state().edges.map((e) => e.id)).toEqual(['e1', 'bad']);
    expect(node('map')).toBeDefined();
  });

  test('typing in one field is one undo step; a drag commits once, on drag stop', () => {
    state().updateNode('map', { config: { expression: 'payload.a' } });
    state().updateNode('map', { config: { expression: 'payload.ab' } });
    expect(state().past).toHaveLength(1);
    state().onNodesChange([{ type: 'position', id: 'map', position: { x: 310, y: 5 }, dragging: true }]);
    state().onNodesChange([{ type: 'position', id: 'map', position: { x: 320, y: 9 }, dragging: true }]);
    expect(state().past).toHaveLength(1);
    state().onNodesChange([{ type: 'position', id: 'map', dragging: false }]);
    expect(state().past).toHaveLength(2);
    expect(state().toFlow()?.nodes.find((n) => n.id === 'map')?.position).toEqual({ x: 320, y: 9 });
    state().undo();
    expect(node('map')?.position).toEqual({ x: 300, y: 0 });
    state().undo();
    expect(node('map')?.data.config).toEqual({ expression: 'payload' });
  });

  test('JSONata syntax errors are issues with their position', () => {
    state().updateNode('map', { config: { expression: '{ "a": payload.x * , "b": 1 }' } });
    const issue = state().issues.find((i) => i.code === 'expression-syntax');
    expect(issue).toMatchObject({ nodeId: 'map', path: ['nodes', 1, 'config', 'expression'] });
    expect(issue?.position).toBeGreaterThan(10);
    expect(state().issueCountByNode).toEqual({ map: 1 });
  });

  test('server issues are dropped by the next edit; a save remembers the revision it sent', () => {
    state().setServerIssues([{ code: 'x', path: [], message: 'from the server' }]);
    const revision = state().revision;
    state().renameFlow('Renamed');
    expect(state().serverIssues).toEqual([]);
    state().markSaved(revision, []);
    expect(state().dirty).toBe(true);
    state().markSaved(state().revision, []);
    expect(state().dirty).toBe(false);
  });
});
