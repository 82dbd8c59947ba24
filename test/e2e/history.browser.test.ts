/**
 * The run history viewer in a real browser (headless Chromium via playwright-core): a published flow's run
 * fails at its ERP call (the ERP stand-in answers 503 to every attempt); the history lists it, filtered by
 * status and found by its business key; opening it shows the failing step — red on the flow's canvas, open
 * in the step timeline with its error and its three attempts. The audience switch then opens finance
 * operations on the unposted invoice, and support on the dashboard.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped without it. Screenshots go to test-results/.
 */
import { spawnSync } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
const FLOW = 'history-e2e-invoices';

const flow = {
  schemaVersion: 1,
  id: FLOW,
  name: 'Invoice posting (history e2e)',
  settings: { slos: [{ name: 'posted within 60 s', objective: 0.99, thresholdMs: 60_000 }] },
  nodes: [
    { id: 'hook', type: 'trigger.webhook', typeVersion: 1, name: 'Invoice event', position: { x: 0, y: 0 }, config: { path: FLOW, responseMode: 'accepted' } },
    { id: 'once', type: 'guard.idempotentConsumer', typeVersion: 1, name: 'Once per invoice', position: { x: 260, y: 0 }, config: { key: 'payload.invoiceId', keyName: 'invoiceId' } },
    {
      id: 'post-erp',
      type: 'http.request',
      typeVersion: 1,
      name: 'Post to ERP',
      position: { x: 520, y: 0 },
      config: { method: 'GET', url: '/sandbox/erp/invoices', retry: { maxAttempts: 3, initialDelayMs: 20, jitter: 0 } },
    },
  ],
  edges: [
    { id: 'e1', source: 'hook', sourcePort: 'out', target: 'once', targetPort: 'in' },
    { id: 'e2', source: 'once', sourcePort: 'out', target: 'post-erp', targetPort: 'in' },
  ],
};

if (!hasChromium) console.warn(`history.browser.test.ts skipped: no Chromium at ${CHROMIUM}`);

describe.skipIf(!hasChromium)('run history in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let failedRunId: string;
  let bigRunId: string;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const build = spawnSync(process.execPath, [join(root, 'scripts', 'build-client.mjs')], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) throw new Error('building the designer (vite build) failed');
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    expect((await server.call('PUT', `/api/flows/${FLOW}`, flow)).status).toBe(200);
    expect((await server.call('POST', `/api/flows/${FLOW}/publish`, {})).status).toBe(201);
    const settled = async (runId: string) => {
      for (let i = 0; i < 300; i++) {
        const status = (await server.call('GET', `/api/runs/${runId}`)).body.status;
        if (status !== 'running') return status;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`run ${runId} did not finish`);
    };
    bigRunId = (await server.call('POST', `/hooks/${FLOW}`, { invoiceId: 'INV-OK-1', amount: 100, notes: 'n'.repeat(40_000) })).body.runId;
    expect(await settled(bigRunId)).toBe('succeeded'); // before the fault is armed: its ERP call must not use it up
    await server.call('PUT', '/sandbox/erp/_faults', { status: 503, count: 3 });
    failedRunId = (await server.call('POST', `/hooks/${FLOW}`, { invoiceId: 'INV-E2E-FAIL', amount: 250 })).body.runId;
    expect(await settled(failedRunId)).toBe('failed');
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('lists the failed run, found by status and by its business key', async () => {
    await page.goto(`${server.url}/index.html#/runs?status=failed&flowId=${FLOW}`);
    await expect.poll(() => page.getByTestId(`run-${failedRunId}`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.locator('[data-testid^="run-run_"]').count()).toBe(1);
    await page.getByTestId('filter-key').fill('INV-E2E-FAIL');
    await page.getByTestId('filter-apply').click();
    await expect.poll(() => page.evaluate(() => window.location.hash)).toContain('businessKey=INV-E2E-FAIL');
    await expect.poll(() => page.getByTestId(`run-${failedRunId}`).getAttribute('data-status')).toBe('failed');
  });

  test('opens the failed run and shows the failing step on the canvas and in the timeline', async () => {
    await page.getByTestId(`run-${failedRunId}`).click();
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('failed');
    await expect.poll(() => page.getByTestId('run-error').textContent(), { timeout: 10_000 }).toContain('Failed at Post to ERP'); // named once the version is loaded
    // The canvas of version 1: the trigger and guard ran, the ERP call failed.
    await expect.poll(() => page.getByTestId('path-node-post-erp').getAttribute('data-status'), { timeout: 15_000 }).toBe('failed');
    expect(await page.getByTestId('path-node-hook').getAttribute('data-status')).toBe('succeeded');
    // Three attempts of the ERP call; the last is open with its error, the earlier ones waited for a retry.
    const attempts = page.locator('[data-node="post-erp"]');
    expect(await attempts.count()).toBe(3);
    expect(await attempts.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')))).toEqual(['failed', 'failed', 'failed']);
    expect(await attempts.nth(0).textContent()).toContain('retry after');
    const lastSeq = Number((await attempts.nth(2).getAttribute('data-testid'))!.replace('timeline-step-', ''));
    expect(await page.getByTestId(`step-error-${lastSeq}`).textContent()).toContain('503');
    expect(await page.getByTestId(`step-input-${lastSeq}`).textContent()).toContain('INV-E2E-FAIL');
    expect(await page.getByTestId('replay').count()).toBe(1); // parked in the dead-letter queue
    await page.screenshot({ path: join(shots, 'history-failed-run.png'), fullPage: true });
  });

  test('re-runs it with the same input: the new run succeeds and links back', async () => {
    await page.getByTestId('rerun').click();
    await expect.poll(() => page.evaluate(() => window.location.hash), { timeout: 10_000 }).not.toContain(failedRunId);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('succeeded');
    expect(await page.getByTestId('run-detail').textContent()).toContain(`Replay of${failedRunId}`);
  });

  test('shows a large input shortened and loads it in full on request', async () => {
    await page.goto(`${server.url}/index.html#/runs/${bigRunId}`);
    await expect.poll(() => page.getByTestId('run-status').textContent(), { timeout: 15_000 }).toBe('succeeded');
    await page.getByTestId('timeline-step-1').click();
    const input = page.getByTestId('step-input-1');
    await expect.poll(() => input.textContent()).toContain('shortened');
    expect(await input.textContent()).not.toContain('n'.repeat(3000));
    await input.getByTestId('load-full').click();
    await expect.poll(() => input.textContent(), { timeout: 10_000 }).toContain('n'.repeat(40_000));
  });

  test('the audience switch opens finance operations on the unposted invoice, and support on the dashboard', async () => {
    await page.getByTestId('audience-finance').click();
    await expect.poll(() => page.getByTestId(`unposted-${failedRunId}`).count(), { timeout: 15_000 }).toBe(1);
    expect(await page.getByTestId(`unposted-${failedRunId}`).textContent()).toContain('INV-E2E-FAIL');
    await page.goto(`${server.url}/index.html#/`);
    await expect.poll(() => page.getByTestId('finance').count(), { timeout: 15_000 }).toBe(1); // the first screen follows the choice
    await page.getByTestId('audience-support').click();
    await expect.poll(() => page.getByTestId('dashboard').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => page.getByTestId(`slo-${FLOW}`).getAttribute('data-status'), { timeout: 15_000 }).toBe('breached');
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(shots, 'history-dashboard.png'), fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
