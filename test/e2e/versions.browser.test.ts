/**
 * Canvas craft and versions end to end in a real browser (headless Chromium via playwright-core), on the
 * example flow `stripe-invoice-to-erp` (seeded and published as v1 by the test server):
 * - edits through the UI (rename and reconfigure a node in the inspector, drag a node, delete one, add a
 *   sticky note), each undone and redone with the keyboard and the header buttons;
 * - publishes two versions with messages (v2, v3) and opens the diff between them and between v1 and v3:
 *   the canvas colours added / removed / changed / moved nodes, the list shows changed config field by field;
 * - restores v1 as the draft (saved, undoable), exports the draft as a .flow.json file and imports files
 *   (a broken one is refused with JSON paths, a good one replaces the draft);
 * - multi-select, copy in one flow and paste into another, search, auto-layout, the shortcuts overlay and
 *   the dark theme at 1280×800.
 *
 * Needs Debian's chromium at /usr/bin/chromium; skipped without it. Builds the designer into dist/client first
 * when it is missing or older than its sources. Screenshots go to test-results/ (kept as CI artifacts).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { stringifyFlow, loadFlowText } from '../../nodes/sdk/flow.js';
import { registry } from '../../nodes/registry.js';
import { startTestServer, type TestServer } from '../support/ledgerflow.js';
import { buildClient, CHROMIUM, hasChromium, launchChromium } from '../support/browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const shots = join(root, 'test-results');
if (!hasChromium) console.warn(`versions.browser.test.ts skipped: no Chromium at ${CHROMIUM}`);

const FLOW = 'stripe-invoice-to-erp';
const OTHER = 'closed-won-to-subscription';


/** Drags an element by (dx, dy) screen pixels with real mouse events. */
async function dragBy(page: Page, target: Locator, dx: number, dy: number): Promise<void> {
  const box = await target.boundingBox();
  if (!box) throw new Error('drag: element not visible');
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(16, box.height / 2);
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + dx / 2, y + dy / 2, { steps: 6 });
  await page.mouse.move(x + dx, y + dy, { steps: 6 });
  await page.mouse.up();
}

/** The node's position in the flow file the designer would save. */
const position = (page: Page, nodeId: string) =>
  page.evaluate((id) => {
    const node = document.querySelector<HTMLElement>(`.react-flow__node[data-id="${id}"]`);
    return node?.style.transform ?? '';
  }, nodeId);

const nodeName = (page: Page, nodeId: string) => page.getByTestId(`node-${nodeId}`).locator('.lf-node__name').textContent();

describe.skipIf(!hasChromium)('canvas craft and versions in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  /** Clicks an empty spot of the canvas (clears the selection, takes the focus off text fields). */
  const clickPane = async () => {
    const box = (await page.getByTestId('canvas').boundingBox())!;
    await page.mouse.click(box.x + box.width - 60, box.y + 130);
  };

  /** Zoom to fit: every node in view, so drawn (big flows draw only what is in view). */
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

  beforeAll(async () => {
    buildClient();
    await mkdir(shots, { recursive: true });
    server = await startTestServer();
    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // Start from a known layout and theme whatever an earlier run left in localStorage.
    await page.addInitScript(() => {
      if (!sessionStorage.getItem('lf-test-init')) {
        localStorage.clear();
        sessionStorage.setItem('lf-test-init', '1');
      }
    });
  }, 180_000);

  // A failed step leaves a picture of the page behind.
  afterEach(async ({ task }) => {
    if (task.result?.state === 'fail') await page?.screenshot({ path: join(shots, `versions-failed-${task.name.replace(/\W+/g, '-').slice(0, 40)}.png`) });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  test('every edit undoes and redoes: rename, config field, drag (one step), delete, note', async () => {
    await page.goto(`${server.url}/index.html#/flows/${FLOW}`);
    await expect.poll(() => page.getByTestId('node-map-invoice').count(), { timeout: 15_000 }).toBe(1);
    const undo = page.getByTestId('undo');
    const redo = page.getByTestId('redo');
    expect(await undo.isDisabled()).toBe(true);

    // Rename a node in the inspector: the card follows; Ctrl+Z (focus off the field) undoes, Ctrl+Shift+Z redoes.
    await page.getByTestId('node-dedupe-event').click();
    await page.getByTestId('inspector-name').fill('Once per event id');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per event id');
    await clickPane();
    await page.keyboard.press('Control+z');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per Stripe event');
    await page.keyboard.press('Control+Shift+z');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per event id');

    // A config field generated from the node's schema.
    await page.getByTestId('node-dedupe-event').click();
    await page.locator('#root_keyName').fill('stripeEvent');
    await clickPane();
    await undo.click();
    await page.getByTestId('node-dedupe-event').click();
    expect(await page.locator('#root_keyName').inputValue()).toBe('stripeEventId');
    await redo.click();
    expect(await page.locator('#root_keyName').inputValue()).toBe('stripeEvent');

    // A drag is one undo step, however many frames it took.
    await clickPane();
    const before = await position(page, 'respond-accepted');
    await dragBy(page, page.getByTestId('node-respond-accepted'), 0, 90);
    const moved = await position(page, 'respond-accepted');
    expect(moved).not.toBe(before);
    await clickPane();
    await page.keyboard.press('Control+z');
    expect(await position(page, 'respond-accepted')).toBe(before);
    await page.keyboard.press('Control+y');
    expect(await position(page, 'respond-accepted')).toBe(moved);

    // Delete a node with its edges; undo restores both.
    await page.getByTestId('node-respond-erp-failed').click();
    await page.keyboard.press('Delete');
    await expect.poll(() => page.getByTestId('node-respond-erp-failed').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('node-respond-erp-failed').count()).toBe(1);
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => page.getByTestId('node-respond-erp-failed').count()).toBe(0);

    // A sticky note: N adds one, double-click to write.
    await clickPane();
    await page.keyboard.press('n');
    const note = page.getByTestId('note-note-1');
    await expect.poll(() => note.count()).toBe(1);
    await note.dblclick();
    await page.getByTestId('note-editor').fill('Amounts are integer cents until the ERP mapping divides them by 100.');
    await clickPane();
    await page.screenshot({ path: join(shots, 'versions-edited.png') });
    expect(await note.textContent()).toContain('integer cents');
  });

  test('publishes two versions with messages; the versions tab lists them', async () => {
    await publish('Rename the event guard, key by event', 2);
    // v3: the mapping node renamed, the manual trigger moved.
    await page.getByTestId('node-map-invoice').click();
    await page.getByTestId('inspector-name').fill('Map to ERP invoice');
    await clickPane();
    await fit();
    await dragBy(page, page.getByTestId('node-test-run'), 0, 70);
    await publish('Shorter mapping name', 3);

    await page.getByTestId('tab-versions').click();
    await expect.poll(() => page.getByTestId('version-list').locator('tbody tr').count()).toBe(3);
    const rows = await page.getByTestId('version-list').locator('tbody tr').allTextContents();
    expect(rows[0]).toContain('v3');
    expect(rows[0]).toContain('Shorter mapping name');
    expect(rows[1]).toContain('Rename the event guard');
    const listed = await server.call('GET', `/api/flows/${FLOW}/versions`);
    expect(listed.body.map((v: { version: number }) => v.version)).toEqual([1, 2, 3]);
  });

  test('shows the diff between two versions: coloured canvas and changed config field by field', async () => {
    await page.getByTestId('compare-3').click();
    const dialog = page.getByTestId('diff-dialog');
    await expect.poll(() => dialog.count()).toBe(1);
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain('1 changed');
    expect(await page.getByTestId('diff-summary').textContent()).toContain('1 moved');
    expect(await page.getByTestId('diff-node-map-invoice').getAttribute('data-change')).toBe('changed');
    expect(await page.getByTestId('diff-node-test-run').getAttribute('data-change')).toBe('moved');
    expect(await page.getByTestId('diff-ghost-test-run').count()).toBe(1);
    expect(await page.getByTestId('diff-node-post-invoice').getAttribute('data-change')).toBe('unchanged');
    const nameChange = page.getByTestId('change-map-invoice').locator('xpath=..').getByTestId('field-name');
    expect(await nameChange.textContent()).toContain('"Map to NetSuite invoice"');
    expect(await nameChange.textContent()).toContain('"Map to ERP invoice"');
    await page.screenshot({ path: join(shots, 'versions-diff-v2-v3.png') });

    // v1 → v3: the removed failure reply, the added note, and the guard's config field by field.
    await page.getByTestId('diff-from').selectOption('1');
    await expect.poll(() => page.getByTestId('diff-summary').textContent()).toContain('1 removed');
    expect(await page.getByTestId('diff-node-respond-erp-failed').getAttribute('data-change')).toBe('removed');
    expect(await page.getByTestId('diff-node-dedupe-event').getAttribute('data-change')).toBe('changed');
    await page.getByTestId('change-dedupe-event').click();
    const guard = page.getByTestId('change-dedupe-event').locator('xpath=..');
    expect(await guard.getByTestId('field-config.keyName').textContent()).toMatch(/"stripeEventId".*"stripeEvent"/);
    expect(await guard.getByTestId('field-name').textContent()).toContain('"Once per event id"');
    expect(await page.getByTestId('edge-change-removed').count()).toBeGreaterThanOrEqual(1);
    expect(await page.getByTestId('change-list').textContent()).toContain('integer cents');
    await page.screenshot({ path: join(shots, 'versions-diff-v1-v3.png') });
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.count()).toBe(0);
  });

  test('restores v1 as a new draft (saved, undoable)', async () => {
    await page.getByTestId('restore-1').click();
    await expect.poll(() => page.getByTestId('versions-notice').textContent()).toContain('The draft is now v1');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per Stripe event');
    await expect.poll(() => page.getByTestId('node-respond-erp-failed').count()).toBe(1);
    const [draft, v1] = await Promise.all([server.call('GET', `/api/flows/${FLOW}`), server.call('GET', `/api/flows/${FLOW}/versions/1`)]);
    expect(draft.body.flow).toEqual(v1.body.flow);
    await clickPane();
    await page.keyboard.press('Control+z');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per event id');
    await page.keyboard.press('Control+Shift+z');
    expect(await nodeName(page, 'dedupe-event')).toBe('Once per Stripe event');
  });

  test('exports the draft as a .flow.json file and imports files (errors with JSON paths)', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-draft').click()]);
    expect(download.suggestedFilename()).toBe(`${FLOW}.flow.json`);
    const text = await readFile((await download.path())!, 'utf8');
    const exported = loadFlowText(text, registry);
    expect(stringifyFlow(exported)).toBe(text);
    expect(exported.nodes.find((n) => n.id === 'dedupe-event')?.name).toBe('Once per Stripe event');

    // A broken file is refused, every error with its JSON path.
    const broken = join(shots, 'broken.flow.json');
    await writeFile(broken, JSON.stringify({ ...exported, nodes: [{ ...exported.nodes[0], position: { x: 'left' } }, ...exported.nodes.slice(1)] }));
    await page.getByTestId('import-open').click();
    await page.getByTestId('import-file').setInputFiles(broken);
    await expect.poll(() => page.getByTestId('import-refused').count()).toBe(1);
    const errors = await page.getByTestId('import-errors').textContent();
    expect(errors).toContain('nodes[0].position.x');
    expect(errors).toContain('nodes[0].position.y');
    expect(await page.getByTestId('import-confirm').isDisabled()).toBe(true);
    await page.waitForTimeout(200); // the dialog's fade-in
    await page.screenshot({ path: join(shots, 'versions-import-refused.png') });

    // A good file (another id, an edge to a missing port) replaces the draft; its problem is listed first.
    const good = join(shots, 'imported.flow.json');
    const imported = {
      ...exported,
      id: 'elsewhere',
      name: 'Imported invoice flow',
      edges: [...exported.edges, { id: 'e1-case', source: 'map-invoice', sourcePort: 'amount_paid', target: 'post-invoice', targetPort: 'in' }],
    };
    await writeFile(good, stringifyFlow(imported));
    await page.getByTestId('import-file').setInputFiles(good);
    await expect.poll(() => page.getByTestId('import-summary').textContent()).toContain('Imported invoice flow');
    expect(await page.getByTestId('import-warnings').textContent()).toContain('edges[');
    await page.getByTestId('import-confirm').click();
    await expect.poll(() => page.getByTestId('flow-name').inputValue()).toBe('Imported invoice flow');
    await expect.poll(() => page.getByTestId('edge-broken-e1-case').count()).toBe(1);
    await expect.poll(async () => (await server.call('GET', `/api/flows/${FLOW}`)).body.flow.name).toBe('Imported invoice flow');
    await clickPane();
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.getByTestId('flow-name').inputValue()).toBe('Stripe invoice → ERP invoice');
  });

  test('multi-select, copy into another flow, search, auto-layout, shortcuts, dark theme', async () => {
    await page.getByTestId('node-map-invoice').click();
    await page.getByTestId('node-validate-invoice').click({ modifiers: ['Shift'] });
    await expect.poll(() => page.getByTestId('selection-summary').textContent()).toContain('2 nodes selected');
    await page.keyboard.press('Control+c');
    await page.getByTestId('save').click();
    await expect.poll(() => page.getByTestId('save-status').getAttribute('data-status')).toBe('saved');

    await page.goto(`${server.url}/index.html#/flows/${OTHER}`);
    // The minimap draws every node (the canvas only those in view).
    const nodeCount = () => page.locator('.react-flow__minimap-node').count();
    await expect.poll(nodeCount, { timeout: 15_000 }).toBeGreaterThan(1);
    const count = await nodeCount();
    await clickPane();
    await page.keyboard.press('Control+v');
    await expect.poll(nodeCount).toBe(count + 2);
    expect(await page.getByTestId('node-map-invoice').count()).toBe(1);
    expect(await page.getByTestId('rf__edge-e-map-invoice-out-validate-invoice').count()).toBe(1);
    await page.keyboard.press('Control+z');
    await expect.poll(nodeCount).toBe(count);
    await page.keyboard.press('Control+Shift+z');

    // Box select: Shift+drag around the two pasted nodes selects both.
    await clickPane();
    const a = (await page.getByTestId('node-map-invoice').boundingBox())!;
    const b = (await page.getByTestId('node-validate-invoice').boundingBox())!;
    await page.keyboard.down('Shift');
    await page.mouse.move(Math.min(a.x, b.x) - 12, Math.min(a.y, b.y) - 12);
    await page.mouse.down();
    await page.mouse.move(Math.max(a.x + a.width, b.x + b.width) - 20, Math.max(a.y + a.height, b.y + b.height) - 10, { steps: 8 });
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect.poll(() => page.locator('[data-testid="node-map-invoice"].lf-node--selected, [data-testid="node-validate-invoice"].lf-node--selected').count()).toBe(2);
    await page.screenshot({ path: join(shots, 'versions-box-select.png') });

    // Search by type: matches are highlighted, Enter zooms to the first.
    await page.keyboard.press('Control+f');
    await page.getByTestId('node-search-input').fill('jsonata');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('node-search-count').textContent()).toMatch(/^1 of \d+/);
    expect(await page.locator('[data-search="current"]').count()).toBe(1);
    await page.screenshot({ path: join(shots, 'versions-search.png') });
    await page.keyboard.press('Escape');

    // Auto-layout is one undo step.
    await fit();
    const drawn = await position(page, 'map-invoice');
    await page.getByTestId('tool-layout').click();
    await expect.poll(() => position(page, 'map-invoice'), { timeout: 10_000 }).not.toBe(drawn);
    await clickPane();
    await page.keyboard.press('Control+z');
    await fit();
    await expect.poll(() => position(page, 'map-invoice')).toBe(drawn);

    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('shortcuts-help').textContent()).toContain('Auto-layout');
    await page.screenshot({ path: join(shots, 'versions-shortcuts.png') });
    await page.keyboard.press('Escape');
    expect(await page.getByTestId('shortcuts-help').count()).toBe(0);

    await page.getByTestId('theme-toggle').click(); // system → light
    await page.getByTestId('theme-toggle').click(); // light → dark
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByTestId('tool-fit').click();
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(shots, 'versions-dark-1280.png') });
    expect(pageErrors).toEqual([]);
  });
});
