/**
 * The visual mapper's responsiveness figure: a flow whose mapping node maps `mapped` of `fields` source
 * fields onto a target schema of `fields` fields (a fifth of them required), opened in the browser with a
 * pasted input of `fields` fields. Measured in the page with performance.now():
 * - openMs: from the click on "Visual mapper" to the lines drawn;
 * - dropMs: from releasing a drag (pointerup) to the new line in the DOM (print, parse, re-render);
 * - scroll: 40 steps of 180 px of the target tree: the wall time of each step (two frames), and the
 *   main-thread work it caused (React's render and commit, then layout), which is what virtualization keeps small;
 * - rowsInDom: rows rendered for both trees (virtualized: only the rows in view).
 * The lines overlay draws only lines with an end in view; `linesTotal` counts them all.
 */
import type { Page } from 'playwright-core';

export interface WideMappingFigures {
  fields: number;
  /** Lines of the mapping after the drop (the mapped ones plus one). */
  linesTotal: number;
  openMs: number;
  dropMs: number;
  /** Wall time of one scroll step to the second frame after it (includes waiting for frames). */
  scrollFrameMedianMs: number;
  scrollFrameP95Ms: number;
  /** Main-thread work of one scroll step: React's render and commit plus layout, without frame waits. */
  scrollWorkMedianMs: number;
  scrollWorkP95Ms: number;
  rowsInDom: number;
}

/** A flow: manual trigger → transform.jsonata (`mapped` lines `"f<i>": payload.s<i>`) → validate.schema. */
export function wideMappingFlow(fields: number, mapped: number) {
  const entries = Array.from({ length: mapped }, (_, i) => `  "f${i}": payload.s${i}`);
  const properties = Object.fromEntries(Array.from({ length: fields }, (_, i) => [`f${i}`, { type: 'string' }]));
  const required = Array.from({ length: Math.floor(fields / 5) }, (_, i) => `f${i}`);
  return {
    schemaVersion: 1,
    id: 'wide-mapping',
    name: 'Wide mapping (300 fields)',
    nodes: [
      { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
      { id: 'map-wide', type: 'transform.jsonata', typeVersion: 1, position: { x: 260, y: 0 }, config: { expression: `{\n${entries.join(',\n')}\n}` } },
      { id: 'check-wide', type: 'validate.schema', typeVersion: 1, position: { x: 520, y: 0 }, config: { schema: { type: 'object', properties, required } } },
    ],
    edges: [
      { id: 'start-map', source: 'start', sourcePort: 'out', target: 'map-wide', targetPort: 'in' },
      { id: 'map-check', source: 'map-wide', sourcePort: 'out', target: 'check-wide', targetPort: 'in' },
    ],
  };
}

const percentile = (values: number[], p: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

export async function measureWideMapping(page: Page, url: string, flowId: string, fields: number): Promise<WideMappingFigures> {
  await page.goto(`${url}/index.html#/flows/${flowId}`);
  await page.getByTestId('node-map-wide').click();
  await page.getByTestId('open-visual-mapper').waitFor();
  const openMs = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const start = performance.now();
        (document.querySelector('[data-testid="open-visual-mapper"]') as HTMLButtonElement).click();
        const check = () => {
          const lines = document.querySelector('[data-testid="mapping-lines"]');
          if (lines && Number(lines.getAttribute('data-count')) > 0) resolve(performance.now() - start);
          else requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
  );

  const input = Object.fromEntries(Array.from({ length: fields }, (_, i) => [`s${i}`, `value ${i}`]));
  await page.getByTestId('mapping-sample').selectOption('paste');
  await page.getByTestId('mapping-paste').fill(JSON.stringify(input));
  await page.getByTestId('mapping-paste-use').click();
  await page.getByTestId('source-field-payload').waitFor();
  // Bring row 200 of both lists into view (the source list has `payload` above its fields).
  const index = 200;
  // Flow files keep keys sorted, so the schema's fields come in text order (f0, f1, f10, f100…).
  const targetRow = Array.from({ length: fields }, (_, i) => `f${i}`).sort().indexOf(`f${index}`);
  await page.evaluate(
    ({ rows, rowHeight }) => {
      for (const [side, row] of Object.entries(rows)) {
        (document.querySelector(`[data-testid="${side}-tree"]`) as HTMLElement).scrollTop = row * rowHeight - 120;
      }
    },
    { rows: { source: index + 1, target: targetRow }, rowHeight: 26 },
  );
  const source = page.getByTestId(`source-field-payload.s${index}`);
  const target = page.getByTestId(`target-field-f${index}`);
  await source.waitFor();
  await target.waitFor();
  const a = (await source.boundingBox())!;
  const b = (await target.boundingBox())!;
  await page.evaluate((line) => {
    const w = window as unknown as { dropMs?: Promise<number> };
    w.dropMs = new Promise<number>((resolve) => {
      window.addEventListener(
        'pointerup',
        () => {
          const start = performance.now();
          const check = () => (document.querySelector(`[data-testid="line-${line}"]`) ? resolve(performance.now() - start) : requestAnimationFrame(check));
          check();
        },
        { capture: true, once: true },
      );
    });
  }, `f${index}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 5 });
  await page.mouse.up();
  const dropMs = await page.evaluate(() => (window as unknown as { dropMs: Promise<number> }).dropMs);

  const scroll = await page.evaluate(async () => {
    const tree = document.querySelector('[data-testid="target-tree"]') as HTMLElement;
    const nextFrame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve));
    const nextTask = () => new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
    tree.scrollTop = 0;
    await nextFrame();
    await nextFrame();
    const frames: number[] = [];
    const work: number[] = [];
    for (let step = 0; step < 40; step++) {
      const start = performance.now();
      tree.scrollTop += 180;
      await nextFrame(); // the scroll event is dispatched in this frame; React schedules its render
      const rendering = performance.now();
      await nextTask(); // React's scheduler task (posted before this one) has rendered and committed
      void document.body.offsetHeight; // and the browser has laid it out
      work.push(performance.now() - rendering);
      await nextFrame();
      frames.push(performance.now() - start);
    }
    return { frames, work };
  });
  const rowsInDom = await page.locator('[data-testid^="source-field-"], [data-testid^="target-field-"]').count();
  const linesTotal = Number(await page.getByTestId('mapping-lines').getAttribute('data-total'));
  return {
    fields,
    linesTotal,
    openMs: round(openMs),
    dropMs: round(dropMs),
    scrollFrameMedianMs: round(percentile(scroll.frames, 0.5)),
    scrollFrameP95Ms: round(percentile(scroll.frames, 0.95)),
    scrollWorkMedianMs: round(percentile(scroll.work, 0.5)),
    scrollWorkP95Ms: round(percentile(scroll.work, 0.95)),
    rowsInDom,
  };
}
