import { describe, expect, it } from 'vitest';
import type { FlowIssue } from '../../nodes/sdk/errors.js';
import type { FlowNode } from '../../nodes/sdk/flow.js';
import type { Message } from '../../nodes/sdk/message.js';
import { compileBusinessKeys, evaluateBusinessKeys } from './business-keys.js';

const limits = { timeoutMs: 1000, maxDepth: 500 };
const node = (businessKeys: Record<string, string>): FlowNode => ({ id: 'n', type: 'http.request', typeVersion: 1, position: { x: 0, y: 0 }, config: {}, businessKeys });
const message = (payload: unknown): Message => ({ payload: payload as Message['payload'], meta: { runId: 'r', flowId: 'f', flowVersion: 1, correlationId: 'c', businessKeys: { opportunityId: '006A' } } });

describe('business keys', () => {
  it('are evaluated on the output message: ids as text, nothing when the expression selects nothing', async () => {
    const issues: FlowIssue[] = [];
    const keys = compileBusinessKeys(
      node({ erpInvoiceId: 'payload.body.id', missing: 'payload.body.nope', fromMeta: 'meta.businessKeys.opportunityId', lines: 'payload.body.lines' }),
      ['nodes', 3],
      limits,
      issues,
    );
    expect(issues).toEqual([]);
    const warnings: string[] = [];
    const found = await evaluateBusinessKeys(keys, { out: message({ body: { id: 98765, lines: [1, 2] } }) }, (m, f) => warnings.push(`${f.key}: ${m}`));
    expect(found).toEqual({ erpInvoiceId: '98765', fromMeta: '006A' });
    expect(warnings).toEqual(['lines: business key gave an object or array, not an id: not recorded']);
  });

  it('prefer a port other than error, and give nothing when no port fired', async () => {
    const keys = compileBusinessKeys(node({ id: 'payload.id' }), ['nodes', 0], limits, []);
    expect(await evaluateBusinessKeys(keys, { error: message({ id: 'from-error' }), out: message({ id: 'from-out' }) }, () => undefined)).toEqual({ id: 'from-out' });
    expect(await evaluateBusinessKeys(keys, {}, () => undefined)).toEqual({});
  });

  it('report a syntax error at publish with the path of the key', () => {
    const issues: FlowIssue[] = [];
    expect(compileBusinessKeys(node({ subscriptionId: 'payload.body.(' }), ['nodes', 5], limits, issues)).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'expression-syntax', path: ['nodes', 5, 'businessKeys', 'subscriptionId'], nodeId: 'n' })]);
  });
});
