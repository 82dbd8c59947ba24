import { describe, expect, it } from 'vitest';
import { compileToolsFor } from '../sdk/define.js';
import type { NodeContext } from '../sdk/context.js';
import type { Message } from '../sdk/message.js';
import type { ReconciliationResult } from '../sdk/reconciliation.js';
import { reconcileCompare } from '../reconcile.compare.js';
import { compareField, reconcileRecords, type FieldRule, type KeyedRecord } from './compare.js';

const amount: FieldRule = { name: 'amount', compare: 'number', tolerance: 0.005 };
const rec = (key: string | undefined, values: KeyedRecord['values'] = {}): KeyedRecord => ({ key, values });

describe('compareField', () => {
  it('compares numbers in decimal with an absolute tolerance', () => {
    expect(compareField(amount, 7587 / 100, 75.87)).toBeUndefined();
    // Differences are exact decimals: 75.88 − 75.87 is 0.01, not 0.010000000000005116 …
    expect(compareField({ name: 'x', compare: 'auto' }, 75.87, 75.88)).toMatchObject({ difference: 0.01 });
    // … so float noise is a difference only without a tolerance.
    expect(compareField({ name: 'x', compare: 'auto' }, 0.1 + 0.2, 0.3)).toMatchObject({ difference: -4e-17 });
    expect(compareField(amount, 0.1 + 0.2, 0.3)).toBeUndefined();
    expect(compareField(amount, 75.87, 75.874)).toBeUndefined(); // 0.004 ≤ 0.005
    expect(compareField(amount, 75.87, 75.875)).toBeUndefined(); // exactly the tolerance is still equal
    expect(compareField(amount, 75.87, 75.88)).toEqual({ field: 'amount', left: 75.87, right: 75.88, difference: 0.01, tolerance: 0.005 });
    expect(compareField(amount, 202.32, -126.45)).toMatchObject({ difference: -328.77 });
  });

  it('reads numeric strings as numbers only in number mode, and compares text trimmed', () => {
    expect(compareField(amount, 75.87, '75.87')).toBeUndefined();
    expect(compareField({ name: 'x', compare: 'auto' }, 75.87, '75.87')).toEqual({ field: 'x', left: 75.87, right: '75.87' });
    expect(compareField({ name: 'c', compare: 'text' }, ' usd', 'usd ')).toBeUndefined();
    expect(compareField({ name: 'c', compare: 'text' }, 'usd', 'USD')).toEqual({ field: 'c', left: 'usd', right: 'USD' });
  });

  it('treats a value missing on one side as a difference (shown as null), and on both as equal', () => {
    expect(compareField(amount, 10, undefined)).toEqual({ field: 'amount', left: 10, right: null });
    expect(compareField(amount, undefined, undefined)).toBeUndefined();
    expect(compareField({ name: 'o', compare: 'auto' }, { b: 1, a: [1, 2] }, { a: [1, 2], b: 1 })).toBeUndefined();
  });
});

describe('reconcileRecords', () => {
  it('sorts records into matched, missing on either side and mismatched, each sorted by key', () => {
    const result = reconcileRecords(
      [rec('in_3', { amount: 30 }), rec('in_1', { amount: 10 }), rec('in_2', { amount: 20 }), rec('in_4', { amount: 40 })],
      [rec('in_2', { amount: 20.001 }), rec('in_1', { amount: 10 }), rec('in_4', { amount: 41 }), rec('in_9', { amount: 90 })],
      [amount],
      { left: 'billing', right: 'ERP' },
    );
    expect(result).toEqual({
      leftName: 'billing',
      rightName: 'ERP',
      counts: { left: 4, right: 4, matched: 2, missingLeft: 1, missingRight: 1, mismatched: 1, duplicates: 0, unkeyed: 0 },
      matched: ['in_1', 'in_2'],
      missingLeft: [{ key: 'in_9', right: { amount: 90 } }],
      missingRight: [{ key: 'in_3', left: { amount: 30 } }],
      mismatched: [{ key: 'in_4', left: { amount: 40 }, right: { amount: 41 }, differences: [{ field: 'amount', left: 40, right: 41, difference: 1, tolerance: 0.005 }] }],
      duplicates: { left: [], right: [] },
    });
  });

  it('reports duplicate keys (pairing the first record) and counts records without a key', () => {
    const result = reconcileRecords(
      [rec('a', { amount: 1 }), rec('a', { amount: 2 }), rec(undefined)],
      [rec('a', { amount: 1 }), rec('b'), rec('b'), rec('b')],
      [amount],
    );
    expect(result.counts).toMatchObject({ matched: 1, missingLeft: 1, duplicates: 3, unkeyed: 1 });
    expect(result.duplicates).toEqual({ left: ['a'], right: ['b'] });
  });

  it('gives the same result whatever the order of the records', () => {
    const left = Array.from({ length: 50 }, (_, i) => rec(`k${i}`, { amount: i }));
    const right = left.filter((_, i) => i % 3).map((r, i) => (i % 7 ? r : rec(r.key, { amount: 999 })));
    const a = reconcileRecords(left, right, [amount]);
    const b = reconcileRecords([...left].reverse(), [...right].reverse(), [amount]);
    expect(b).toEqual(a);
  });
});

describe('reconcile.compare node', () => {
  const config = reconcileCompare.config.parse({
    leftName: 'billing',
    left: 'payload.billing[status = "paid"]',
    leftKey: 'id',
    rightName: 'ERP',
    right: 'payload.erp',
    rightKey: 'externalId',
    fields: [{ name: 'amount', left: 'total / 100', right: 'total', compare: 'number', tolerance: 0.005 }],
  });
  const compiled = reconcileCompare.compile!(config, compileToolsFor(['nodes', 0]));
  const ctx = { config, compiled } as unknown as NodeContext<typeof config, typeof compiled>;
  const message = (payload: unknown): Message => ({ payload: payload as Message['payload'], meta: { runId: 'r', flowId: 'f', flowVersion: 1, correlationId: 'c', businessKeys: {} } });

  it('pairs Stripe cents with ERP decimals and fires `discrepancies` only when something is off', async () => {
    const billing = [
      { id: 'in_1', status: 'paid', total: 7587 },
      { id: 'in_2', status: 'paid', total: 24500 },
      { id: 'in_3', status: 'open', total: 39200 }, // not paid: not reconciled
    ];
    const clean = await reconcileCompare.execute(ctx, message({ billing, erp: [{ externalId: 'in_1', total: 75.87 }, { externalId: 'in_2', total: 245 }] }));
    expect(Object.keys(clean)).toEqual(['out']);
    expect((clean.out!.payload as unknown as ReconciliationResult).counts).toMatchObject({ left: 2, right: 2, matched: 2 });

    const off = await reconcileCompare.execute(ctx, message({ billing, erp: [{ externalId: 'in_1', total: 75.86 }] }));
    expect(Object.keys(off).sort()).toEqual(['discrepancies', 'out']);
    const result = off.out!.payload as unknown as ReconciliationResult;
    expect(result.missingRight.map((i) => i.key)).toEqual(['in_2']);
    expect(result.mismatched).toEqual([{ key: 'in_1', left: { amount: 75.87 }, right: { amount: 75.86 }, differences: [{ field: 'amount', left: 75.87, right: 75.86, difference: -0.01, tolerance: 0.005 }] }]);
  });

  it('fails clearly when a record set is not a list of records', async () => {
    await expect(reconcileCompare.execute(ctx, message({ billing: [], erp: 'oops' }))).rejects.toMatchObject({ code: 'not-a-record-set', retryable: false });
  });
});
