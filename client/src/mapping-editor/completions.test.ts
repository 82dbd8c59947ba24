/** Autocomplete of JSONata fields: the sample's field paths (through block variables too) and every function. */
import { CompletionContext, type CompletionResult } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, test } from 'vitest';
import { treeFromValue } from '../mapper/fieldTree.js';
import { jsonataCompletionSource } from './completions.js';
import { allFunctionDocs } from './jsonataFunctions.js';

const sample = { payload: { data: { object: { id: 'in_1', currency: 'usd', lines: { data: [{ amount: -12645, quantity: 5 }] } } } }, meta: { runId: 'r' } };
const source = jsonataCompletionSource(() => treeFromValue(sample));

/** Completes at the end of `text` (or at `|`). */
function complete(text: string): CompletionResult | null {
  const at = text.includes('|') ? text.indexOf('|') : text.length;
  const doc = text.replace('|', '');
  return source(new CompletionContext(EditorState.create({ doc }), at, true)) as CompletionResult | null;
}

const labels = (result: CompletionResult | null) => result?.options.map((o) => o.label) ?? [];

describe('JSONata completions', () => {
  test('field paths walk the sample, lists included', () => {
    expect(labels(complete('payload.data.'))).toEqual(['object']);
    expect(labels(complete('payload.data.object.'))).toEqual(['id', 'currency', 'lines']);
    const lineFields = complete('payload.data.object.lines.data.am');
    expect(labels(lineFields)).toEqual(['amount', 'quantity']);
    expect(lineFields!.from).toBe('payload.data.object.lines.data.'.length);
  });

  test('a partial path matches anywhere (inside a list mapping) and variables bound to paths are followed', () => {
    expect(labels(complete('lines.data.'))).toEqual(['amount', 'quantity']);
    expect(labels(complete('( $invoice := payload.data.object; $invoice.| )'))).toEqual(['id', 'currency', 'lines']);
    expect(labels(complete('$$.payload.'))).toEqual(['data']);
  });

  test('after $: the variables the expression binds, then every function with its one-line description', () => {
    const result = complete('( $invoice := payload; $');
    const options = result!.options;
    expect(options[0]).toMatchObject({ label: '$invoice', type: 'variable' });
    const money = options.find((o) => o.label === '$fromMinorUnits');
    expect(money).toMatchObject({ type: 'function', detail: '(minorUnits, currency)' });
    expect(String(money!.info)).toMatch(/minor units.*\(Ledgerflow\)$/);
    const sum = options.find((o) => o.label === '$sum');
    expect(String(sum!.info)).toMatch(/Sum of a list/);
    expect(options.filter((o) => o.label === '$round')).toHaveLength(1);
  });

  test('every function has a one-line description, Ledgerflow\'s own and JSONata\'s built-ins', () => {
    const docs = allFunctionDocs();
    expect(docs.length).toBeGreaterThan(70);
    for (const doc of docs) {
      expect(doc.description.length).toBeGreaterThan(5);
      expect(doc.description).not.toContain('\n');
      expect(doc.signature.startsWith(`${doc.name}(`)).toBe(true);
    }
    for (const name of ['$fromMinorUnits', '$sumMoney', '$toDateInZone', '$default', '$array', '$lookup', '$map', '$formatNumber']) {
      expect(docs.map((d) => d.name)).toContain(name);
    }
  });
});
