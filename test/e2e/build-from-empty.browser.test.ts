/**
 * Issue 3's acceptance test, in a real browser (headless Chromium via playwright-core, 1280×800): an analyst
 * builds the Stripe-invoice → ERP flow from an empty canvas through the UI only.
 *
 * 1. creates a new flow from the flow list (it starts with one Manual start node);
 * 2. drags a Webhook trigger, an Idempotent consumer, a Map (JSONata), a Validate, an HTTP request and a
 *    Respond from the palette onto the canvas, and connects their ports by dragging between handles;
 * 3. configures the nodes in their schema forms (webhook path, consumer key, Validate's JSON Schema, the HTTP
 *    request's URL /sandbox/erp/invoices and connection erp);
 * 4. builds the mapping in the visual mapper: the invoice.paid fixture as source, the NetSuite example payload
 *    (test/fixtures/netsuite/invoice.post-request.json `_body`) as target, lines drawn by dragging source
 *    fields onto target fields (externalId, otherRefNum, memo, the lines → item.items list and fields of
 *    each line), a line function (money from minor units) and constants written in a field's code; the
 *    live preview shows the ERP payload;
 * 5. publishes v1, runs it on the invoice.paid fixture: every executed node turns green and the ERP stand-in
 *    (GET /sandbox/erp/invoices) holds the invoice;
 * 6. undoes and redoes an edit with Ctrl+Z / Ctrl+Shift+Z (canvas card and inspector follow);
 * 7. publishes v2 and opens the diff between v1 and v2, which lists the change field by field.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped without it. Builds dist/client first when stale
 * (scripts/build-client.mjs). Screenshots of every stage go to test-results/build-*.png.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { buildClient, CHROMIUM, dragBetween, hasChromium, launchChromium, replaceCode } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
if (!hasChromium) console.warn(`build-from-empty.browser.test.ts skipped: no Chromium at ${CHROMIUM} (install it with "apt-get install chromium")`);

const FLOW = 'stripe-invoice-to-erp-built';
const FLOW_NAME = 'Stripe invoice to ERP (built)';
const SAMPLE = 'stripe/invoice.paid.proration';
const INVOICE = 'in_FAKE0000000000000002';




describe.skipIf(!hasChromium)('building stripe-invoice-to-erp from an empty canvas in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const shot = (name: string) => page.screenshot({ path: join(shots, `build-${name}.png`) });
  const node = (id: string) => page.getByTestId(`node-${id}`);
  const handle = (id: string, kind: 'source' | 'target', port: string) => node(id).locator(`.react-flow__handle.${kind}[data-handleid="${port}"]`);

  /** Clicks an empty spot of the canvas (clears the selection, takes the focus off text fields). */
  const clickPane = async () => {
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width / 2, box.y + 24);
  };

  const fit = async () => {
    await page.getByTestId('tool-fit').click();
    await page.waitForTimeout(350);
  };

  const publish = async (message: string, version: number) => {
    await page.getByTestId('publish').click();
    await page.getByTestId('publish-message').fill(message);
    await page.getByTestId('publish-confirm').click();
    await expect.poll(() => page.getByTestId('save-status').textContent(), { timeout: 10_000 }).toContain(`Published v${version}`);
  };

  /** The canvas's pan and zoom (React Flow's viewport transform). */
  const viewport = async () => {
    const transform = await page.locator('.react-flow__viewport').evaluate((e) => (e as HTMLElement).style.transform);
    const match = /translate\(([-\d.]+)px, ([-\d.]+)px\) scale\(([\d.]+)\)/.exec(transform);
    if (!match) throw new Error(`unexpected viewport transform ${transform}`);
    return { x: Number(match[1]), y: Number(match[2]), zoom: Number(match[3]) };
  };

  /**
   * Drags a palette item onto the canvas so that the new node's top-left corner lands at (x, y) in flow
   * coordinates (the canvas places a dropped node 100 × 30 flow units up-left of the drop point).
   */
  const dropFromPalette = async (type: string, id: string, x: number, y: number) => {
    const canvas = page.getByTestId('canvas');
    const box = (await canvas.boundingBox())!;
    const view = await viewport();
    const targetPosition = { x: view.x + (x + 100) * view.zoom, y: view.y + (y + 30) * view.zoom };
    expect(targetPosition.x).toBeGreaterThan(0);
    expect(targetPosition.x).toBeLessThan(box.width);
    expect(targetPosition.y).toBeGreaterThan(0);
    expect(targetPosition.y).toBeLessThan(box.height);
    await page.getByTestId(`palette-${type}`).dragTo(canvas, { targetPosition });
    await expect.poll(() => node(id).count()).toBe(1);
    expect(await node(id).getAttribute('data-type')).toBe(type);
    return node(id);
  };

  const connect = async (source: string, target: string, sourcePort = 'out', targetPort = 'in') => {
    await dragBetween(page, handle(source, 'source', sourcePort), handle(target, 'target', targetPort));
    await expect.poll(() => page.getByTestId(`rf__edge-e-${source}-${sourcePort}-${target}`).count()).toBe(1);
  };

  beforeAll(async () => {
    buildClient();
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    // The analyst works with the palette's names showing (at 1280 px it starts as an icon rail).
    await page.addInitScript(() => localStorage.setItem('ledgerflow.layout', JSON.stringify({ paletteCollapsed: false })));
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 180_000);

  // A failed step leaves a picture of the page behind.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page?.screenshot({ path: join(shots, `build-failed-${task.name.replace(/\W+/g, '-').slice(0, 40)}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('creates a new flow from the flow list: an empty canvas with a Manual start', async () => {
    await page.goto(`${server.url}/index.html#/`);
    await page.getByTestId('new-flow').click();
    await page.getByTestId('new-flow-name').fill(FLOW_NAME);
    await page.getByTestId('new-flow-id').fill(FLOW);
    await shot('01-new-flow');
    await page.getByTestId('create-flow').click();
    await expect.poll(() => page.getByTestId('designer').count(), { timeout: 15_000 }).toBe(1);
    await expect.poll(() => node('start').count()).toBe(1);
    expect(await page.locator('.react-flow__node').count()).toBe(1);
    expect(await page.locator('.react-flow__edge').count()).toBe(0);
    expect(await page.getByTestId('flow-name').inputValue()).toBe(FLOW_NAME);
    await shot('02-empty-canvas');
  });

  test('drags the nodes from the palette and connects their ports', async () => {
    // Room for seven cards: zoom out with the canvas controls, then pan the Start node to the left edge.
    for (let i = 0; i < 4; i++) await page.locator('.react-flow__controls-zoomout').click();
    const start = (await node('start').boundingBox())!;
    const canvasBox = (await page.getByTestId('canvas').boundingBox())!;
    const from = { x: canvasBox.x + canvasBox.width / 2, y: canvasBox.y + canvasBox.height - 40 };
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(from.x - (start.x - canvasBox.x - 40) / 2, from.y - 20, { steps: 5 });
    await page.mouse.move(from.x - (start.x - canvasBox.x - 40), from.y - (start.y - canvasBox.y - 200), { steps: 5 });
    await page.mouse.up();
    expect((await viewport()).zoom).toBeLessThan(0.6);

    // Two rows (they fit beside a full palette and the inspector at 1280 px): triggers → guard → map, then
    // validate → post → reply.
    await dropFromPalette('trigger.webhook', 'webhook', 0, -180);
    await dropFromPalette('guard.idempotentConsumer', 'idempotentConsumer', 260, -90);
    await dropFromPalette('transform.jsonata', 'jsonata', 520, -90);
    await dropFromPalette('validate.schema', 'schema', 260, 200);
    await dropFromPalette('http.request', 'request', 520, 200);
    await dropFromPalette('respond', 'respond', 780, 200);
    expect(await page.locator('.react-flow__node').count()).toBe(7);
    await shot('03-dropped');

    await connect('start', 'idempotentConsumer');
    await connect('webhook', 'idempotentConsumer');
    await connect('idempotentConsumer', 'jsonata');
    await connect('jsonata', 'schema');
    await connect('schema', 'request');
    await connect('request', 'respond');
    expect(await page.locator('.react-flow__edge').count()).toBe(6);
    await clickPane();
    await shot('04-connected');
  });

  test('configures the nodes in their schema forms: webhook path, consumer key, Validate schema, HTTP URL and connection', async () => {
    await node('webhook').click();
    await page.locator('#root_path').fill('stripe/invoices-built');

    await node('idempotentConsumer').click();
    await replaceCode(page, page.getByTestId('jsonata-root_key'), 'payload.id');
    await page.locator('#root_keyName').fill('stripeEventId');

    // Validate: a small JSON Schema of what the ERP needs (an external id, a customer, a list of lines).
    await node('schema').click();
    await replaceCode(
      page,
      page.getByTestId('json-root_schema'),
      JSON.stringify({
        type: 'object',
        required: ['externalId', 'entity', 'item'],
        properties: {
          externalId: { type: 'string', minLength: 1 },
          entity: { type: 'object', required: ['id'] },
          item: { type: 'object', required: ['items'], properties: { items: { type: 'array', minItems: 1 } } },
        },
      }),
    );

    await node('request').click();
    await page.locator('#root_url').fill('/sandbox/erp/invoices');
    await page.locator('#root_connection').fill('erp');
    expect(await page.locator('#root_method option:checked').textContent()).toBe('POST');
    await clickPane();
    await expect.poll(() => page.getByTestId('issue-count').getAttribute('data-count')).toBe('0');
    await shot('05-configured');
  });

  test('maps the invoice by dragging fields in the visual mapper; the preview shows the ERP payload', async () => {
    const expression = () => page.getByTestId('mapping-expression').locator('.cm-content');
    const output = () => page.getByTestId('mapping-output');
    const line = (target: string) => page.getByTestId(`line-${target}`);
    const sourceFilter = page.getByPlaceholder('Filter source fields');
    const targetFilter = page.getByPlaceholder('Filter target fields');
    /** Drags a source field onto a target field (both filtered into view) and waits for the line. */
    const drawLine = async (source: string, target: string) => {
      await sourceFilter.fill(source.split('.').pop()!);
      await targetFilter.fill(target.split('.').pop()!);
      await dragBetween(page, page.getByTestId(`source-field-${source}`), page.getByTestId(`target-field-${target}`));
      await expect.poll(() => line(target).getAttribute('data-source')).toBe(source);
    };
    /** Writes a target field's code in its menu (constants the source does not hold). */
    const setCode = async (target: string, code: string) => {
      await targetFilter.fill(target.split('.').pop()!);
      await page.getByTestId(`target-menu-${target}`).click();
      await page.getByTestId('line-code').fill(code);
      await page.getByTestId('line-code-apply').click();
    };

    await node('jsonata').click();
    await page.getByTestId('open-visual-mapper').click();
    await expect.poll(() => page.getByTestId('visual-mapper').count()).toBe(1);
    await page.getByTestId('mapping-sample').selectOption(`fixture:${SAMPLE}`);
    await page.getByTestId('mapping-target').selectOption('example:netsuite/invoice.post-request');
    await expect.poll(() => page.getByTestId('source-field-payload.data.object.id').count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByTestId('target-field-externalId').count()).toBe(1);
    expect(await page.getByTestId('mapping-lines').getAttribute('data-total')).toBe('0');
    await shot('06-mapper-empty');

    await drawLine('payload.data.object.id', 'externalId');
    await expect.poll(() => expression().textContent()).toContain('"externalId": payload.data.object.id');
    await drawLine('payload.data.object.number', 'otherRefNum');
    await drawLine('payload.data.object.number', 'memo');
    // A list onto a list maps each item; fields of an item then map inside it.
    await drawLine('payload.data.object.lines.data', 'item.items');
    await drawLine('payload.data.object.lines.data.description', 'item.items.description');
    await drawLine('payload.data.object.lines.data.quantity', 'item.items.quantity');
    await drawLine('payload.data.object.lines.data.amount', 'item.items.amount');
    await targetFilter.fill('amount');
    await page.getByTestId('target-menu-item.items.amount').click();
    await page.getByTestId('line-fn-money').click();
    await expect.poll(() => page.getByTestId('target-field-item.items.amount').textContent()).toContain('ƒ fromMinorUnits');
    // Constants: the ERP customer of the Stripe customer and the ERP item of the product.
    await setCode('entity.id', '"4321"');
    await setCode('item.items.item.id', '"86"');
    await sourceFilter.fill('');
    await targetFilter.fill('');

    // The preview is re-evaluated after each edit: wait until it shows the last ones (the two constants).
    const settled = async () => {
      try {
        const shown = JSON.parse((await output().textContent())!);
        return shown.externalId === INVOICE && shown.entity?.id === '4321' && shown.item?.items?.every((l: { item?: { id?: string } }) => l.item?.id === '86');
      } catch {
        return false; // mid-update
      }
    };
    await expect.poll(settled, { timeout: 10_000 }).toBe(true);
    const preview = JSON.parse((await output().textContent())!);
    expect(preview).toMatchObject({
      externalId: INVOICE,
      otherRefNum: 'FAKE0001-0002',
      entity: { id: '4321' },
      item: {
        items: [
          { item: { id: '86' }, quantity: 5, amount: -126.45 },
          { item: { id: '86' }, quantity: 8, amount: 202.32 },
        ],
      },
    });
    expect(preview.memo).toBe('FAKE0001-0002');
    await expect.poll(() => page.getByTestId('mapping-matches').textContent()).toContain('netsuite/invoice.post-request');
    expect(await page.getByTestId('mapping-problems').count()).toBe(0);
    expect(Number(await page.getByTestId('mapping-lines').getAttribute('data-total'))).toBeGreaterThanOrEqual(7);
    await shot('07-mapper-mapped');
    await page.getByTestId('mapping-done').click();
    await expect.poll(() => page.getByTestId('visual-mapper').count()).toBe(0);
    expect(await page.getByTestId('jsonata-root_expression').textContent()).toContain('externalId');
    await clickPane();
    expect(pageErrors).toEqual([]);
  });

  test('publishes v1 and runs it on the invoice.paid fixture: every executed node green, the ERP holds the invoice', async () => {
    await publish('Stripe invoice to ERP, built from an empty canvas', 1);
    await page.getByTestId('sample-select').selectOption(SAMPLE);
    await expect.poll(() => page.getByTestId('run-input').textContent()).toContain('evt_FAKE0000000000000004');
    await page.getByTestId('run').click();
    const runStatus = page.getByTestId('run-status');
    await expect.poll(() => runStatus.getAttribute('data-status'), { timeout: 20_000 }).toBe('succeeded');
    const runId = await runStatus.getAttribute('data-run-id');
    const record = await server.call('GET', `/api/runs/${runId}`);
    expect(record.body.status).toBe('succeeded');
    const ran = new Set<string>(record.body.steps.map((step: { nodeId: string }) => step.nodeId));
    expect([...ran].sort()).toEqual(['idempotentConsumer', 'jsonata', 'request', 'respond', 'schema', 'start']);

    // Every node that ran is green; the webhook trigger of a manual run was never reached.
    const statuses = async () =>
      Object.fromEntries(
        await page.locator('.react-flow__node [data-status]').evaluateAll((elements) =>
          elements.map((e) => [e.getAttribute('data-testid')!.slice('node-'.length), e.getAttribute('data-status')] as const),
        ),
      );
    await expect
      .poll(statuses)
      .toEqual({ start: 'succeeded', webhook: 'skipped', idempotentConsumer: 'succeeded', jsonata: 'succeeded', schema: 'succeeded', request: 'succeeded', respond: 'succeeded' });
    await node('request').click();
    await expect.poll(() => page.getByTestId('inspector-io').count()).toBe(1);
    await fit();
    await shot('08-run-green');

    const erp = await server.call('GET', '/sandbox/erp/invoices');
    expect(erp.status).toBe(200);
    expect(erp.body.items).toHaveLength(1);
    const stored = await server.call('GET', `/sandbox/erp/invoices/${erp.body.items[0].id}`);
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ externalId: INVOICE, otherRefNum: 'FAKE0001-0002', entity: { id: '4321' } });
    expect(stored.body.item.items.map((l: { amount: number }) => l.amount)).toEqual([-126.45, 202.32]);
    expect(stored.body.total).toBe(75.87);
  });

  test('undoes and redoes an edit with Ctrl+Z / Ctrl+Shift+Z: the card and the inspector follow', async () => {
    const name = () => node('respond').locator('.lf-node__name').textContent();
    const status = () => page.locator('#root_status').inputValue();
    await node('respond').click();
    expect(await name()).toBe('Respond');
    await page.getByTestId('inspector-name').fill('Reply to Stripe');
    await page.locator('#root_status').fill('202');
    expect(await name()).toBe('Reply to Stripe');
    await node('respond').click(); // the focus off the fields: the keys undo the flow edits, not the text
    await shot('09-edited');

    await page.keyboard.press('Control+z');
    await expect.poll(status).toBe('200');
    expect(await name()).toBe('Reply to Stripe');
    await page.keyboard.press('Control+z');
    await expect.poll(name).toBe('Respond');
    expect(await page.getByTestId('inspector-name').inputValue()).toBe('');
    await shot('10-undone');

    await page.keyboard.press('Control+Shift+z');
    await expect.poll(name).toBe('Reply to Stripe');
    expect(await page.getByTestId('inspector-name').inputValue()).toBe('Reply to Stripe');
    expect(await status()).toBe('200');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(status).toBe('202');
    await shot('11-redone');
  });

  test('publishes v2 and shows the diff between v1 and v2, listing the change field by field', async () => {
    await clickPane();
    await publish('Answer 202 from the renamed reply', 2);
    await page.getByTestId('tab-versions').click();
    await expect.poll(() => page.getByTestId('version-list').locator('tbody tr').count()).toBe(2);
    const rows = await page.getByTestId('version-list').locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('v2');
    expect(rows[0]).toContain('Answer 202 from the renamed reply');
    expect(rows[1]).toContain('built from an empty canvas');

    await page.getByTestId('compare-2').click();
    await expect.poll(() => page.getByTestId('diff-dialog').count()).toBe(1);
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain('1 changed');
    expect(await page.getByTestId('diff-node-respond').getAttribute('data-change')).toBe('changed');
    expect(await page.getByTestId('diff-node-jsonata').getAttribute('data-change')).toBe('unchanged');
    const change = page.getByTestId('change-respond').locator('xpath=..');
    expect(await change.getByTestId('field-name').textContent()).toContain('"Reply to Stripe"');
    expect(await change.getByTestId('field-config.status').textContent()).toMatch(/\(not set\).*202/); // 200 was the default, left implicit in v1
    // Only what was edited: the form's defaults of the untouched fields (body, headers) are not listed as changes.
    expect(await change.locator('[data-testid^="field-"]').evaluateAll((fields) => fields.map((f) => f.getAttribute('data-testid')))).toEqual([
      'field-name',
      'field-config.status',
    ]);
    await shot('12-diff-v1-v2');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('diff-dialog').count()).toBe(0);

    const listed = await server.call('GET', `/api/flows/${FLOW}/versions`);
    expect(listed.body.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    expect(pageErrors).toEqual([]);
  });
});
