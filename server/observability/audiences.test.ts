import { describe, expect, it } from 'vitest';
import type { Flow } from '../../nodes/sdk/flow.js';
import type { DeadLetter, RunSummary } from '../storage/types.js';
import { financeView, flowConnections, postsToErp } from './audiences.js';

const NOW = Date.parse('2025-03-16T12:00:00Z');

function flow(id: string, name: string, requests: Array<{ url: string; method: string; connection?: string }>): Flow {
  return {
    schemaVersion: 1, id, name, settings: { runTimeoutMs: 300_000, expressionTimeoutMs: 1000, expressionMaxDepth: 500 }, edges: [],
    nodes: requests.map((config, i) => ({ id: `call-${i}`, type: 'http.request', typeVersion: 1, position: { x: 0, y: 0 }, config })),
  } as unknown as Flow;
}

const erpPosting = flow('stripe-to-netsuite', 'Stripe → NetSuite', [{ url: '/sandbox/erp/invoices', method: 'POST' }, { url: '/sandbox/erp/customers/{{ id }}', method: 'GET' }]);
const crmOnly = flow('closed-won', 'Closed won → subscription', [{ url: 'https://api.example.com/subscriptions', method: 'POST', connection: 'billing' }]);

describe('audience views', () => {
  it('names the systems a flow reads and writes, and tells ERP-posting flows apart', () => {
    expect(flowConnections(erpPosting)).toEqual([{ connection: 'sandbox.erp', methods: ['POST', 'GET'], nodeIds: ['call-0', 'call-1'] }]);
    expect(postsToErp(erpPosting)).toBe(true);
    expect(postsToErp(crmOnly)).toBe(false);
    expect(postsToErp(flow('invoice-sync', 'x', []))).toBe(true);
  });

  it('lists unposted invoices (parked, or running too long) of ERP-posting flows, oldest first, and ages open events', () => {
    const letter = (id: string, flowId: string, hoursAgo: number, status: DeadLetter['status'] = 'parked') =>
      ({ id, flowId, status, parkedAt: new Date(NOW - hoursAgo * 3_600_000).toISOString(), businessKeys: { invoiceId: `in_${id}` }, correlationId: id, error: { code: 'http-status', message: '503' }, nodeId: 'post' }) as unknown as DeadLetter;
    const running = (id: string, flowId: string, minutesAgo: number) =>
      ({ id, flowId, mode: 'published', status: 'running', startedAt: new Date(NOW - minutesAgo * 60_000).toISOString(), businessKeys: {}, correlationId: id }) as RunSummary;
    const view = financeView(
      [erpPosting, crmOnly],
      [letter('a', 'stripe-to-netsuite', 2), letter('b', 'stripe-to-netsuite', 30), letter('c', 'closed-won', 1), letter('d', 'stripe-to-netsuite', 5, 'replayed')],
      [running('r1', 'stripe-to-netsuite', 10), running('r2', 'stripe-to-netsuite', 1)],
      { now: NOW },
    );
    expect(view.postingFlows).toEqual([{ flowId: 'stripe-to-netsuite', name: 'Stripe → NetSuite' }]);
    expect(view.unposted.map((u) => [u.runId, u.state])).toEqual([['b', 'parked'], ['a', 'parked'], ['r1', 'stuck']]);
    expect(view.openEvents).toBe(5); // a, b, c parked; r1, r2 running
    expect(view.aging).toEqual([{ band: '< 1 h', count: 2 }, { band: '1–24 h', count: 2 }, { band: '1–7 d', count: 1 }, { band: '> 7 d', count: 0 }]);
  });
});
