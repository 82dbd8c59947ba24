/**
 * End to end in a real browser (headless Chromium via playwright-core): the dead-letter queue and connection
 * governance pages, and the retry policy group of the inspector.
 *
 * A variant of stripe-invoice-to-erp without the ERP error edge is published, so an ERP failure parks the run
 * in the dead-letter queue; the ERP stand-in is armed to answer 400 once and an invoice.paid event is posted.
 * The page then finds the letter by its Stripe event id, edits its payload (invalid JSON is flagged as you
 * type), saves it, replays it and shows the replay run, linked, succeeding with the edited payload in the ERP.
 * Other letters are replayed in bulk and discarded with a reason. The `erp` connection is put on hold through
 * the UI: a new event's run waits for it (shown as waiting) and reaches the ERP once it is released.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped without it. Builds the client into dist/client when
 * stale (scripts/build-client.mjs). Screenshots, light and dark, go to test-results/.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { buildClient, CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');

if (!hasChromium) console.warn(`dead-letters.browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it with "apt-get install chromium")`);

const FLOW = 'invoice-dlq';
const HOOK = 'stripe/invoices-dlq';
/** The failing node as the pages name it: by its name in the flow, its id kept in `data-node-id`. */
const ERP_NODE = 'post-invoice';
const ERP_NODE_NAME = invoiceFlow({ id: FLOW, webhookPath: HOOK }).nodes.find((n) => n.id === ERP_NODE)?.name ?? ERP_NODE;


describe.skipIf(!hasChromium)('dead letters and connection governance in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let dark: Page;
  const pageErrors: string[] = [];
  let eventSeq = 0;

  /** Posts a distinct invoice.paid event to the variant flow, the ERP answering `fault` once first. */
  async function postEvent(fault?: number): Promise<{ eventId: string; invoiceId: string; response: Promise<{ status: number }> }> {
    if (fault) expect((await server.call('PUT', '/sandbox/erp/_faults', { status: fault, count: 1 })).status).toBeLessThan(300);
    const event = invoicePaidEvent(`DLQ_${++eventSeq}`);
    return { eventId: event.id, invoiceId: event.data.object.id, response: server.call('POST', `/hooks/${HOOK}`, event) };
  }

  /** Posts an event the ERP refuses with 400, and returns its parked letter's id. */
  async function parkOne(): Promise<{ id: string; eventId: string; invoiceId: string }> {
    const posted = await postEvent(400);
    await posted.response;
    let id: string | undefined;
    await expect
      .poll(async () => {
        const found = await server.call('GET', `/api/dead-letters?search=${posted.eventId}`);
        id = found.body[0]?.id;
        return found.body.length;
      })
      .toBe(1);
    return { id: id!, eventId: posted.eventId, invoiceId: posted.invoiceId };
  }

  async function erpInvoices(): Promise<Array<{ externalId: string; otherRefNum?: string }>> {
    return (await server.call('GET', '/sandbox/erp/invoices')).body.items;
  }

  /** A screenshot of the page, and of the same URL freshly opened in the dark theme. */
  async function shoot(name: string, ready: string): Promise<void> {
    await page.screenshot({ path: join(shots, `${name}.png`) });
    await dark.goto('about:blank');
    await dark.goto(page.url());
    await dark.getByTestId(ready).first().waitFor();
    await dark.waitForTimeout(300);
    await dark.screenshot({ path: join(shots, `${name}-dark.png`) });
  }

  beforeAll(async () => {
    buildClient();
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    const flow = invoiceFlow({ id: FLOW, webhookPath: HOOK, handleErrors: false, retry: { maxAttempts: 1 } });
    expect((await server.call('PUT', `/api/flows/${FLOW}`, flow)).status).toBe(200);
    expect((await server.call('POST', `/api/flows/${FLOW}/publish`, { message: 'ERP failures park in the dead-letter queue' })).status).toBe(201);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
    dark = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: 'dark' });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    dark.on('pageerror', (error) => pageErrors.push(`(dark) ${error.message}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  let letter: { id: string; eventId: string; invoiceId: string };

  test('a refused ERP posting is parked; the header badge counts it and a search by Stripe event id finds it', async () => {
    await parkOne(); // another letter, so the search has something to leave out
    letter = await parkOne();
    expect(await erpInvoices()).toHaveLength(0);

    await page.goto(`${server.url}/index.html#/dead-letters`);
    const badge = page.getByTestId('dead-letter-badge');
    await expect.poll(() => badge.getAttribute('data-count')).toBe('2');
    await expect.poll(() => page.getByTestId('dl-table').locator('tbody tr').count()).toBe(2);

    await page.getByTestId('dl-search').fill(letter.eventId);
    await expect.poll(() => page.getByTestId('dl-table').locator('tbody tr').count()).toBe(1);
    const row = page.getByTestId(`dl-row-${letter.id}`);
    expect(await row.getAttribute('data-status')).toBe('parked');
    await expect.poll(() => row.locator('td').nth(3).innerText()).toBe(ERP_NODE_NAME); // failing node, named once its version is loaded
    expect(await row.locator('td').nth(3).getAttribute('data-node-id')).toBe(ERP_NODE);
    const cells = await row.locator('td').allInnerTexts();
    expect(cells[2]).toContain(FLOW); // flow
    // The error: its status, then the message (the ERP call, or the OAuth token request of the erp profile,
    // whichever the armed fault hit), with an HTTP body's own message in place of the raw JSON.
    expect(cells[4]).toMatch(/^400\s+\S/);
    expect(cells[4]).not.toContain('{"');
    expect(cells[5]).toContain(`stripeEventId ${letter.eventId}`); // business keys
    expect(cells[6]).toMatch(/^\d+ s$/); // age

    await page.getByTestId('dl-search').fill('no-such-key-anywhere');
    await expect.poll(() => page.getByTestId('dl-empty').count()).toBe(1);
    await page.getByTestId('dl-search').fill(letter.eventId);
    await expect.poll(() => page.getByTestId('dl-table').locator('tbody tr').count()).toBe(1);
    await shoot('dead-letters-list', 'dl-table');
  });

  test('the letter opens with its failure, keys and links; the payload is validated as typed, saved, and replayed', async () => {
    await page.getByTestId(`dl-row-${letter.id}`).click();
    await expect.poll(() => page.getByTestId('dl-detail').getAttribute('data-status')).toBe('parked');
    expect(new URL(page.url()).hash).toBe(`#/dead-letters/${letter.id}`);
    await expect.poll(() => page.getByTestId('dl-node').textContent()).toBe(ERP_NODE_NAME);
    expect(await page.getByTestId('dl-node').getAttribute('data-node-id')).toBe(ERP_NODE);
    expect(await page.getByTestId('dl-error').textContent()).toContain('400');
    expect(await page.getByTestId('dl-run-link').getAttribute('href')).toBe(`#/runs/${letter.id}`);
    const stored = (await server.call('GET', `/api/dead-letters/${letter.id}`)).body;
    expect(await page.getByTestId('dl-correlation').textContent()).toBe(stored.correlationId);
    await expect.poll(() => page.getByTestId('dl-input').textContent()).toContain(letter.eventId);

    // Invalid JSON is flagged as you type and blocks save and replay.
    const editor = page.getByTestId('dl-input').locator('.cm-content');
    await editor.click();
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText('{ "id": "evt", ');
    await expect.poll(() => page.getByTestId('dl-json-status').getAttribute('data-valid')).toBe('false');
    expect(await page.getByTestId('dl-json-error').textContent()).toMatch(/JSON/);
    expect(await page.getByTestId('dl-save').isDisabled()).toBe(true);
    expect(await page.getByTestId('dl-replay').isDisabled()).toBe(true);
    await expect.poll(() => page.locator('.cm-lintRange-error, .cm-lintPoint-error').count()).toBeGreaterThan(0);
    await page.screenshot({ path: join(shots, 'dead-letter-invalid-json.png') });

    // The fix: the invoice number the ERP rejected, corrected.
    const edited = structuredClone(stored.input);
    edited.data.object.number = 'FIXED-0001';
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.insertText(JSON.stringify(edited, null, 2));
    await expect.poll(() => page.getByTestId('dl-json-status').getAttribute('data-valid')).toBe('true');
    expect(await page.getByTestId('dl-replay').textContent()).toContain('Save & replay');
    await page.getByTestId('dl-save').click();
    await expect.poll(() => page.getByTestId('dl-json-status').textContent()).toBe('Valid JSON');
    const saved = (await server.call('GET', `/api/dead-letters/${letter.id}`)).body;
    expect(saved.edited).toBe(true);
    expect(saved.input.data.object.number).toBe('FIXED-0001');
    expect(saved.status).toBe('parked');

    await page.getByTestId('dl-replay').click();
    await expect.poll(() => page.getByTestId('dl-detail').getAttribute('data-status')).toBe('replayed');
    const replays = page.getByTestId('dl-replays').locator('li');
    await expect.poll(() => replays.count()).toBe(1);
    await expect.poll(() => replays.first().getAttribute('data-status'), { timeout: 15_000 }).toBe('succeeded');
    const after = (await server.call('GET', `/api/dead-letters/${letter.id}`)).body;
    expect(after.status).toBe('replayed');
    expect(after.replays).toHaveLength(1);
    const replayRunId: string = after.replays[0];
    expect(await replays.first().locator('a').getAttribute('href')).toBe(`#/runs/${replayRunId}`);
    const replayRun = (await server.call('GET', `/api/runs/${replayRunId}`)).body;
    expect(replayRun).toMatchObject({ status: 'succeeded', mode: 'replay', replayOf: letter.id, correlationId: stored.correlationId });

    // Exactly one ERP posting, made from the edited payload.
    const invoices = await erpInvoices();
    expect(invoices).toHaveLength(1);
    expect(invoices[0]).toMatchObject({ externalId: letter.invoiceId, otherRefNum: 'FIXED-0001' });

    // One letter left parked: the badge follows.
    await expect.poll(() => page.getByTestId('dead-letter-badge').getAttribute('data-count')).toBe('1');
    await shoot('dead-letter-replayed', 'dl-replays');

    await replays.first().locator('a').click();
    expect(new URL(page.url()).hash).toBe(`#/runs/${replayRunId}`);
  });

  test('several letters are replayed at once from the list', async () => {
    const more = [await parkOne(), await parkOne()];
    await page.goto(`${server.url}/index.html#/dead-letters`);
    await page.getByTestId('dl-search').fill('');
    await expect.poll(() => page.getByTestId('dl-table').locator('tbody tr').count()).toBe(3);
    for (const { id } of more) await page.getByTestId(`dl-select-${id}`).check();
    expect(await page.getByTestId('replay-selected').getAttribute('data-count')).toBe('2');
    await page.getByTestId('replay-selected').click();
    const notice = page.getByTestId('replay-notice');
    await expect.poll(() => notice.count()).toBe(1);
    expect(await notice.locator('a').count()).toBe(2);
    await expect.poll(() => page.getByTestId('dl-table').locator('tbody tr').count()).toBe(1);
    await shoot('dead-letters-bulk-replay', 'dl-table');
    for (const { id } of more) expect((await server.call('GET', `/api/dead-letters/${id}`)).body.status).toBe('replayed');
    await expect.poll(async () => (await erpInvoices()).length, { timeout: 15_000 }).toBe(3);
  });

  test('a letter is discarded only with a reason', async () => {
    const [left] = (await server.call('GET', '/api/dead-letters?status=parked')).body;
    await page.goto(`${server.url}/index.html#/dead-letters/${left.id}`);
    await page.getByTestId('dl-discard').click();
    const dialog = page.getByTestId('discard-dialog');
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await page.getByTestId('discard-dialog-confirm').isDisabled()).toBe(true);
    await page.getByTestId('discard-reason').fill('no');
    expect(await page.getByTestId('discard-dialog-confirm').isDisabled()).toBe(true);
    await page.getByTestId('discard-reason').fill('Test event, posted by hand in the ERP');
    await page.screenshot({ path: join(shots, 'dead-letter-discard-dialog.png') });
    await page.getByTestId('discard-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('dl-detail').getAttribute('data-status')).toBe('discarded');
    expect(await page.getByTestId('dl-discard-reason').textContent()).toContain('Test event, posted by hand in the ERP');
    expect((await server.call('GET', `/api/dead-letters/${left.id}`)).body).toMatchObject({ status: 'discarded', discardReason: 'Test event, posted by hand in the ERP' });
    await expect.poll(() => page.getByTestId('dead-letter-badge').count()).toBe(0);
  });

  test('the erp connection is put on hold and released through the UI; a run waits for it, then drains', async () => {
    await page.goto(`${server.url}/index.html#/dead-letters`);
    await page.getByTestId('dl-to-operations').click();
    expect(new URL(page.url()).hash).toBe('#/operations');
    const row = page.getByTestId('connection-erp');
    await expect.poll(() => row.getAttribute('data-hold')).toBe('off');
    expect(await row.getAttribute('data-circuit')).toBe('closed');

    await page.getByTestId('hold-erp').click();
    expect(await page.getByTestId('hold-dialog-confirm').isDisabled()).toBe(true);
    await page.getByTestId('hold-reason').fill('ERP maintenance window');
    await page.getByTestId('hold-dialog-confirm').click();
    await expect.poll(() => row.getAttribute('data-hold')).toBe('on');
    expect(await row.getByTestId('hold-state').textContent()).toContain('ERP maintenance window');
    const control = (await server.call('GET', '/api/connections')).body.find((c: { name: string }) => c.name === 'erp');
    expect(control.hold).toMatchObject({ reason: 'ERP maintenance window' });
    expect(control.hold.until).toBeUndefined();

    // A new event's run reaches the ERP call and waits; the page shows it waiting.
    const before = (await erpInvoices()).length;
    const posted = await postEvent();
    await expect.poll(() => row.getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('1');
    expect((await erpInvoices()).length).toBe(before);
    await shoot('connections-on-hold', 'connections-table');

    await page.getByTestId('release-erp').click();
    await expect.poll(() => row.getAttribute('data-hold')).toBe('off');
    expect((await posted.response).status).toBe(202);
    await expect.poll(async () => (await erpInvoices()).length, { timeout: 10_000 }).toBe(before + 1);
    await expect.poll(() => row.getByTestId('waiting').textContent(), { timeout: 10_000 }).toBe('0');
  });

  test('the throttle is set and removed in the limits dialog', async () => {
    const row = page.getByTestId('connection-erp');
    await page.getByTestId('limits-erp').click();
    await page.getByTestId('limits-rps').fill('5');
    await page.getByTestId('limits-dialog-confirm').click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toContain('5 req/s');
    await page.screenshot({ path: join(shots, 'connections-limits.png') });
    await page.getByTestId('limits-erp').click();
    await page.getByTestId('limits-rps').fill('');
    await page.getByTestId('limits-dialog-confirm').click();
    await expect.poll(() => row.locator('td').nth(3).textContent()).toContain('unlimited');
    const erp = (await server.call('GET', '/api/connections')).body.find((c: { name: string }) => c.name === 'erp');
    expect(erp.rps).toBeUndefined();
  });

  test('the retry policy of an HTTP request reads as a summary and edits as a titled group', async () => {
    await page.goto(`${server.url}/index.html#/flows/stripe-invoice-to-erp`);
    await page.getByTestId('node-post-invoice').click();
    const group = page.locator('#root_retry');
    await expect.poll(() => group.count(), { timeout: 15_000 }).toBe(1);
    const summary = page.getByTestId('retry-summary');
    expect(await group.locator('summary').first().textContent()).toContain('Retry policy');
    expect(await summary.textContent()).toBe('3 attempts, 0.5 s → 1 s, honours Retry-After on 429/503');
    await group.locator('summary').first().click();
    await page.locator('#root_retry_maxAttempts').fill('4');
    await expect.poll(() => summary.textContent()).toBe('4 attempts, 0.5 s → 1 s → 2 s, honours Retry-After on 429/503');
    const statuses = page.getByTestId('numbers-root_retry_retryableStatuses');
    expect(await statuses.inputValue()).toBe('408, 425, 429, 500, 502, 503, 504');
    await statuses.fill('500, 5o3');
    await expect.poll(() => group.locator('.lf-field-error').textContent()).toBe('"5o3" is not a whole number');
    await statuses.fill('500, 503');
    await expect.poll(() => summary.textContent()).toBe('4 attempts, 0.5 s → 1 s → 2 s, honours Retry-After on 503');
    await group.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(shots, 'inspector-retry-policy.png') });
    expect(pageErrors).toEqual([]);
  });
});
