import { beforeEach, describe, expect, test } from 'vitest';
import { loadFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { parseClipboard } from './clipboard.js';
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

/** The flow file of the current document, for before/after comparisons. */
const file = () => JSON.stringify(state().toFlow());

/**
 * Runs an edit, checks it, undoes it (the document is byte for byte what it was), redoes it (the edit is
 * back) — the tldraw pattern: command, assert, undo, assert, redo, assert.
 */
function roundTrip(edit: () => void, check: () => void) {
  const before = file();
  const depth = state().past.length;
  edit();
  check();
  expect(state().past).toHaveLength(depth + 1);
  const after = file();
  expect(after).not.toBe(before);
  state().undo();
  expect(file()).toBe(before);
  expect(state().future).toHaveLength(1);
  state().redo();
  expect(file()).toBe(after);
  check();
}

describe('every edit is one undoable command', () => {
  beforeEach(() => state().load(flow()));

  test('connect', () =>
    roundTrip(
      () => state().connect({ source: 'route', sourceHandle: 'paid', target: 'map', targetHandle: 'in' }),
      () => expect(state().edges.map((e) => e.id)).toContain('e-route-paid-map'),
    ));

  test('rename a node, edit its config, rename the flow', () => {
    roundTrip(() => state().updateNode('map', { name: 'Map invoice' }), () => expect(node('map')?.data.name).toBe('Map invoice'));
    roundTrip(() => state().updateNode('map', { config: { expression: 'payload.total' } }), () => expect(node('map')?.data.config).toEqual({ expression: 'payload.total' }));
    roundTrip(() => state().renameFlow('Invoices'), () => expect(state().meta?.name).toBe('Invoices'));
  });

  test('a router config edit re-derives ports on undo and redo', () =>
    roundTrip(
      () => state().updateNode('route', { config: { routes: [{ port: 'refunded', condition: 'false' }] } }),
      () => expect(node('route')?.data.ports.outputs.map((p) => p.name)).toEqual(['refunded', 'otherwise', 'error']),
    ));

  test('delete a multi-selection of nodes and edges; undo puts them back in their places', () => {
    state().selectMany({ nodeIds: ['start'], edgeIds: ['bad'] });
    expect(state().selectionCount).toBe(2);
    expect(state().selectedNodeId).toBeUndefined();
    roundTrip(
      () => state().deleteSelection(),
      () => {
        expect(state().nodes.map((n) => n.id)).toEqual(['map', 'route']);
        expect(state().edges).toEqual([]);
      },
    );
    state().undo();
    expect(state().nodes.map((n) => n.id)).toEqual(['start', 'map', 'route']);
    expect(state().edges.map((e) => e.id)).toEqual(['e1', 'bad']);
  });

  test('a drag of several nodes is one step; only the moved nodes are in the command', () => {
    roundTrip(
      () => {
        state().onNodesChange([
          { type: 'position', id: 'start', position: { x: 5, y: 5 }, dragging: true },
          { type: 'position', id: 'map', position: { x: 305, y: 5 }, dragging: true },
        ]);
        state().onNodesChange([
          { type: 'position', id: 'start', position: { x: 50, y: 60 }, dragging: true },
          { type: 'position', id: 'map', position: { x: 350, y: 60 }, dragging: true },
        ]);
        state().onNodesChange([
          { type: 'position', id: 'start', dragging: false },
          { type: 'position', id: 'map', dragging: false },
        ]);
      },
      () => {
        expect(node('start')?.position).toEqual({ x: 50, y: 60 });
        expect(state().past.at(-1)?.command.nodes.map((c) => c.id)).toEqual(['start', 'map']);
      },
    );
  });

  test('auto-layout positions land as one step (moveNodes)', () =>
    roundTrip(
      () => state().moveNodes({ start: { x: 0, y: 100 }, map: { x: 296, y: 100 }, route: { x: 592, y: 100 } }, 'Auto-layout'),
      () => {
        expect(state().nodes.map((n) => n.position)).toEqual([{ x: 0, y: 100 }, { x: 296, y: 100 }, { x: 592, y: 100 }]);
        expect(state().past.at(-1)?.command.label).toBe('Auto-layout');
      },
    ));

  test('sticky notes: add, type, resize, delete, each undoable; they are kept in the flow file', () => {
    let id = '';
    roundTrip(
      () => (id = state().addNote({ x: 10, y: -150 }, 'Amounts are minor units')),
      () => expect(state().toFlow()?.notes).toEqual([{ id: 'note-1', text: 'Amounts are minor units', position: { x: 10, y: -150 }, size: { width: 240, height: 120 } }]),
    );
    expect(id).toBe('note:note-1');
    roundTrip(() => state().updateNote(id, { text: 'Integer cents' }), () => expect(state().toFlow()?.notes?.[0]?.text).toBe('Integer cents'));
    roundTrip(
      () => {
        state().onNodesChange([{ type: 'dimensions', id, dimensions: { width: 300, height: 150 }, resizing: true, setAttributes: true }]);
        state().onNodesChange([{ type: 'dimensions', id, dimensions: { width: 320, height: 160 }, resizing: true, setAttributes: true }]);
        state().onNodesChange([{ type: 'dimensions', id, dimensions: { width: 320, height: 160 }, resizing: false }]);
      },
      () => expect(state().toFlow()?.notes?.[0]?.size).toEqual({ width: 320, height: 160 }),
    );
    roundTrip(() => state().remove({ noteIds: ['note-1'] }), () => expect(state().toFlow()?.notes).toBeUndefined());
  });

  test('copy and paste: fresh ids, the edges between copied nodes follow, pasted nodes are selected', () => {
    state().selectMany({ nodeIds: ['start', 'map'] });
    const content = state().copySelection()!;
    expect(content.nodes.map((n) => n.id)).toEqual(['start', 'map']);
    expect(content.edges.map((e) => e.id)).toEqual(['e1']);
    // Through the clipboard's text form and back.
    const parsed = parseClipboard(JSON.stringify(content))!;
    expect(parsed).toEqual(content);
    roundTrip(
      () => expect(state().paste(parsed)).toEqual(['start-2', 'map-2']),
      () => {
        expect(node('start-2')).toMatchObject({ position: { x: 40, y: 40 }, selected: true });
        expect(node('map-2')).toMatchObject({ position: { x: 340, y: 40 }, data: { config: { expression: 'payload' } } });
        expect(node('start')?.selected).toBe(false);
        expect(state().edges.find((e) => e.source === 'start-2')).toMatchObject({ target: 'map-2', sourceHandle: 'out', targetHandle: 'in' });
        expect(state().selectionCount).toBe(2);
      },
    );
    // A second paste of the same content steps further; pasting at a point centres it there.
    state().paste(parsed);
    expect(node('start-3')?.position).toEqual({ x: 80, y: 80 });
    state().paste(parsed, { x: 1000, y: 1000 });
    expect(node('start-4')?.position).toEqual({ x: 1000 - 262, y: 1000 - 48 });
  });

  test('paste into another flow keeps free ids', () => {
    state().selectMany({ nodeIds: ['map', 'route'] });
    const content = state().copySelection()!;
    state().load(loadFlow({ schemaVersion: 1, id: 'other', name: 'Other', nodes: [], edges: [] }, registry));
    state().paste(content);
    expect(state().toFlow()?.nodes.map((n) => n.id)).toEqual(['map', 'route']);
    expect(state().toFlow()?.edges).toEqual([{ id: 'e-map-amount_paid-route', source: 'map', sourcePort: 'amount_paid', target: 'route', targetPort: 'in' }]);
  });

  test('replacing the flow (rollback, import) is one step and keeps this flow id', () => {
    const old = flow();
    const replacement = { ...old, id: 'elsewhere', name: 'v1', nodes: old.nodes.slice(0, 2), edges: old.edges.slice(0, 1) };
    roundTrip(
      () => state().replaceFlow(replacement, 'Restore v1'),
      () => {
        expect(state().meta).toMatchObject({ id: 'doc-test', name: 'v1' });
        expect(state().nodes.map((n) => n.id)).toEqual(['start', 'map']);
        expect(state().issues).toEqual([]);
        // Unchanged nodes are not part of the command.
        expect(state().past.at(-1)?.command.nodes.map((c) => c.id)).toEqual(['route']);
      },
    );
  });

  test('selection changes and measuring are not edits', () => {
    state().select({ nodeId: 'map' });
    state().onNodesChange([{ type: 'dimensions', id: 'map', dimensions: { width: 224, height: 100 } }]);
    state().selectAll();
    expect(state().selectionCount).toBe(3);
    expect(state().past).toEqual([]);
    expect(state().dirty).toBe(false);
  });
});

describe('opening a big flow', () => {
  test('deferred checks: ports at once, issues when the canvas asks (also after a drag)', () => {
    state().load(flow(), { deferChecks: true });
    expect(node('map')?.data.ports.outputs.map((p) => p.name)).toEqual(['out', 'error', 'amount_paid']);
    expect(state().issues).toEqual([]);
    state().onNodesChange([{ type: 'position', id: 'map', position: { x: 310, y: 5 }, dragging: true }]);
    state().onNodesChange([{ type: 'position', id: 'map', dragging: false }]);
    state().runDeferredChecks();
    expect(state().issues.map((i) => i.code)).toEqual(['edge-port-missing']);
    expect(state().edges.find((e) => e.id === 'bad')?.data?.broken).toContain('amount_paid');
    // Checks left by one flow never run on the next.
    state().load(flow(), { deferChecks: true });
    state().load(loadFlow({ schemaVersion: 1, id: 'other', name: 'Other', nodes: [], edges: [] }, registry));
    state().runDeferredChecks();
    expect(state().meta?.id).toBe('other');
  });
});
