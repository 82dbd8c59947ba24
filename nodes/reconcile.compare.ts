/**
 * `reconcile.compare`: pairs two record sets by key and reports matched / missing on the left / missing on
 * the right / mismatched (with the fields that differ), e.g. billing invoices against ERP invoices. Pure:
 * it reads only the message; keep the result with `reconcile.report`. Every expression is JSONata: the two
 * record sets are evaluated on the message, keys and fields on one record of their side.
 *
 * Ports: `out` always carries the result (nodes/sdk/reconciliation.ts); `discrepancies` fires as well when
 * anything is missing, mismatched, duplicated or unkeyed (to alert someone).
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import type { CompiledExpression } from './sdk/expression.js';
import { expressionField } from './sdk/fields.js';
import type { Json } from './sdk/message.js';
import type { ReconciliationResult } from './sdk/reconciliation.js';
import { hasDiscrepancies, reconcileRecords, type FieldRule, type KeyedRecord } from './reconcile/compare.js';

const FieldSchema = z.object({
  name: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'a letter, then letters, digits or "_"').meta({ title: 'Field', description: 'Name shown in the report, e.g. amount' }),
  left: expressionField('Left value', 'JSONata on one left record, e.g. total / 100 (Stripe cents to major units)'),
  right: expressionField('Right value', 'JSONata on one right record, e.g. total'),
  compare: z.enum(['auto', 'number', 'text']).default('auto').meta({
    title: 'Compare as',
    description: 'auto: numbers when both are numbers, else exact JSON; number: numeric strings count; text: trimmed strings',
  }),
  tolerance: z.number().min(0).optional().meta({ title: 'Tolerance', description: 'Numbers: largest absolute difference still equal, e.g. 0.005' }),
});

const Config = z.object({
  leftName: z.string().min(1).max(60).default('left').meta({ title: 'Left name', description: 'e.g. billing' }),
  left: expressionField('Left records', 'JSONata giving the left record set, e.g. payload.billing.body.data'),
  leftKey: expressionField('Left key', 'JSONata on one left record giving its pairing key, e.g. id'),
  rightName: z.string().min(1).max(60).default('right').meta({ title: 'Right name', description: 'e.g. ERP' }),
  right: expressionField('Right records', 'JSONata giving the right record set, e.g. payload.erp.body.items'),
  rightKey: expressionField('Right key', 'JSONata on one right record giving its pairing key, e.g. externalId'),
  fields: z.array(FieldSchema).max(50).default([]).meta({ title: 'Compared fields' }),
});

interface CompiledCompare {
  left: CompiledExpression;
  right: CompiledExpression;
  leftKey: CompiledExpression;
  rightKey: CompiledExpression;
  fields: Array<{ rule: FieldRule; left: CompiledExpression; right: CompiledExpression }>;
}

function records(value: Json | undefined, side: string, source: string): Json[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'object') return [value];
  throw new NodeError('not-a-record-set', `The ${side} records expression "${source}" gave ${JSON.stringify(value)}; it must give an array of records`, { retryable: false });
}

async function keyed(list: Json[], key: CompiledExpression, fields: CompiledCompare['fields'], side: 'left' | 'right'): Promise<KeyedRecord[]> {
  const out: KeyedRecord[] = [];
  for (const record of list) {
    const raw = await key.evaluate(record);
    const values: Record<string, Json | undefined> = {};
    for (const field of fields) values[field.rule.name] = await field[side].evaluate(record);
    out.push({ key: typeof raw === 'string' || typeof raw === 'number' ? String(raw) : undefined, values });
  }
  return out;
}

export const reconcileCompare = defineNode({
  type: 'reconcile.compare',
  version: 1,
  title: 'Reconcile',
  category: 'validate',
  icon: 'scale',
  description: 'Pairs two record sets by key and reports matched, missing on either side and mismatched fields (with tolerances).',
  config: Config,
  inputs: ['in'],
  outputs: ['out', 'discrepancies'],
  compile: (config, tools): CompiledCompare => ({
    left: tools.expression(config.left, ['left']),
    right: tools.expression(config.right, ['right']),
    leftKey: tools.expression(config.leftKey, ['leftKey']),
    rightKey: tools.expression(config.rightKey, ['rightKey']),
    fields: config.fields.map((field, i) => ({
      rule: { name: field.name, compare: field.compare, ...(field.tolerance !== undefined ? { tolerance: field.tolerance } : {}) },
      left: tools.expression(field.left, ['fields', i, 'left']),
      right: tools.expression(field.right, ['fields', i, 'right']),
    })),
  }),
  async execute(ctx, message) {
    const { compiled, config } = ctx;
    const left = records(await compiled.left.evaluate(message), 'left', config.left);
    const right = records(await compiled.right.evaluate(message), 'right', config.right);
    const result: ReconciliationResult = reconcileRecords(
      await keyed(left, compiled.leftKey, compiled.fields, 'left'),
      await keyed(right, compiled.rightKey, compiled.fields, 'right'),
      compiled.fields.map((f) => f.rule),
      { left: config.leftName, right: config.rightName },
    );
    const out = { ...message, payload: result as unknown as Json };
    return hasDiscrepancies(result) ? { out, discrepancies: out } : { out };
  },
});
