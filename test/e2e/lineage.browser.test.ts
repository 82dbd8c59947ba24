/**
 * End to end in a real browser (headless Chromium via playwright-core): post the closed-won opportunity to
 * `closed-won-to-subscription` and the invoice.paid event to `stripe-invoice-to-erp`, then search the
 * opportunity id on the lineage page and see the chain down to the ERP document — opportunity →
 * subscription → invoice → NetSuite invoice 98765 — with the runs on each id and the gap of the new
 * subscription that billing has not invoiced yet. Then an invoice whose customer has no ERP link: its gap
 * names the failed run, which opens on the failing step. Last, the reconciliation page after a run of the
 * scheduled reconciliation, with a drill-down to the runs of one discrepancy.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped without it. Builds the designer into dist/client
 * when it is missing or stale. Screenshots go to test-results/ (lineage-*.png, reconciliation-*.png).
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { buildClient, CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
if (!hasChromium) console.warn(`lineage.browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it with "apt-get install chromium")`);

const fixture = (path: string) => JSON.parse(readFileSync(join(root, 'test', 'fixtures', path), 'utf8'));
const OPPORTUNITY = '006FAKE0000000001AAA';


describe.skipIf(!hasChromium)('lineage and reconciliation in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let invoiceRunId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildClient();
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    const [won] = fixture('salesforce/opportunity-with-line-items.soql.json')._response.records;
    expect((await server.call('POST', '/hooks/salesforce/closed-won', won)).status).toBe(201);
    const paid = await server.call('POST', '/hooks/stripe/invoices', fixture('stripe/invoice.paid.proration.json'));
    expect(paid.status).toBe(202);
    invoiceRunId = paid.headers.get('x-ledgerflow-run-id')!;
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  const card = (stage: string, id: string) => page.locator(`[data-testid="lineage-node-${stage}"][data-id="${id}"]`);

  test('searching the opportunity id shows the chain down to the ERP document', async () => {
    await page.goto(`${server.url}/index.html#/lineage`);
    await page.getByTestId('nav-lineage').waitFor();
    await page.getByTestId('lineage-search').fill(OPPORTUNITY);
    await page.getByTestId('lineage-go').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/lineage?id=${OPPORTUNITY}`);
    await card('erpDocument', '98765').waitFor({ timeout: 15_000 });

    for (const [stage, id] of [
      ['opportunity', OPPORTUNITY],
      ['subscription', 'sub_FAKE0000000000000001'],
      ['invoice', 'in_FAKE0000000000000002'],
      ['erpDocument', '98765'],
      ['subscription', 'sub_LFSANDBOX000001'],
    ]) {
      expect(await card(stage!, id!).count(), `${stage} ${id}`).toBe(1);
    }
    // The chain reads left to right: each stage's card sits right of the one before it.
    const x = async (stage: string, id: string) => (await card(stage, id).boundingBox())!.x;
    const xs = [await x('opportunity', OPPORTUNITY), await x('subscription', 'sub_FAKE0000000000000001'), await x('invoice', 'in_FAKE0000000000000002'), await x('erpDocument', '98765')];
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    expect(new Set(xs).size).toBe(4);

    const erp = card('erpDocument', '98765');
    expect(await erp.textContent()).toContain('ERP invoice');
    expect(await erp.getByTestId(`lineage-run-${invoiceRunId}`).textContent()).toContain('stripe-invoice-to-erp');
    expect(await erp.locator('.lf-dot--succeeded').count()).toBe(1);
    const gaps = await page.getByTestId('lineage-gaps').locator('li').allTextContents();
    expect(gaps.map((g) => g.trim())).toEqual(['subscription sub_LFSANDBOX000001 has no invoice']);
    expect(await page.getByTestId('lineage-gap').count()).toBe(1);
    expect(await page.getByTestId('lineage-runs').locator('tbody tr').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'lineage-chain.png'), fullPage: true });
  });

  test('the same chain is found from the ERP document id', async () => {
    await page.goto(`${server.url}/index.html#/lineage?id=98765`);
    await card('opportunity', OPPORTUNITY).waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('lineage-gap').count()).toBe(0);
    expect(await page.getByTestId('lineage-summary').textContent()).toContain('ERP invoice');
  });

  test('an invoice that stopped shows where: its gap opens the failed run on the failing step', async () => {
    const event = fixture('stripe/invoice.paid.proration.json');
    event.id = 'evt_BROWSER_UNLINKED';
    event.data.object.id = 'in_BROWSER_UNLINKED';
    event.data.object.customer = 'cus_BROWSER_UNLINKED';
    server.ledgerflow.sandbox!.billing.addInvoice(event.data.object); // billing issued it; the flow cannot post it
    const failed = await server.call('POST', '/hooks/stripe/invoices', event);
    expect(failed.status).toBe(500);
    const failedRunId = failed.headers.get('x-ledgerflow-run-id')!;

    await page.goto(`${server.url}/index.html#/lineage?id=in_BROWSER_UNLINKED`);
    const gap = page.getByTestId('lineage-gap').filter({ hasText: 'in_BROWSER_UNLINKED' });
    await gap.waitFor({ timeout: 15_000 });
    expect(await gap.getAttribute('data-expected')).toBe('erpDocument');
    expect(await gap.textContent()).toContain(`run ${failedRunId} (stripe-invoice-to-erp) failed at lookup-erp-customer`);
    expect(await card('invoice', 'in_BROWSER_UNLINKED').locator('.lf-dot--failed').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'lineage-gap.png'), fullPage: true });

    await gap.getByText('Open the failed run').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toBe(`#/runs/${failedRunId}`);
    await page.getByTestId('run-detail').waitFor({ timeout: 15_000 });
    await expect.poll(() => page.getByTestId('run-status').textContent()).toBe('failed');
    const failing = page.locator('[data-testid^="timeline-step-"][data-status="failed"]');
    expect(await failing.getAttribute('data-node')).toBe('lookup-erp-customer');
    await page.screenshot({ path: join(shots, 'lineage-failed-run.png'), fullPage: true });
  });

  test('the reconciliation page shows the report of a run and drills down to the runs of a discrepancy', async () => {
    // One ERP invoice keyed by hand with a wrong amount, and the open renewal invoice is not reconciled (not paid).
    const body = fixture('netsuite/invoice.post-request.json')._body;
    const { billing } = server.ledgerflow.sandbox!;
    billing.addInvoice({ ...structuredClone(fixture('stripe/invoice.paid.proration.json').data.object), id: 'in_BROWSER_NEVER_SENT' });
    body.externalId = 'in_BROWSER_EXTRA';
    expect((await server.call('POST', '/sandbox/erp/invoices', body)).status).toBe(201);

    await page.goto(`${server.url}/index.html#/reconciliation`);
    await page.getByTestId('run-now-reconcile-billing-vs-erp').click();
    const report = page.getByTestId('recon-report');
    await report.waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('recon-count-matched').getAttribute('data-count')).toBe('1');
    // in_BROWSER_UNLINKED (failed at the xref lookup) and in_BROWSER_NEVER_SENT are missing in the ERP.
    expect(await page.getByTestId('recon-count-missing-right').getAttribute('data-count')).toBe('2');
    expect(await page.getByTestId('recon-count-missing-left').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('recon-count-mismatched').getAttribute('data-count')).toBe('0');
    const kinds = await page.getByTestId('recon-discrepancies').locator('tbody tr[data-kind]').evaluateAll((rows) =>
      rows.map((r) => `${r.getAttribute('data-kind')}:${r.getAttribute('data-testid')!.slice('recon-row-'.length)}`),
    );
    expect(kinds).toEqual(['missingRight:in_BROWSER_NEVER_SENT', 'missingRight:in_BROWSER_UNLINKED', 'missingLeft:in_BROWSER_EXTRA']);

    await page.getByTestId('recon-drill-in_BROWSER_UNLINKED').click();
    const runs = page.getByTestId('recon-runs');
    await runs.waitFor();
    // The failing node is shown by its name, its id kept in the tooltip.
    await expect.poll(() => runs.locator('[title="Node id: lookup-erp-customer"]').count()).toBe(1);
    await page.getByTestId('recon-drill-in_BROWSER_NEVER_SENT').click();
    await page.getByTestId('recon-no-runs').waitFor();
    await page.screenshot({ path: join(shots, 'reconciliation-report.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
