/** `validate.schema`: canonical models by name, JSON Schemas as before, problems named by JSON path. */
import { describe, expect, it } from 'vitest';
import paid from '../test/fixtures/stripe/invoice.paid.proration.json';
import { compileToolsFor } from './sdk/define.js';
import { compileExpression } from './sdk/expression.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';
import { schemaValidator } from './validate.schema.js';

const meta = { runId: 'run_test', flowId: 'test', flowVersion: 1, correlationId: 'corr-test', businessKeys: {} };
type Context = Parameters<typeof schemaValidator.execute>[0];

/** Runs the node as the runtime does: parse config, compile at publish, execute on one message. */
async function validate(config: unknown, payload: Json) {
  const parsed = schemaValidator.config.parse(config);
  const compiled = schemaValidator.compile!(parsed, compileToolsFor(['nodes', 0]));
  const ctx = { node: { id: 'validate', type: schemaValidator.type }, config: parsed, compiled, attempt: 1 } as unknown as Context;
  return schemaValidator.execute(ctx, { payload, meta });
}

async function problemsOf(config: unknown, payload: Json): Promise<string> {
  try {
    await validate(config, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).retryable).toBe(false);
    return (error as NodeError).message;
  }
  throw new Error('expected the payload to fail validation');
}

/** A mapping from Stripe's invoice.paid to the canonical Invoice, with the mapping functions. */
const toCanonicalInvoice = `(
  $i := payload.data.object;
  $cur := $uppercase($i.currency);
  $money := function($minor) { { "amount": $minor, "currency": $cur } };
  {
    "id": $i.id, "number": $i.number, "customerId": $i.customer, "status": $i.status, "currency": $cur,
    "issueDate": $toDateInZone($i.created, "UTC"),
    "lines": $array($i.lines.data.{
      "id": id, "description": description, "quantity": quantity, "amount": $money(amount),
      "periodStart": $toDateInZone(period.start, "UTC"), "periodEnd": $toDateInZone(period.end, "UTC")
    }),
    "subtotal": $money($i.subtotal), "total": $money($i.total)
  }
)`;

describe('validate.schema with a canonical model', () => {
  it('passes the fixture invoice mapped to the canonical Invoice', async () => {
    const invoice = await compileExpression(toCanonicalInvoice).evaluate({ payload: paid, meta });
    const outputs = await validate({ model: 'Invoice' }, invoice!);
    expect(outputs.out?.payload).toBe(invoice);
  });

  it('names the path of a decimal where minor units are required', async () => {
    const invoice = (await compileExpression(toCanonicalInvoice).evaluate({ payload: paid, meta })) as { lines: Array<{ amount: { amount: number } }> };
    invoice.lines[0]!.amount.amount = -126.45;
    expect(await problemsOf({ model: 'Invoice' }, invoice as unknown as Json)).toBe(
      'Payload does not match the canonical Invoice model: payload.lines[0].amount.amount must be a whole number of minor units (cents), not -126.45',
    );
  });

  it('reports an unbalanced journal entry with both totals', async () => {
    const entry: Json = {
      id: 'je_1', date: '2025-04-01',
      lines: [{ accountId: '119', debit: { amount: 39200, currency: 'USD' } }, { accountId: '245', credit: { amount: 39100, currency: 'USD' } }],
    };
    expect(await problemsOf({ model: 'JournalEntry' }, entry)).toBe(
      'Payload does not match the canonical JournalEntry model: payload.lines do not balance in USD: debits total 392.00 USD but credits total 391.00 USD (difference 1.00 USD)',
    );
  });

  it('names missing fields, single objects where a list is required, and bad currencies', async () => {
    const message = await problemsOf({ model: 'Invoice' }, {
      id: 'in_1', customerId: 'cus_1', status: 'paid', currency: 'USD', issueDate: '2025-03-16',
      lines: { description: 'Pro seat', quantity: 1, amount: { amount: 4900, currency: 'usd' } },
      total: { amount: 4900, currency: 'USD' },
    });
    expect(message).toContain('payload.lines is a single object where an array is required (wrap the mapping in [ ] so one item stays a list)');
    expect(message).toContain('payload.subtotal is required but missing');
  });
});

describe('validate.schema config', () => {
  it('still takes a JSON Schema, as flows written before canonical models do', async () => {
    const schema = { type: 'object', required: ['total'], properties: { total: { type: 'number' } } };
    await expect(validate({ schema }, { total: 1 })).resolves.toHaveProperty('out');
    expect(await problemsOf({ schema }, { invoiceId: 'in_1' })).toBe('Payload does not match the schema: payload.total is required but missing');
  });

  it('wants exactly one of model and schema', () => {
    for (const config of [{}, { model: 'Invoice', schema: { type: 'object' } }]) {
      const result = schemaValidator.config.safeParse(config);
      expect(result.error?.issues[0]?.message).toBe('Set exactly one of "model" (a canonical model such as Invoice) or "schema" (a JSON Schema)');
    }
    expect(schemaValidator.config.safeParse({ model: 'Quote' }).success).toBe(false);
    expect(schemaValidator.version).toBe(1);
  });
});
