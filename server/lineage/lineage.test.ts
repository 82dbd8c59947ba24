import { describe, expect, it } from 'vitest';
import type { RunSummary, XrefLink, XrefRef } from '../storage/types.js';
import { buildLineage, type LineageNode, type LineageSources } from './lineage.js';

const opp = { system: 'crm', entity: 'opportunity', id: '006A' };
const sub = { system: 'billing', entity: 'subscription', id: 'sub_A' };
const inv1 = { system: 'billing', entity: 'invoice', id: 'in_1' };
const inv2 = { system: 'billing', entity: 'invoice', id: 'in_2' };
const doc1 = { system: 'erp', entity: 'invoice', id: '98765' };
const customer = { system: 'billing', entity: 'customer', id: 'cus_A' };

let n = 0;
function run(keys: Record<string, string>, status: RunSummary['status'] = 'succeeded', extra: Partial<RunSummary> = {}): RunSummary {
  n++;
  return {
    id: `run_${n}`,
    flowId: 'f',
    flowVersion: 1,
    mode: 'published',
    rootRunId: `run_${n}`,
    status,
    correlationId: `c${n}`,
    triggerNodeId: 't',
    startedAt: `2025-03-0${n}T00:00:00.000Z`,
    businessKeys: keys,
    stepCount: 3,
    ...extra,
  };
}

function sources(links: Array<[XrefRef, XrefRef]>, runs: RunSummary[]): LineageSources {
  const same = (a: XrefRef, b: XrefRef) => a.system === b.system && a.entity === b.entity && a.id === b.id;
  const all: XrefLink[] = links.map(([a, b]) => ({ a, b, origin: { kind: 'manual' }, createdAt: '', updatedAt: '' }));
  return {
    xref: {
      find: async (id) => {
        const refs = all.flatMap((l) => [l.a, l.b]).filter((r) => r.id === id);
        return refs.filter((r, i) => refs.findIndex((x) => same(x, r)) === i);
      },
      linksOf: async (ref) => all.filter((l) => same(l.a, ref) || same(l.b, ref)),
    },
    runsWithKey: async (value) => runs.filter((r) => Object.values(r.businessKeys).includes(value)),
  };
}

/** The tree as `stage:id` lines, indented by depth, with gaps. */
function outline(nodes: LineageNode[], depth = 0): string[] {
  return nodes.flatMap((node) => [
    `${'  '.repeat(depth)}${node.stage}:${node.ref.id}${node.gaps.map((g) => ` [${g.message}]`).join('')}`,
    ...outline(node.children, depth + 1),
  ]);
}

describe('lineage', () => {
  const closedWon = run({ opportunityId: '006A', subscriptionId: 'sub_A', accountId: '001A', customerId: 'cus_A' });
  const invoiceRun = run({ stripeEventId: 'evt_1', invoiceId: 'in_1', subscriptionId: 'sub_A', opportunityId: '006A', customerId: 'cus_A', erpInvoiceId: '98765' });
  const failedRun = run({ invoiceId: 'in_2', subscriptionId: 'sub_A', opportunityId: '006A' }, 'failed', { error: { code: 'http-status', message: 'POST answered 422', nodeId: 'post-invoice' } });

  it('shows the chain from an opportunity down to the ERP document, stage by stage, with the gap where a run failed', async () => {
    const lineage = await buildLineage('006A', sources([[opp, sub], [sub, inv1], [inv1, doc1], [customer, { system: 'erp', entity: 'customer', id: '4321' }]], [closedWon, invoiceRun, failedRun]));
    expect(outline(lineage.roots)).toEqual([
      'opportunity:006A',
      '  subscription:sub_A',
      '    invoice:in_1',
      '      erpDocument:98765',
      '    invoice:in_2 [invoice in_2 has no ERP document: run run_3 (f) failed at post-invoice — POST answered 422]',
    ]);
    expect(lineage.matches).toEqual([{ ...opp, label: 'CRM opportunity' }]);
    expect(lineage.gaps.map((g) => [g.ref.id, g.expected, g.failedRun?.runId])).toEqual([['in_2', 'erpDocument', 'run_3']]);
    expect(lineage.runs.map((r) => r.runId)).toEqual(['run_3', 'run_2', 'run_1']);
    const subscription = lineage.roots[0]!.children[0]!;
    expect(subscription.runs.map((r) => r.runId)).toEqual(['run_3', 'run_2', 'run_1']);
    // Parties come from xref links and from the runs that recorded the id (the closed-won run names the account).
    expect(subscription.parties.map((p) => p.id).sort()).toEqual(['001A', 'cus_A']);
    expect(lineage.roots[0]!.parties.map((p) => p.id).sort()).toEqual(['001A', 'cus_A']);
  });

  it('from an invoice goes up to its subscription and opportunity but not down to the sibling invoices', async () => {
    const lineage = await buildLineage('in_1', sources([], [closedWon, invoiceRun, failedRun]));
    expect(outline(lineage.roots)).toEqual(['opportunity:006A', '  subscription:sub_A', '    invoice:in_1', '      erpDocument:98765']);
  });

  it('from an ERP document finds its way up through business keys alone', async () => {
    const lineage = await buildLineage('98765', sources([], [invoiceRun]));
    expect(outline(lineage.roots)).toEqual(['opportunity:006A', '  subscription:sub_A', '    invoice:in_1', '      erpDocument:98765']);
  });

  it('shows gaps upstream and downstream when ids are not linked', async () => {
    const lineage = await buildLineage('sub_B', sources([[{ ...sub, id: 'sub_B' }, { ...customer }]], []));
    expect(outline(lineage.roots)).toEqual([
      'subscription:sub_B [subscription sub_B is linked to no opportunity] [subscription sub_B has no invoice]',
    ]);
  });

  it('answers an unknown id with no matches, and an id off the chain with its runs only', async () => {
    expect(await buildLineage('nope', sources([], []))).toMatchObject({ matches: [], roots: [], gaps: [], runs: [] });
    const byEvent = await buildLineage('evt_1', sources([], [invoiceRun]));
    expect(byEvent.roots).toEqual([]);
    expect(byEvent.runs.map((r) => r.runId)).toEqual([invoiceRun.id]);
  });
});
