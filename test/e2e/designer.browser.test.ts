/**
 * End to end in a real browser (headless Chromium via playwright-core): the designer opens the example flow
 * `stripe-invoice-to-erp`, test-runs it on the `stripe/invoice.paid.proration` sample and shows every step
 * live; the ERP stand-in then holds exactly one invoice with the proration lines -126.45 and 202.32 (total
 * 75.87). It also drags a node from the palette, connects it, and deletes it.
 *
 * Needs Debian's chromium at /usr/bin/chromium (`apt-get install chromium`); skipped without it. Builds the
 * designer into dist/client first when it is missing or older than its sources. Screenshots go to
 * test-results/ (kept as CI artifacts).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { buildClient, CHROMIUM, dragBetween, hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');

if (!hasChromium) {
  console.warn(`designer.browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it with "apt-get install chromium")`);
}

const FLOW = 'stripe-invoice-to-erp';
const SAMPLE = 'stripe/invoice.paid.proration';
/** Nodes every successful test run of the flow passes through (the full path is read from the run record). */
const MUST_RUN = ['test-run', 'map-invoice', 'post-invoice'];



describe.skipIf(!hasChromium)('designer in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    buildClient();
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('lists the flows and opens stripe-invoice-to-erp with its nodes', async () => {
    await page.goto(`${server.url}/index.html#/`);
    await page.getByTestId(`flow-${FLOW}`).click();
    await expect.poll(() => page.getByTestId('node-map-invoice').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('sandbox-badge').count()).toBe(1);
    expect(await page.getByTestId('issue-count').getAttribute('data-count')).toBe('0');
    await page.screenshot({ path: join(shots, 'designer-opened.png') });
  });

  test('test-runs the draft on the invoice.paid sample and lights up every step', async () => {
    await page.getByTestId('sample-select').selectOption(SAMPLE);
    await expect.poll(() => page.getByTestId('run-input').textContent()).toContain('evt_FAKE0000000000000004');
    await page.getByTestId('run').click();

    const runStatus = page.getByTestId('run-status');
    await expect.poll(() => runStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    const runId = await runStatus.getAttribute('data-run-id');
    const record = await server.call('GET', `/api/runs/${runId}`);
    expect(record.body.status).toBe('succeeded');
    const ran = new Set<string>(record.body.steps.map((step: { nodeId: string }) => step.nodeId));
    for (const nodeId of MUST_RUN) expect(ran).toContain(nodeId);

    // Every node is accounted for: the nodes of the run's steps succeeded; the others (the webhook trigger
    // of a manual test run, the ERP-failure branch of a run that did not fail) were never reached.
    const canvas = await page.locator('.react-flow__node [data-status]').evaluateAll((elements) =>
      elements.map((e) => [e.getAttribute('data-testid')!.slice('node-'.length), e.getAttribute('data-status')] as const),
    );
    expect(canvas.length).toBeGreaterThanOrEqual(ran.size);
    for (const [nodeId, status] of canvas) expect([nodeId, status]).toEqual([nodeId, ran.has(nodeId) ? 'succeeded' : 'skipped']);
    expect(Object.fromEntries(canvas)).toMatchObject({ 'stripe-webhook': 'skipped', 'respond-erp-failed': 'skipped' });
    expect(await page.getByTestId('step-list').locator('tbody tr').count()).toBe(record.body.steps.length);

    await page.getByTestId('node-post-invoice').click();
    await expect.poll(() => page.getByTestId('inspector-io').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'designer-test-run.png') });

    const erp = await server.call('GET', '/sandbox/erp/invoices');
    expect(erp.status).toBe(200);
    expect(erp.body.items).toHaveLength(1);
    const [invoice] = erp.body.items;
    expect(invoice.externalId).toBe('in_FAKE0000000000000002');
    expect(invoice.item.items.map((line: { amount: number }) => line.amount)).toEqual([-126.45, 202.32]);
    expect(invoice.total).toBe(75.87);
  });

  test('adds a node by drag and drop, connects it, and deletes it', async () => {
    const canvas = page.getByTestId('canvas');
    const box = await canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await page.getByTestId('palette-transform.jsonata').dragTo(canvas, { targetPosition: { x: box.width * 0.45, y: box.height * 0.82 } });
    const added = page.getByTestId('node-jsonata');
    await expect.poll(() => added.count()).toBe(1);
    expect(await added.getAttribute('data-type')).toBe('transform.jsonata');

    await dragBetween(
      page,
      page.locator('[data-testid="node-map-invoice"] .react-flow__handle.source[data-handleid="out"]'),
      added.locator('.react-flow__handle.target[data-handleid="in"]'),
    );
    const edge = page.getByTestId('rf__edge-e-map-invoice-out-jsonata');
    await expect.poll(() => edge.count()).toBe(1);
    await page.screenshot({ path: join(shots, 'designer-node-added.png') });

    await added.click();
    await page.keyboard.press('Delete');
    await expect.poll(() => added.count()).toBe(0);
    expect(await edge.count()).toBe(0);
    expect(await page.getByTestId('node-map-invoice').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'designer-node-deleted.png') });
    expect(pageErrors).toEqual([]);
  });
});
