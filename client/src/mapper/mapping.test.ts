/**
 * The mapper's converter between lines and JSONata: hand-typed object constructors reappear as lines, what
 * cannot be drawn stays custom with its code, and lines → expression → lines is a round trip. Every printed
 * expression is also evaluated, so the converter never writes JSONata that does not run.
 */
import { readFileSync } from 'node:fs';
import jsonata from 'jsonata';
import { describe, expect, test } from 'vitest';
import { compileExpression } from '../../../nodes/sdk/expression.js';
import { treeFromSchema, treeFromValue } from './fieldTree.js';
import { applyFunction, mapField, removeField, wrapList } from './mappingEdits.js';
import { linesOf, type MappingModel } from './mappingModel.js';
import { parseMapping } from './parseMapping.js';
import { printMapping } from './printMapping.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/${name}.json`, import.meta.url), 'utf8'));
const flow = JSON.parse(readFileSync(new URL('../../../flows/stripe-invoice-to-erp.flow.json', import.meta.url), 'utf8'));
const input = { payload: fixture('stripe/invoice.paid.proration'), meta: {} };
const netsuiteSchema = flow.nodes.find((n: { id: string }) => n.id === 'validate-invoice').config.schema;
const trees = { source: treeFromValue(input), target: treeFromSchema(netsuiteSchema) };

function model(expression: string): MappingModel {
  const parsed = parseMapping(expression);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.model;
}

/** Lines of the model after printing it and reading it back. */
function roundTrip(m: MappingModel) {
  const text = printMapping(m);
  return { text, again: model(text) };
}

describe('reading a hand-typed mapping', () => {
  test('the brief\'s example reappears as lines, the list mapped item by item', () => {
    const m = model('{ "externalId": payload.data.object.id, "item": { "items": [payload.data.object.lines.data.{ "amount": amount / 100 }] } }');
    expect(linesOf(m)).toEqual([
      { target: 'externalId', source: 'payload.data.object.id', kind: 'line' },
      { target: 'item.items', source: 'payload.data.object.lines.data', kind: 'each' },
      { target: 'item.items.amount', source: 'payload.data.object.lines.data.amount', kind: 'line', via: '/ 100' },
    ]);
  });

  test('block variables bound to paths name sources; functions over one path are lines with a label', () => {
    const m = model('( $invoice := payload.data.object; $t := {"a": "1"}; { "id": $invoice.id, "total": $fromMinorUnits($invoice.total, $invoice.currency), "item": $lookup($t, $invoice.number), "wrapped": [$invoice.lines.data] } )');
    expect(m.aliases).toEqual({ invoice: 'payload.data.object' });
    expect(linesOf(m)).toEqual([
      { target: 'id', source: 'payload.data.object.id', kind: 'line' },
      { target: 'total', source: 'payload.data.object.total', kind: 'line', via: '$fromMinorUnits' },
      { target: 'item', source: 'payload.data.object.number', kind: 'line', via: '$lookup' },
      { target: 'wrapped', source: 'payload.data.object.lines.data', kind: 'line', via: '[ ]' },
    ]);
  });

  test('$map with a lambda, $$ from inside a list, and a bare list mapping flagged as unwrapped (M1)', () => {
    const m = model('{ "lines": $map(lines, function($l) { { "sku": $l.sku, "cur": $$.currency } }), "raw": lines.{ "q": qty } }');
    expect(linesOf(m)).toEqual([
      { target: 'lines', source: 'lines', kind: 'each', unwrapped: true },
      { target: 'lines.sku', source: 'lines.sku', kind: 'line' },
      { target: 'lines.cur', source: 'currency', kind: 'line' },
      { target: 'raw', source: 'lines', kind: 'each', unwrapped: true },
      { target: 'raw.q', source: 'lines.qty', kind: 'line' },
    ]);
  });

  test('literals are constants; conditions, filters and concatenations stay custom with their exact code', () => {
    const m = model('{ "a": "4321", "b": -5, "c": x ? y : z, "d": lines[amount < 0][0].id, "e": "Stripe " & id /* memo */, $k: 1 }');
    expect(m.fields.map((f) => [f.key, f.kind, 'code' in f ? f.code : undefined])).toEqual([
      ['a', 'constant', '"4321"'],
      ['b', 'constant', '-5'],
      ['c', 'custom', 'x ? y : z'],
      ['d', 'custom', 'lines[amount < 0][0].id'],
      ['e', 'custom', '"Stripe " & id /* memo */'],
      ['$k', 'custom', '1'],
    ]);
  });

  test('an unparseable expression is reported, not thrown; a non-object result cannot be drawn', () => {
    const broken = parseMapping('{ "a": payload.(x }');
    expect(broken.ok).toBe(false);
    expect(broken.ok === false && broken.reason).toBe('syntax');
    expect(parseMapping('payload.data').ok).toBe(false);
    expect(parseMapping('').ok).toBe(true);
  });

  test('the stripe-invoice-to-erp mapping: lines where it is drawable, custom where it is not, text kept', () => {
    const source = flow.nodes.find((n: { id: string }) => n.id === 'map-invoice').config.expression as string;
    const m = model(source);
    const lines = linesOf(m).map((l) => `${l.target} <- ${l.source}${l.via ? ` (${l.via})` : ''}`);
    expect(lines).toContain('externalId <- payload.data.object.id');
    expect(lines).toContain('item.items <- payload.data.object.lines.data');
    expect(lines).toContain('item.items.description <- payload.data.object.lines.data.description');
    expect(lines).toContain('item.items.amount <- payload.data.object.lines.data.amount (/ 100)');
    const custom = m.fields.filter((f) => f.kind === 'custom').map((f) => f.key);
    expect(custom).toEqual(expect.arrayContaining(['tranDate', 'dueDate', 'memo']));
    // Printing it unchanged keeps the block and every value; the result is the same ERP payload.
    const printed = printMapping(m);
    expect(printed).toContain('$invoice := payload.data.object;');
    expect(printed.startsWith(m.head)).toBe(true);
    return Promise.all([compileExpression(source).evaluate(input), compileExpression(printed).evaluate(input)]).then(([a, b]) => expect(b).toEqual(a));
  });
});

describe('drawing lines writes JSONata', () => {
  test('lines → expression → lines, with a list mapped item by item created on the way', async () => {
    let m = model('');
    m = mapField(m, 'payload.data.object.id', 'externalId', trees);
    m = mapField(m, 'payload.data.object.lines.data.amount', 'item.items.amount', trees);
    m = mapField(m, 'payload.data.object.lines.data.description', 'item.items.description', trees);
    m = mapField(m, 'payload.data.object.customer', 'entity.id', trees);
    const { text, again } = roundTrip(m);
    expect(linesOf(again)).toEqual(linesOf(m));
    // New fields go where the target schema lists them.
    expect(linesOf(again).map((l) => l.target)).toEqual(['entity.id', 'externalId', 'item.items', 'item.items.amount', 'item.items.description']);
    expect(text).toContain('[payload.data.object.lines.data.{');
    const result = await jsonata(text).evaluate(input);
    expect(result.item.items).toHaveLength(2);
    expect(result.item.items[0].amount).toBe(-12645);
    expect(result.externalId).toBe('in_FAKE0000000000000002');
  });

  test('a source outside the list is read from the root with $$; functions apply to the line', async () => {
    let m = mapField(model(''), 'payload.data.object.lines.data', 'item.items', trees);
    m = mapField(m, 'payload.data.object.lines.data.amount', 'item.items.amount', trees);
    m = mapField(m, 'payload.data.object.number', 'item.items.description', trees);
    m = applyFunction(m, 'item.items.amount', '$fromMinorUnits(#, currency)');
    const { text, again } = roundTrip(m);
    expect(text).toContain('"description": $$.payload.data.object.number');
    expect(text).toContain('"amount": $fromMinorUnits(amount, currency)');
    expect(linesOf(again).find((l) => l.target === 'item.items.amount')?.via).toBe('$fromMinorUnits');
    const result = (await compileExpression(text).evaluate(input)) as { item: { items: Array<{ amount: number }> } };
    expect(result.item.items.map((i) => i.amount)).toEqual([-126.45, 202.32]);
  });

  test('block variables are reused when they name the source; an existing line is replaced in place', () => {
    let m = model('( $invoice := payload.data.object; { "externalId": $invoice.id, "memo": "x" } )');
    m = mapField(m, 'payload.data.object.number', 'memo', trees);
    const { text, again } = roundTrip(m);
    expect(text).toBe('( $invoice := payload.data.object; {\n  "externalId": $invoice.id,\n  "memo": $invoice.number\n} )');
    expect(linesOf(again)).toHaveLength(2);
  });

  test('an item field from outside any list asks for the list first', () => {
    expect(() => mapField(model(''), 'payload.data.object.id', 'item.items.amount', trees)).toThrow(/first drag a list/);
  });

  test('removing a line removes its code; a custom field survives edits around it untouched', () => {
    let m = model('{ "externalId": payload.id, "memo": x ? "a" : "b" }');
    m = removeField(m, 'externalId');
    m = mapField(m, 'payload.data.object.id', 'tranDate', trees);
    const { text } = roundTrip(m);
    expect(text).toContain('"memo": x ? "a" : "b"');
    expect(text).not.toContain('externalId');
  });

  test('wrapping a bare list mapping keeps one item a list (M1)', async () => {
    const m = wrapList(model('{ "lines": lines.{ "sku": sku } }'), 'lines');
    const text = printMapping(m);
    expect(await jsonata(text).evaluate({ lines: [{ sku: 'SEAT' }] })).toEqual({ lines: [{ sku: 'SEAT' }] });
    expect(linesOf(model(text))[0]).toEqual({ target: 'lines', source: 'lines', kind: 'each' });
  });
});

describe('field trees', () => {
  test('a sample merges the fields of every list item; a schema marks required fields and item fields', () => {
    const source = treeFromValue({ payload: { lines: [{ a: 1 }, { b: 'x' }] } });
    expect(source.nodes.get('payload.lines')?.children).toEqual(['payload.lines.a', 'payload.lines.b']);
    expect(source.nodes.get('payload.lines.b')?.example).toBe('"x"');
    const target = trees.target;
    expect(target.nodes.get('externalId')?.required).toBe(true);
    expect(target.nodes.get('item.items')?.kind).toBe('array');
    expect(target.nodes.get('item.items.amount')?.required).toBe(true);
  });
});
