import ELK from 'elkjs/lib/elk.bundled.js';
import { describe, expect, test } from 'vitest';
import { loadFlow } from '../../../nodes/sdk/flow.js';
import { registry } from '../../../nodes/registry.js';
import { useDocument } from './documentStore.js';
import { elkGraph, layeredPositions } from './layout.js';

const state = () => useDocument.getState();

describe('auto-layout (ELK layered, left to right)', () => {
  test('places each node right of what feeds it, with the router branches one above the other', async () => {
    state().load(
      loadFlow(
        {
          schemaVersion: 1,
          id: 'layout',
          name: 'Layout',
          nodes: [
            { id: 'ok', type: 'respond', position: { x: 0, y: 0 }, config: {} },
            { id: 'route', type: 'route.switch', position: { x: 0, y: 0 }, config: { routes: [{ port: 'paid', condition: 'true' }] } },
            { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, config: {} },
            { id: 'other', type: 'respond', position: { x: 0, y: 0 }, config: {} },
          ],
          edges: [
            { id: 'a', source: 'start', sourcePort: 'out', target: 'route', targetPort: 'in' },
            { id: 'b', source: 'route', sourcePort: 'paid', target: 'ok', targetPort: 'in' },
            { id: 'c', source: 'route', sourcePort: 'otherwise', target: 'other', targetPort: 'in' },
          ],
        },
        registry,
      ),
    );
    const { nodes, edges } = state();
    expect(elkGraph(nodes, edges).edges).toHaveLength(3);
    const at = await layeredPositions(new ELK(), nodes, edges);
    expect(at.start!.x).toBeLessThan(at.route!.x);
    expect(at.route!.x).toBeLessThan(at.ok!.x);
    expect(at.ok!.x).toBe(at.other!.x);
    // `paid` is drawn above `otherwise` on the router card, so its target is placed above.
    expect(at.ok!.y).toBeLessThan(at.other!.y);

    state().moveNodes(at, 'Auto-layout');
    expect(state().past).toHaveLength(1);
    state().undo();
    expect(state().nodes.every((n) => n.position.x === 0 && n.position.y === 0)).toBe(true);
  });
});
