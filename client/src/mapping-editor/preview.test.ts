/**
 * The mapping preview's messages (what the worker sends back), on the field cases M1, M2 and M7
 * (/work/shared/cases/mapping, copied under test/fixtures/cases/mapping): problems against the target come
 * with their paths, errors with their position and the data that caused them.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { evaluatePreview, type PreviewRequest } from './preview.js';

interface MappingCase {
  expr: string;
  inputs: unknown[];
}

const mappingCase = (name: string): MappingCase =>
  JSON.parse(readFileSync(new URL(`../../../test/fixtures/cases/mapping/${name}.json`, import.meta.url), 'utf8'));

const limits = { timeoutMs: 1000, maxDepth: 500 };
const preview = (request: Omit<PreviewRequest, 'limits'>) => evaluatePreview({ ...request, limits });

const lineSchema = { type: 'object', properties: { sku: { type: 'string' }, qty: { type: 'number' } }, required: ['sku', 'qty'] };

describe('mapping preview', () => {
  test('M1: a bare object where the target needs a list is listed with its path and the [ ] fix', async () => {
    const m1 = mappingCase('M1-singleton-array');
    const expression = `{ "item": { "items": ${m1.expr} } }`;
    const target = {
      kind: 'schema' as const,
      schema: { type: 'object', properties: { item: { type: 'object', properties: { items: { type: 'array', items: lineSchema } }, required: ['items'] } } },
    };
    const one = await preview({ expression, input: m1.inputs[0], target });
    expect(one.output).toEqual({ item: { items: { sku: 'SEAT', qty: 5 } } });
    expect(one.problems).toEqual([{ path: 'item.items', message: expect.stringMatching(/single object where an array is required.*\[ \]/) }]);
    const none = await preview({ expression, input: m1.inputs[1], target });
    expect(none.problems).toEqual([{ path: 'item.items', message: 'is required but missing' }]);
    const wrapped = await preview({ expression: `{ "item": { "items": [${m1.expr}] } }`, input: m1.inputs[0], target });
    expect(wrapped.problems).toEqual([]);
  });

  test('M2: a required total that vanished over an empty list is listed as missing, and the dropped key is warned', async () => {
    const m2 = mappingCase('M2-empty-path-drops-key');
    const target = { kind: 'schema' as const, schema: { type: 'object', required: ['invoiceId', 'total'], properties: { total: { type: 'number' } } } };
    for (const input of m2.inputs) {
      const result = await preview({ expression: m2.expr, input, target });
      expect(result.status).toBe('ok');
      expect(result.problems).toEqual([{ path: 'total', message: 'is required but missing' }]);
      expect(result.warnings).toEqual([expect.objectContaining({ code: 'key-dropped', key: 'total' })]);
    }
    const fixed = await preview({ expression: '{"invoiceId": id, "total": $sumMoney(lines.amount)}', input: m2.inputs[0], target });
    expect(fixed.problems).toEqual([]);
    expect(fixed.output).toEqual({ invoiceId: 'in_1', total: 0 });
  });

  test('M7: an operator error is placed at the operator and names the data that caused it', async () => {
    const m7 = mappingCase('M7-null-vs-missing');
    const result = await preview({ expression: m7.expr, input: m7.inputs[0] });
    expect(result.status).toBe('error');
    expect(result.error).toMatchObject({ phase: 'evaluation', position: m7.expr.indexOf('<'), token: '<', code: 'T2010' });
    expect(result.error!.message).toMatch(/^items\[1\]\.qty is null, and "<" can only compare two numbers or two strings/);
    const missing = await preview({ expression: 'items[status != "void"].sku', input: m7.inputs[0] });
    expect(missing.warnings).toEqual([expect.objectContaining({ code: 'missing-field-comparison', position: 13 })]);
    expect(missing.warnings[0]!.message).toMatch(/When status is missing/);
  });

  test('a syntax error has its position; a type mismatch names the value found', async () => {
    const syntax = await preview({ expression: '{ "a": payload.(x }', input: {} });
    expect(syntax.error).toMatchObject({ phase: 'syntax' });
    expect(syntax.error!.position).toBeGreaterThan(0);
    const target = { kind: 'schema' as const, schema: { type: 'object', properties: { amount: { type: 'number' }, lines: { type: 'array' } } } };
    const typed = await preview({ expression: '{ "amount": "12.5", "lines": 3 }', input: {}, target });
    expect(typed.problems).toEqual([
      { path: 'amount', message: 'is the text "12.5" where a number is required' },
      { path: 'lines', message: 'is the number 3 where a list is required' },
    ]);
  });

  test('a canonical model target lists its missing required fields', async () => {
    const result = await preview({ expression: '{ "id": "in_1", "currency": "USD" }', input: {}, target: { kind: 'model', model: 'Invoice' } });
    expect(result.problems.length).toBeGreaterThan(0);
    expect(result.problems).toContainEqual({ path: 'customerId', message: 'is required but missing' });
    expect(result.problems).toContainEqual({ path: 'status', message: expect.stringMatching(/^is required but missing \(expected one of "draft"/) });
    expect(result.problems.every((p) => !p.path.startsWith('payload'))).toBe(true);
  });

  test('nothing at all is reported as empty, and against a target as nothing to send', async () => {
    const result = await preview({ expression: 'payload.missing', input: { payload: {} }, target: { kind: 'schema', schema: {} } });
    expect(result.status).toBe('empty');
    expect(result.problems).toEqual([{ path: '(root)', message: expect.stringMatching(/gives nothing/) }]);
  });
});
