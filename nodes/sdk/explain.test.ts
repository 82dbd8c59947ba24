/** Analyst-readable explanations of operator errors (M7) and preview warnings (M2, M7). */
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { droppedKeyWarnings, explainEvaluationError, expressionWarnings } from './explain.js';
import { compileExpression } from './expression.js';

async function jsonataError(source: string, input: unknown) {
  try {
    await jsonata(source).evaluate(input);
  } catch (error) {
    return error as { code: string; position: number; token: string; value: unknown };
  }
  throw new Error('expected an error');
}

describe('explainEvaluationError', () => {
  it('names the data behind a failed comparison', async () => {
    const input = { payload: { items: [{ sku: 'A', qty: 3 }, { sku: 'B', qty: null }, { sku: 'C', qty: null }] } };
    const source = 'payload.items[qty < 9].sku';
    const explained = explainEvaluationError(jsonata(source).ast(), await jsonataError(source, input), input);
    expect(explained?.replaces).toBe(true);
    expect(explained?.text).toMatch(/^payload\.items\[1\]\.qty and payload\.items\[2\]\.qty are null, and "<" can only compare two numbers or two strings/);
    expect(explained?.text).toContain('$default(qty, 0, "replace-null")');
  });

  it('names the data behind failed arithmetic', async () => {
    const input = { payload: { amount: 'ten' } };
    const explained = explainEvaluationError(jsonata('payload.amount + 1').ast(), await jsonataError('payload.amount + 1', input), input);
    expect(explained).toEqual({ text: 'payload.amount is "ten"', replaces: false });
  });

  it('has nothing to add to other errors', () => {
    expect(explainEvaluationError(jsonata('$x()').ast(), { code: 'T1006', position: 3 }, {})).toBeUndefined();
  });
});

describe('expressionWarnings', () => {
  it('warns that != on an absent field is false', () => {
    const warnings = expressionWarnings(jsonata('items[status != "void"].id').ast());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ code: 'missing-field-comparison', position: 13 });
    expect(warnings[0]!.message).toContain('When status is missing, "status != …" is false, not true');
    expect(expressionWarnings(jsonata('items[status = "void"].id').ast())).toEqual([]);
  });
});

describe('droppedKeyWarnings', () => {
  it('lists keys the result lacks, nested ones included', async () => {
    const source = '{"invoiceId": id, "total": $sum(lines.amount), "item": {"items": lines.sku, "count": $count(lines)}}';
    const expression = compileExpression(source);
    const result = await expression.evaluate({ id: 'in_1', lines: [] });
    expect(result).toStrictEqual({ invoiceId: 'in_1', item: { count: 0 } });
    const warnings = droppedKeyWarnings(jsonata(source).ast(), result);
    expect(warnings.map((w) => w.key)).toEqual(['total', 'item.items']);
    expect(warnings[0]).toMatchObject({ code: 'key-dropped', position: source.indexOf('"total"') });
    expect(expression.warnings(result).map((w) => w.key)).toEqual(['total', 'item.items']);
  });
});
