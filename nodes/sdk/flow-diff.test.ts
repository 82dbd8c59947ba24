import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { registry } from '../registry.js';
import { diffFlows, diffValues, edgeKey, isEmptyDiff } from './flow-diff.js';
import { loadFlowText, type Flow } from './flow.js';

const example = (): Flow =>
  loadFlowText(readFileSync(new URL('../../flows/stripe-invoice-to-erp.flow.json', import.meta.url), 'utf8'), registry);

/** A deep copy to edit (flows are plain JSON). */
const copy = (flow: Flow): Flow => structuredClone(flow);
const node = (flow: Flow, id: string) => flow.nodes.find((n) => n.id === id)!;

describe('diffValues', () => {
  it('lists every changed leaf with its path: objects key by key, arrays index by index', () => {
    const before = { path: 'stripe/invoices', routes: [{ port: 'paid', condition: 'a' }], headers: { x: '1' } };
    const after = { path: 'stripe/invoices', routes: [{ port: 'paid', condition: 'b' }, { port: 'refunded', condition: 'c' }], retry: 3 };
    expect(diffValues(before, after, ['config'])).toEqual([
      { path: ['config', 'routes', 0, 'condition'], kind: 'changed', before: 'a', after: 'b' },
      { path: ['config', 'routes', 1], kind: 'added', after: { port: 'refunded', condition: 'c' } },
      { path: ['config', 'headers'], kind: 'removed', before: { x: '1' } },
      { path: ['config', 'retry'], kind: 'added', after: 3 },
    ]);
  });

  it('reports a value whose kind changed as one change, and nothing for equal values', () => {
    expect(diffValues({ a: [1] }, { a: { 0: 1 } })).toEqual([{ path: ['a'], kind: 'changed', before: [1], after: { 0: 1 } }]);
    expect(diffValues({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toEqual([]);
  });
});

describe('diffFlows', () => {
  it('two identical versions differ in nothing', () => {
    const diff = diffFlows(example(), example());
    expect(isEmptyDiff(diff)).toBe(true);
    expect(diff.nodes.every((n) => n.status === 'unchanged')).toBe(true);
  });

  it('finds nodes added, removed, moved and changed, with the changed config field by field', () => {
    const before = example();
    const after = copy(before);
    node(after, 'post-invoice').position = { x: 1000, y: 500 };
    const dedupe = node(after, 'dedupe-event');
    dedupe.config = { ...dedupe.config, ttlSeconds: 86_400, onDuplicate: 'route' };
    dedupe.name = 'Once per event';
    after.nodes = after.nodes.filter((n) => n.id !== 'respond-erp-failed');
    after.edges = after.edges.filter((e) => e.target !== 'respond-erp-failed' && e.source !== 'respond-erp-failed');
    after.nodes.push({ id: 'audit', type: 'transform.jsonata', typeVersion: 1, position: { x: 0, y: 600 }, config: { expression: 'payload' } });
    after.edges.push({ id: 'e-audit', source: 'map-invoice', sourcePort: 'out', target: 'audit', targetPort: 'in' });

    const diff = diffFlows(before, after);
    const byId = Object.fromEntries(diff.nodes.map((n) => [n.id, n]));
    expect(byId['post-invoice']).toMatchObject({ status: 'moved', moved: { from: node(before, 'post-invoice').position, to: { x: 1000, y: 500 } }, fields: [] });
    expect(byId['dedupe-event']!.status).toBe('changed');
    expect(byId['dedupe-event']!.fields).toEqual([
      { path: ['name'], kind: 'changed', before: 'Once per Stripe event', after: 'Once per event' },
      { path: ['config', 'onDuplicate'], kind: 'changed', before: 'drop', after: 'route' },
      { path: ['config', 'ttlSeconds'], kind: 'changed', before: 604_800, after: 86_400 },
    ]);
    expect(byId['respond-erp-failed']).toMatchObject({ status: 'removed', before: { type: 'respond' } });
    expect(byId['audit']).toMatchObject({ status: 'added', after: { type: 'transform.jsonata' } });
    expect(byId['map-invoice']!.status).toBe('unchanged');
    expect(diff.edges).toEqual([
      { key: 'map-invoice.out→audit.in', status: 'added', edge: after.edges.at(-1) },
      ...before.edges.filter((e) => e.target === 'respond-erp-failed').map((edge) => ({ key: edgeKey(edge), status: 'removed', edge })),
    ]);
    expect(diff.summary).toMatchObject({ added: 1, removed: 1, changed: 1, moved: 1, edgesAdded: 1, edgesRemoved: 1 });
    // Removed nodes come after the nodes of the newer version.
    expect(diff.nodes.at(-1)!.id).toBe('respond-erp-failed');
  });

  it('matches edges by their ends, so an edge drawn again under a new id is no change', () => {
    const before = example();
    const after = copy(before);
    after.edges[0]!.id = 'renamed-edge';
    expect(isEmptyDiff(diffFlows(before, after))).toBe(true);
    after.edges[0]!.targetPort = 'elsewhere';
    expect(diffFlows(before, after).edges.map((e) => e.status)).toEqual(['added', 'removed']);
  });

  it('reports flow settings, the name and sticky notes', () => {
    const before = { ...example(), notes: [{ id: 'n1', text: 'cents', position: { x: 0, y: 0 }, size: { width: 200, height: 80 } }] };
    const after = copy(before);
    after.name = 'Renamed';
    after.settings.runTimeoutMs = 60_000;
    after.notes = [
      { ...after.notes![0]!, text: 'integer cents', position: { x: 10, y: 0 } },
      { id: 'n2', text: 'new', position: { x: 0, y: 100 }, size: { width: 200, height: 80 } },
    ];
    const diff = diffFlows(before, after);
    expect(diff.flow).toEqual([
      { path: ['name'], kind: 'changed', before: 'Stripe invoice → ERP invoice', after: 'Renamed' },
      { path: ['settings', 'runTimeoutMs'], kind: 'changed', before: 300_000, after: 60_000 },
    ]);
    expect(diff.notes).toMatchObject([
      { id: 'n1', status: 'changed', moved: { from: { x: 0, y: 0 }, to: { x: 10, y: 0 } }, fields: [{ path: ['text'], before: 'cents', after: 'integer cents' }] },
      { id: 'n2', status: 'added' },
    ]);
    expect(diffFlows(after, { ...after, notes: undefined }).notes.map((n) => n.status)).toEqual(['removed', 'removed']);
  });
});
