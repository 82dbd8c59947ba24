import { describe, expect, test } from 'vitest';
import { readFlowFile } from './flowFile.js';

describe('importing a flow file', () => {
  test('structural errors stop the import, each with its JSON path', () => {
    const result = readFlowFile(
      JSON.stringify({ schemaVersion: 1, id: 'x', name: 'X', nodes: [{ id: 'a', type: 'respond', position: { x: 'left', y: 0 } }], edges: [{ id: 'e', source: 'a' }] }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.path.join('.'))).toEqual(expect.arrayContaining(['nodes.0.position.x', 'edges.0.sourcePort', 'edges.0.target']));
  });

  test('malformed JSON and files from a newer Ledgerflow are refused with a reason', () => {
    expect(readFlowFile('{ "id": ')).toMatchObject({ ok: false, errors: [{ code: 'malformed-json' }] });
    expect(readFlowFile('{ "schemaVersion": 9 }')).toMatchObject({ ok: false, errors: [{ code: 'newer-schema-version', path: ['schemaVersion'] }] });
  });

  test('an old React Flow style file is migrated; semantic problems are warnings, not errors', () => {
    const result = readFlowFile(
      JSON.stringify({
        id: 'legacy',
        name: 'Legacy',
        nodes: [
          { id: 'start', type: 'trigger.manual', position: { x: 0, y: 0 }, data: { config: {} } },
          { id: 'map', type: 'transform.jsonata', position: { x: 200.4, y: 0 }, data: { config: { expression: 'payload' } } },
        ],
        edges: [{ id: 'e', source: 'start', sourceHandle: 'out', target: 'map', targetHandle: 'input' }],
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.flow).toMatchObject({ schemaVersion: 1, nodes: [{ config: {} }, { position: { x: 200 }, config: { expression: 'payload' } }] });
    expect(result.warnings).toMatchObject([{ code: 'edge-port-missing', path: ['edges', 0, 'targetPort'] }]);
  });
});
