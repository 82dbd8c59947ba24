/** What the visual mapper draws: required fields left unmapped, problems by target field, rows for extra fields. */
import { describe, expect, test } from 'vitest';
import { treeFromSchema, treeFromValue, visibleRows } from './fieldTree.js';
import { lineFunctions, nearestCurrency } from './lineFunctions.js';
import { mapperView, problemsByTarget, targetPathOf } from './mapperView.js';
import { parseMapping } from './parseMapping.js';

const schema = {
  type: 'object',
  required: ['externalId', 'entity', 'item'],
  properties: {
    externalId: { type: 'string' },
    memo: { type: 'string' },
    entity: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
    shipTo: { type: 'object', required: ['city'], properties: { city: { type: 'string' } } },
    item: { type: 'object', required: ['items'], properties: { items: { type: 'array', items: { type: 'object', required: ['amount'], properties: { amount: { type: 'number' } } } } } },
  },
};

function view(expression: string) {
  const parsed = parseMapping(expression);
  if (!parsed.ok) throw new Error(parsed.message);
  return mapperView(parsed.model, treeFromValue({ payload: { id: 'x', lines: [{ amount: 1, currency: 'usd' }] } }), treeFromSchema(schema));
}

describe('mapper view', () => {
  test('required fields without a mapping are marked, under required or mapped parents only', () => {
    const v = view('{ "memo": payload.id, "item": { "items": [payload.lines.{ }] } }');
    expect([...v.missingRequired].sort()).toEqual(['entity', 'entity.id', 'externalId', 'item.items.amount']);
    expect(v.missingRequired.has('shipTo.city')).toBe(false);
  });

  test('fields only the mapping names get rows (marked extra), so their lines can be drawn', () => {
    const v = view('{ "subsidiary": { "id": "1" }, "externalId": payload.missing.id }');
    expect(v.targets.nodes.get('subsidiary.id')).toMatchObject({ extra: true });
    expect(v.sources.nodes.get('payload.missing.id')).toMatchObject({ extra: true, kind: 'value' });
    expect(visibleRows(v.sources, new Set()).map((r) => r.node.path)).toContain('payload.missing.id');
  });

  test('the preview\'s problems land on their target field, list items folded together', () => {
    expect(targetPathOf('item.items[1].amount')).toBe('item.items.amount');
    expect(targetPathOf('["odd key"].x')).toBe('`odd key`.x');
    const byTarget = problemsByTarget([
      { path: 'item.items[0].amount', message: 'is required but missing' },
      { path: 'item.items[1].amount', message: 'is required but missing' },
      { path: 'externalId', message: 'is the number 3 where a string is required' },
    ]);
    expect(byTarget.get('item.items.amount')).toEqual(['item.items[0].amount is required but missing']);
    expect(byTarget.get('externalId')).toHaveLength(1);
  });

  test('filtering a tree shows the matches with their parents, unfolded', () => {
    const tree = treeFromValue({ payload: { data: { object: { number: 'A', id: 'x' } }, other: 1 } });
    expect(visibleRows(tree, new Set(['payload.data']), 'numb').map((r) => r.node.path)).toEqual(['payload', 'payload.data', 'payload.data.object', 'payload.data.object.number']);
  });

  test('line functions: money finds the nearest currency beside or above the source', () => {
    const sources = treeFromValue({ payload: { currency: 'eur', lines: [{ amount: 1, currency: 'usd' }], total: 5 } });
    expect(nearestCurrency({ source: 'payload.lines.amount', sources, tables: [] })).toBe('payload.lines.currency');
    expect(nearestCurrency({ source: 'payload.total', sources, tables: [] })).toBe('payload.currency');
    const money = lineFunctions.find((f) => f.id === 'money')!;
    expect(money.build({ source: 'payload.total', sources, tables: [] }, (p) => p, '')).toBe('$fromMinorUnits(payload.total, payload.currency)');
    const fallback = lineFunctions.find((f) => f.id === 'default')!;
    expect(fallback.parameter!.initial({ source: 'x', sources, targetType: 'number', tables: [] })).toBe('0');
    expect(lineFunctions.find((f) => f.matches('$lookup'))?.id).toBe('lookup');
  });
});
