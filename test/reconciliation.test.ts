/**
 * Reconciliation on seeded data (issue 5, "What it must show"): the billing stand-in holds 9 paid invoices
 * (the fixture's proration invoice and 8 more made from it) and one open invoice; the ERP stand-in ends up
 * with 4 of them posted by the stripe-invoice-to-erp flow (exact), 2 keyed in with wrong amounts, 3 never
 * there (one never sent, one refused by the ERP, one whose customer is not in the xref) and 1 invoice that
 * billing does not know. The example flow reconcile-billing-vs-erp, run through its schedule trigger, must
 * report exactly those 6 and nothing else; the report is kept, drills down to the runs, and is in /metrics.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReconciliationReport } from '../server/storage/types.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const fixture = (path: string) => JSON.parse(readFileSync(new URL(`./fixtures/${path}`, import.meta.url), 'utf8'));
const paidEvent = fixture('stripe/invoice.paid.proration.json');
const erpBody = fixture('netsuite/invoice.post-request.json')._body;

/** A paid billing invoice like the fixture's (total 7587 cents = 75.87), with its own id. */
function billingInvoice(id: string, customer = paidEvent.data.object.customer) {
  return { ...structuredClone(paidEvent.data.object), id, customer, number: `FAKE-${id}` };
}

/** An ERP invoice body keyed in by hand (not by the flow), with the given line amounts. */
function erpInvoice(externalId: string, amounts: number[]) {
  const body = structuredClone(erpBody);
  body.externalId = externalId;
  body.custbody_stripe_invoice_id = externalId;
  body.item.items = amounts.map((amount) => ({ item: { id: '86' }, description: 'keyed in by hand', quantity: 1, rate: amount, amount }));
  return body;
}

describe('reconcile-billing-vs-erp on seeded data', () => {
  let t: TestServer;
  let report: ReconciliationReport;
  let reconcileRunId: string;
  const runIds: Record<string, string> = {};

  const waitForRun = async (runId: string) => {
    for (let i = 0; i < 200; i++) {
      const run = await t.call('GET', `/api/runs/${runId}`);
      if (run.status === 200 && run.body.status !== 'running') return run.body;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`run ${runId} did not finish`);
  };
  const postInvoiceEvent = async (invoice: Record<string, unknown>) => {
    const event = { ...structuredClone(paidEvent), id: `evt_${invoice.id}`, data: { object: invoice } };
    const answer = await t.call('POST', '/hooks/stripe/invoices', event);
    runIds[String(invoice.id)] = answer.headers.get('x-ledgerflow-run-id')!;
    return answer;
  };

  beforeAll(async () => {
    t = await startTestServer();
    await t.call('POST', '/sandbox/_reset');
    const { billing } = t.ledgerflow.sandbox!;
    const ids = Array.from({ length: 8 }, (_, i) => `in_RECON_0${i + 1}`);
    for (const id of ids) billing.addInvoice(billingInvoice(id, id === 'in_RECON_08' ? 'cus_NOT_IN_XREF' : undefined));

    // Posted by the flow, exactly: the fixture's invoice and RECON_01..03.
    for (const invoice of [paidEvent.data.object, ...ids.slice(0, 3).map((id) => billing.invoices().find((i) => i.id === id)!)]) {
      expect((await postInvoiceEvent(invoice as Record<string, unknown>)).status).toBe(202);
    }
    // Keyed into the ERP by hand with wrong amounts: one cent short, and cents taken for units.
    expect((await t.call('POST', '/sandbox/erp/invoices', erpInvoice('in_RECON_04', [-126.45, 202.31]))).status).toBe(201);
    expect((await t.call('POST', '/sandbox/erp/invoices', erpInvoice('in_RECON_05', [7587]))).status).toBe(201);
    // Missing in the ERP: RECON_06 never sent; RECON_07 refused by the ERP; RECON_08's customer not in the xref.
    await t.call('PUT', '/sandbox/erp/_faults', { status: 422, count: 1 });
    expect((await postInvoiceEvent(billing.invoices().find((i) => i.id === 'in_RECON_07')!)).status).toBe(502);
    expect((await postInvoiceEvent(billing.invoices().find((i) => i.id === 'in_RECON_08')!)).status).toBe(500);
    // In the ERP only.
    expect((await t.call('POST', '/sandbox/erp/invoices', erpInvoice('in_EXTRA_01', [49]))).status).toBe(201);

    // Run the scheduled reconciliation now, as its schedule would.
    const started = await t.call('POST', '/api/schedules/reconcile-billing-vs-erp/daily/run');
    expect(started.status).toBe(202);
    reconcileRunId = started.body.runId;
    expect(await waitForRun(reconcileRunId)).toMatchObject({ status: 'succeeded' });
    const reports = await t.call('GET', '/api/reconciliation/reports?flowId=reconcile-billing-vs-erp');
    expect(reports.body).toHaveLength(1);
    report = (await t.call('GET', `/api/reconciliation/reports/${reports.body[0].id}`)).body;
  });

  afterAll(async () => {
    await t.stop();
  });

  it('the data is as described: 9 paid + 1 open invoice in billing, 7 invoices in the ERP', () => {
    const { billing, erp } = t.ledgerflow.sandbox!;
    expect(billing.invoices().filter((i) => i.status === 'paid')).toHaveLength(9);
    expect(billing.invoices().filter((i) => i.status !== 'paid').map((i) => i.id)).toEqual(['in_FAKE0000000000000003']);
    expect(erp.invoices()).toHaveLength(7);
  });

  it('lists exactly the 3 missing in the ERP, the 2 amount mismatches and the 1 extra, and nothing else', () => {
    expect(report.missingRight.map((i) => i.key)).toEqual(['in_RECON_06', 'in_RECON_07', 'in_RECON_08']);
    expect(report.mismatched).toEqual([
      {
        key: 'in_RECON_04',
        left: { amount: 75.87 },
        right: { amount: 75.86 },
        differences: [{ field: 'amount', left: 75.87, right: 75.86, difference: -0.01, tolerance: 0.005 }],
      },
      {
        key: 'in_RECON_05',
        left: { amount: 75.87 },
        right: { amount: 7587 },
        differences: [{ field: 'amount', left: 75.87, right: 7587, difference: 7511.13, tolerance: 0.005 }],
      },
    ]);
    expect(report.missingLeft).toEqual([{ key: 'in_EXTRA_01', right: { amount: 49 } }]);
    expect(report.duplicates).toEqual({ left: [], right: [] });
    expect(report.matched).toEqual(['in_FAKE0000000000000002', 'in_RECON_01', 'in_RECON_02', 'in_RECON_03']);
    expect(report.counts).toEqual({ left: 9, right: 7, matched: 4, missingLeft: 1, missingRight: 3, mismatched: 2, duplicates: 0, unkeyed: 0 });
    expect(report).toMatchObject({ name: 'Billing invoices vs ERP invoices', leftName: 'billing', rightName: 'ERP', flowId: 'reconcile-billing-vs-erp', runId: reconcileRunId, nodeId: 'keep-report' });
  });

  it('keeps the report with the run that made it, whose business keys name the report', async () => {
    const run = await t.call('GET', `/api/runs/${reconcileRunId}`);
    expect(run.body.steps.map((s: { nodeId: string }) => s.nodeId)).toEqual(['daily', 'get-billing-invoices', 'get-erp-invoices', 'compare', 'keep-report']);
    expect(run.body.businessKeys).toEqual({ reconciliationReportId: report.id });
    expect(run.body.input).toMatchObject({ manual: true, scheduledFor: null, schedule: 'cron "0 6 * * *" (UTC)' });
    const schedules = await t.call('GET', '/api/schedules');
    expect(schedules.body).toContainEqual(expect.objectContaining({ flowId: 'reconcile-billing-vs-erp', nodeId: 'daily', lastRunId: reconcileRunId, running: 0 }));
  });

  it('drills down from a discrepancy to the runs that touched its invoice', async () => {
    const refused = await t.call('GET', '/api/runs?businessKey=in_RECON_07');
    expect(refused.body.map((r: { id: string }) => r.id)).toEqual([runIds.in_RECON_07]);
    expect(refused.body[0]).toMatchObject({ responseStatus: 502 });
    const unlinked = await t.call('GET', '/api/runs?businessKey=in_RECON_08');
    expect(unlinked.body[0]).toMatchObject({ status: 'failed', error: { nodeId: 'lookup-erp-customer', code: 'xref-missing' } });
    expect((await t.call('GET', '/api/runs?businessKey=in_RECON_06')).body).toEqual([]); // never sent: no run at all
    const lineage = await t.call('GET', '/api/lineage?id=in_RECON_08');
    expect(lineage.body.gaps.map((g: { message: string }) => g.message)).toContainEqual(
      expect.stringMatching(/^invoice in_RECON_08 has no ERP document: run run_\w+ \(stripe-invoice-to-erp\) failed at lookup-erp-customer — No erp customer is linked to billing customer cus_NOT_IN_XREF in the xref$/),
    );
  });

  it('counts the newest report in /metrics', async () => {
    const metrics = await t.call('GET', '/metrics');
    const line = (kind: string) => `ledgerflow_reconciliation_discrepancies{flow="reconcile-billing-vs-erp",report="Billing invoices vs ERP invoices",kind="${kind}"}`;
    expect(metrics.body).toContain(`${line('missing_right')} 3`);
    expect(metrics.body).toContain(`${line('missing_left')} 1`);
    expect(metrics.body).toContain(`${line('mismatched')} 2`);
    expect(metrics.body).toContain('ledgerflow_reconciliation_matched{flow="reconcile-billing-vs-erp",report="Billing invoices vs ERP invoices"} 4');
  });
});
