/**
 * The mapping cases of ../shared/cases/mapping (copied to test/fixtures/cases/mapping): each test loads its
 * case, runs the case's own expression where Ledgerflow changes its outcome, and asserts what
 * `ledgerflow_must` demands — through the real nodes (transform.jsonata, validate.schema) where the case is
 * about a step's result or a target schema.
 */
import { describe, expect, it } from 'vitest';
import M1 from '../../test/fixtures/cases/mapping/M1-singleton-array.json';
import M2 from '../../test/fixtures/cases/mapping/M2-empty-path-drops-key.json';
import M3 from '../../test/fixtures/cases/mapping/M3-money-floats.json';
import M4 from '../../test/fixtures/cases/mapping/M4-rounding.json';
import M5 from '../../test/fixtures/cases/mapping/M5-timezone-offsets.json';
import M6 from '../../test/fixtures/cases/mapping/M6-regex-variable-reuse.json';
import M7 from '../../test/fixtures/cases/mapping/M7-null-vs-missing.json';
import M8 from '../../test/fixtures/cases/mapping/M8-plain-results.json';
import { Money } from '../canonical/index.js';
import { compileToolsFor, type NodeDefinition } from '../sdk/define.js';
import { ExpressionError } from '../sdk/errors.js';
import { compileExpression } from '../sdk/expression.js';
import type { Json } from '../sdk/message.js';
import { jsonataTransform } from '../transform.jsonata.js';
import { schemaValidator } from '../validate.schema.js';

const meta = { runId: 'run_case', flowId: 'cases', flowVersion: 1, correlationId: 'corr-case', businessKeys: {} };
const run = (source: string, input: unknown = {}) => compileExpression(source).evaluate(input);

/** Runs a node as the runtime does: parse config, compile, execute one message; resolves to its `out` payload. */
async function runNode(definition: NodeDefinition, config: unknown, payload: Json): Promise<Json | undefined> {
  const parsed = definition.config.parse(config);
  const compiled = definition.compile?.(parsed, compileToolsFor(['nodes', 0]));
  const ctx = { node: { id: 'node', type: definition.type }, config: parsed, compiled, attempt: 1, idempotencyKey: 'run_case:node' };
  const outputs = await definition.execute(ctx as never, { payload, meta });
  return outputs.out?.payload;
}

/** NetSuite invoice target: `item.items` is an array (the M1 field) and `total` is required (M2). */
const itemsSchema = {
  type: 'object',
  required: ['item'],
  properties: { item: { type: 'object', required: ['items'], properties: { items: { type: 'array' } } } },
};
const totalSchema = { type: 'object', required: ['invoiceId', 'total'], properties: { total: { type: 'number' } } };

describe('mapping cases', () => {
  it('M1 an array-typed target stays an array for 0, 1 and 2 items, or validation names the field and the [ ] fix', async () => {
    const plain = `{"item": {"items": ${M1.expr}}}`;
    const bodies = await Promise.all(M1.inputs.map((input) => run(plain, input)));
    // Unwrapped, the 1-item and 0-item results are not lists; validate.schema stops them before the ERP.
    await expect(runNode(schemaValidator, { schema: itemsSchema }, bodies[0]!)).rejects.toThrow(
      'payload.item.items is a single object where an array is required (wrap the mapping in [ ] so one item stays a list)',
    );
    await expect(runNode(schemaValidator, { schema: itemsSchema }, bodies[1]!)).rejects.toThrow('payload.item.items is required but missing');
    await expect(runNode(schemaValidator, { schema: itemsSchema }, bodies[2]!)).resolves.toEqual(bodies[2]);
    // Wrapped with $array (or the [ ] the message suggests), the posted value is a list in all three cases.
    for (const wrapped of [`{"item": {"items": $array(${M1.expr})}}`, `{"item": {"items": [${M1.expr}]}}`]) {
      const posted = await Promise.all(M1.inputs.map(async (input) => runNode(schemaValidator, { schema: itemsSchema }, (await run(wrapped, input))!)));
      expect(posted.map((body) => (body as { item: { items: unknown[] } }).item.items)).toEqual([
        [{ sku: 'SEAT', qty: 5 }],
        [],
        [{ sku: 'SEAT', qty: 5 }, { sku: 'ADDON', qty: 1 }],
      ]);
    }
  });

  it('M2 a required total over an empty or null list fails validation at /total, shows in the preview, or defaults to 0', async () => {
    const expression = compileExpression(M2.expr);
    for (const [index, input] of M2.inputs.entries()) {
      const result = await expression.evaluate(input);
      expect(result).toStrictEqual(M2.jsonata_gives[index]); // JSONata drops the key …
      expect(expression.warnings(result)).toMatchObject([{ code: 'key-dropped', key: 'total' }]); // … the preview says so …
      await expect(runNode(schemaValidator, { schema: totalSchema }, result!)).rejects.toThrow(
        'Payload does not match the schema: payload.total is required but missing', // … and validation fails loudly
      );
      for (const fixed of [M2.expr.replace('$sum(', '$sumMoney('), M2.expr.replace('$sum(lines.amount)', '$default($sum(lines.amount), 0)')]) {
        const body = await run(fixed, input);
        expect(body).toStrictEqual({ invoiceId: input.id, total: 0 });
        await expect(runNode(schemaValidator, { schema: totalSchema }, body!)).resolves.toEqual(body);
      }
    }
  });

  it('M3 money is exact: 12.34 + 12.34 + 9.95 = 34.63, -25.29 x 5 = -126.45, cents -12645 = -126.45', async () => {
    const [input] = M3.inputs;
    expect(await run(M3.expr, input)).toBe(M3.jsonata_gives[0]); // plain + stays IEEE 754 arithmetic
    expect(await run('$sumMoney([a, b, c])', input)).toBe(34.63);
    expect(await run('$toMinorUnits($sumMoney([a, b, c]), "USD")', input)).toBe(3463);
    expect(await run('$mulMoney(-25.29, 5)')).toBe(-126.45);
    expect(await run('$fromMinorUnits(-12645, "usd")')).toBe(-126.45);
    expect(Money.safeParse({ amount: 3463, currency: 'USD' }).success).toBe(true);
    expect(Money.safeParse({ amount: M3.jsonata_gives[0], currency: 'USD' }).error?.issues[0]?.message).toBe(
      'must be a whole number of minor units (cents), not 34.629999999999995',
    );
  });

  it('M4 half-up rounding is available (0.125 -> 0.13, 1.005 -> 1.01, 2.675 -> 2.68) and -0.00 is never printed', async () => {
    expect(await run('[$round(0.125, 2, "half-up"), $round(1.005, 2, "half-up"), $round(2.675, 2, "half-up")]')).toEqual([0.13, 1.01, 2.68]);
    // The case's own expression: $round keeps JSONata's half-even default; $formatNumber loses the "-".
    expect(await run(M4.expr, M4.inputs[0])).toEqual([0.12, 1, '0.00']);
    expect(await run('[$formatMoney(-0.004, "USD"), $formatMoney(-0.001), $formatMoney(-0.004, "USD", "en-US")]')).toEqual(['0.00', '0.00', '$0.00']);
  });

  it('M5 offsets and IANA zones give the right local time, so a posting date never crosses a period close', async () => {
    expect(await run(M5.expr, M5.inputs[0])).toEqual(['2021-01-01T05:00:00.000+05:00', '2020-12-31T18:30:00.000-05:30']);
    expect(await run('[$fromMillis(1609459200000, undefined, "+05:45"), $fromMillis(1609459200000, undefined, "-03:30")]')).toEqual([
      '2021-01-01T05:45:00.000+05:45',
      '2020-12-31T20:30:00.000-03:30',
    ]);
    expect(await run('$fromMillis(1609459200000, undefined, "Asia/Kolkata")')).toBe('2021-01-01T05:30:00.000+05:30');
    expect(await run('$toIsoInZone(1609459200000, "Asia/Kolkata")')).toBe('2021-01-01T05:30:00.000+05:30');
    // The same instant is in December for a Los Angeles subsidiary and in January for a Kolkata one.
    expect(await run('[$toDateInZone(1609459200000, "America/Los_Angeles"), $toDateInZone(1609459200000, "Asia/Kolkata")]')).toEqual(['2020-12-31', '2021-01-01']);
  });

  it('M6 a regex held in a variable gives the same $replace result on every use and every evaluation', async () => {
    const expression = compileExpression(M6.expr);
    const first = await expression.evaluate(M6.inputs[0]);
    expect(first).toEqual(['a|b|c', 'a|b|c', 'a|b|c']);
    expect(first).not.toEqual(M6.jsonata_gives[0]);
    expect(await expression.evaluate(M6.inputs[0])).toEqual(first);
  });

  it('M7 a failing comparison names its position and the null data; the preview warns about != on missing fields', async () => {
    const [input] = M7.inputs;
    const error = await compileExpression(M7.expr).evaluate(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExpressionError);
    expect((error as ExpressionError).details).toMatchObject({ jsonataCode: 'T2010', position: M7.expr.indexOf('<'), token: '<' });
    expect((error as ExpressionError).message).toMatch(/^Evaluation failed at position 10 \(near "<"\): items\[1\]\.qty is null, and "<" can only compare two numbers or two strings/);
    // As a run's step error, the data is named from the message root.
    const step = await runNode(jsonataTransform, { expression: `payload.${M7.expr}` }, input as Json).catch((e: unknown) => e);
    expect((step as Error).message).toContain('payload.items[1].qty is null');
    expect(compileExpression('items[status != "void"].sku').warnings()).toMatchObject([
      { code: 'missing-field-comparison', position: 13, message: expect.stringContaining('When status is missing, "status != …" is false, not true') },
    ]);
    // Missing and null stay different: $default fills only what is missing unless told otherwise.
    expect(await run('items.$default(qty, 0)', input)).toEqual([3, null]);
    expect(await run('items[$default(qty, 0, "replace-null") < 9].sku', input)).toEqual(['A', 'B']);
  });

  it('M8 chained mappings see plain JSON: the second sees ["one"] and $type answers "array"', async () => {
    const first = await runNode(jsonataTransform, { expression: M8.expr }, M8.inputs[0]!.payload);
    expect(first).toStrictEqual(['one']);
    expect(Object.getPrototypeOf(first)).toBe(Array.prototype);
    expect(await runNode(jsonataTransform, { expression: '$type(payload)' }, first!)).toBe('array');
  });
});
