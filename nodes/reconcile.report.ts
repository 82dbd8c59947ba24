/**
 * `reconcile.report`: keeps the result of a `reconcile.compare` as a reconciliation report (shown on the
 * reconciliation page with drill-down to the runs that touched each key, and counted in /metrics).
 * Output: `{ reportId, name, counts }`.
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';
import type { ReconciliationResult } from './sdk/reconciliation.js';

function isResult(value: unknown): value is ReconciliationResult {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<ReconciliationResult>;
  return typeof v.counts === 'object' && Array.isArray(v.matched) && Array.isArray(v.missingLeft) && Array.isArray(v.missingRight) && Array.isArray(v.mismatched);
}

export const reconcileReport = defineNode({
  type: 'reconcile.report',
  version: 1,
  title: 'Keep reconciliation report',
  category: 'connector',
  icon: 'report',
  description: 'Keeps the result of a Reconcile node as a report on the reconciliation page.',
  config: z.object({
    name: z.string().min(1).max(200).meta({ title: 'Report name', description: 'e.g. Billing invoices vs ERP invoices' }),
  }),
  inputs: ['in'],
  outputs: ['out'],
  async execute(ctx, message) {
    if (!isResult(message.payload)) {
      throw new NodeError('not-a-reconciliation', 'The payload is not the result of a Reconcile node (reconcile.compare)', { retryable: false });
    }
    const { id } = await ctx.reports.save(ctx.config.name, message.payload);
    const summary = { reportId: id, name: ctx.config.name, counts: message.payload.counts };
    return { out: { ...message, payload: summary as unknown as Json } };
  },
});
