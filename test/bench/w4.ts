/**
 * W4 — the editor (/work/shared/bench/README.md): a generated 500-node, 600-edge flow (generate-flow.ts) in
 * headless Chromium at 1280×800.
 *
 * The designer is built twice into a temp folder: the production build (load, pan, zoom to fit are timed
 * on it) and a profiling build (`VITE_LF_PROFILE=1`: React's profiling build, every node card inside a
 * <Profiler> that counts its renders on `window.__lfNodeRenders`, client/src/canvas/renderProbe.tsx). Each
 * is served by a Ledgerflow server in this process on a fresh temp data folder.
 *
 * Figures:
 * - `interactive_ms`: opening the flow in the designer: from the click on its row in the flow list until the
 *   frame after the canvas is drawn (every node in view in the page and measured by React Flow:
 *   `performance.mark('lf:canvas-ready')`, then two animation frames). A flow too big to read fitted opens at
 *   70 % on its start and only the nodes in view are drawn (client/src/canvas/openingView.ts).
 * - `interactive_cold_ms`: the same from a cold page load straight on the flow's URL (navigation start: the
 *   app's code is downloaded and compiled too).
 *   Both are medians of `BENCH_W4_LOADS` loads (default 3), each in a fresh browser context (cold HTTP cache),
 *   after one warm-up load. The table adds both for a 10-node flow (what opening any flow costs on this
 *   machine), the first click on a node (until it shows as selected) and zoom to fit (until all 500 nodes
 *   are drawn).
 * - `rerenders_per_drag_frame`: while one node is dragged (mouse moves every 8 ms, as a 120 Hz mouse), the
 *   most node components rendered in one animation frame (React Profiler); the table adds the mean and how
 *   many distinct nodes rendered at all.
 * - `pan_frame_ms`, `pan_frame_p95_ms`: animation frame intervals while the canvas is panned (Space + drag).
 *
 * Targets (issue 3): interactive < 1000 ms, ≤ 3 node components per drag frame. The machines are shared:
 * the table prints the load average, and figures drift with it.
 * Environment: BENCH_W4_NODES (500), BENCH_W4_EDGES (600), BENCH_W4_LOADS (3), CHROMIUM (/usr/bin/chromium),
 * BENCH_KEEP_DATA=1 (keep the temp folder).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { createLedgerflow } from '../../server/app.js';
import { generateBigFlow } from './generate-flow.js';
import { projectRoot, round, table, type BenchContext, type Figure, type Workload, type WorkloadResult } from './lib.js';

const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'];
const VIEWPORT = { width: 1280, height: 800 };
const FLOW_ID = 'w4-big-flow';
const SMALL_ID = 'w4-small-flow';

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);

/** Records, in the page, the frame after the canvas-ready mark and every long task. */
const PROBE = () => {
  const w = window as unknown as { __lfInteractiveAt?: number; __lfLongTasks?: number[] };
  w.__lfLongTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.name !== 'lf:canvas-ready') continue;
      requestAnimationFrame(() => requestAnimationFrame(() => (w.__lfInteractiveAt = performance.now())));
    }
  }).observe({ type: 'mark', buffered: true });
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) w.__lfLongTasks!.push(Math.round(entry.duration));
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task timing in this browser
  }
};

interface LoadResult {
  interactiveMs: number;
  nodesDrawn: number;
  clickMs: number;
  longTasks: number[];
}

/**
 * Opens a flow in a fresh browser context (cold HTTP cache). `list`: the flow list is loaded first and the
 * flow is opened by clicking its row, timed from the click (opening a flow in the running designer);
 * `url`: the page is loaded straight on the flow's URL, timed from navigation start (a cold start).
 */
async function openFlow(browser: Browser, url: string, how: 'list' | 'url', flowId = FLOW_ID): Promise<{ page: Page; result: LoadResult; close(): Promise<void> }> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await page.addInitScript(PROBE);
  if (how === 'list') {
    await page.goto(`${url}/index.html#/`);
    await page.getByTestId(`flow-${flowId}`).waitFor();
    await page.waitForTimeout(300); // the list page settles
    await page.evaluate(`(() => { window.__lfOpenAt = performance.now(); document.querySelector('[data-testid="flow-${flowId}"]').click(); })()`);
  } else {
    await page.goto(`${url}/index.html#/flows/${flowId}`);
  }
  await page.waitForFunction(() => (window as unknown as { __lfInteractiveAt?: number }).__lfInteractiveAt !== undefined, null, { timeout: 60_000 });
  if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
  const { interactiveMs, nodesDrawn, longTasks } = await page.evaluate(() => {
    const w = window as unknown as { __lfInteractiveAt: number; __lfOpenAt?: number; __lfLongTasks: number[] };
    return { interactiveMs: w.__lfInteractiveAt - (w.__lfOpenAt ?? 0), nodesDrawn: document.querySelectorAll('.react-flow__node-ledger').length, longTasks: w.__lfLongTasks };
  });
  // The first click after that: until the node shows as selected.
  const target = page.locator('.react-flow__node-ledger').nth(Math.floor(nodesDrawn / 2));
  const box = (await target.boundingBox())!;
  const clickMs = await page.evaluate(
    ({ x, y }) =>
      new Promise<number>((resolve) => {
        const started = performance.now();
        const observer = new MutationObserver(() => {
          if (!document.querySelector('.lf-node--selected')) return;
          observer.disconnect();
          requestAnimationFrame(() => resolve(performance.now() - started));
        });
        observer.observe(document.body, { subtree: true, attributes: true, attributeFilter: ['class'] });
        const at = document.elementFromPoint(x, y)!;
        for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click']) {
          const Event = type.startsWith('pointer') ? PointerEvent : MouseEvent;
          at.dispatchEvent(new Event(type, { bubbles: true, cancelable: true, clientX: x, clientY: y, button: 0, buttons: type.endsWith('down') ? 1 : 0, pointerId: 1, isPrimary: true } as PointerEventInit));
        }
      }),
    { x: box.x + box.width / 2, y: box.y + Math.min(6, box.height / 2) },
  );
  return { page, result: { interactiveMs, nodesDrawn, clickMs, longTasks }, close: () => context.close() };
}

/**
 * In-page code as text: tsx would wrap named functions in a `__name` helper the page does not have.
 * Samples `__lfNodeRenders.total` and the frame time at every animation frame until stopped.
 */
const START_SAMPLER = `(() => {
  window.__lfNodeRenders = { total: 0, byNode: {} };
  const sampler = { stop: false, renders: [], intervals: [] };
  window.__lfSampler = sampler;
  let lastTotal = 0;
  let lastTime = 0;
  function tick(time) {
    const total = window.__lfNodeRenders.total;
    sampler.renders.push(total - lastTotal);
    sampler.intervals.push(time - lastTime);
    lastTotal = total;
    lastTime = time;
    if (!sampler.stop) requestAnimationFrame(tick);
  }
  requestAnimationFrame(function (time) {
    lastTime = time;
    requestAnimationFrame(tick);
  });
})()`;

const STOP_SAMPLER = `new Promise(function (resolve) {
  requestAnimationFrame(function () {
    requestAnimationFrame(function () {
      window.__lfSampler.stop = true;
      resolve({ renders: window.__lfSampler.renders, intervals: window.__lfSampler.intervals, byNode: window.__lfNodeRenders.byNode });
    });
  });
})`;

interface FrameSample {
  renders: number[];
  intervals: number[];
  byNode: Record<string, number>;
}

/** Starts sampling in the page; the returned function stops it and returns the per-frame samples. */
async function startFrameSampler(page: Page): Promise<() => Promise<FrameSample>> {
  await page.evaluate(START_SAMPLER);
  return () => page.evaluate(STOP_SAMPLER) as Promise<FrameSample>;
}

/** Moves the mouse from (x, y) by (dx, dy) in `moves` steps, one every `everyMs`. */
async function glide(page: Page, x: number, y: number, dx: number, dy: number, moves: number, everyMs = 8): Promise<void> {
  for (let i = 1; i <= moves; i++) {
    await page.mouse.move(x + (dx * i) / moves, y + (dy * i) / moves);
    await sleep(everyMs);
  }
}

async function measureDrag(page: Page) {
  await page.keyboard.press('Escape');
  // A node in the middle of the view.
  const canvas = (await page.locator('.lf-canvas').boundingBox())!;
  const id = await page.evaluate(
    ({ cx, cy }) => {
      let best = '';
      let distance = Infinity;
      for (const element of document.querySelectorAll<HTMLElement>('.react-flow__node-ledger')) {
        const r = element.getBoundingClientRect();
        const d = Math.hypot(r.x + r.width / 2 - cx, r.y + r.height / 2 - cy);
        if (d < distance) (distance = d), (best = element.dataset.id ?? '');
      }
      return best;
    },
    { cx: canvas.x + canvas.width / 2, cy: canvas.y + canvas.height / 2 },
  );
  const node = page.locator(`.react-flow__node[data-id="${id}"]`);
  const box = (await node.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + Math.min(5, box.height / 2);
  await page.mouse.move(x, y);
  const stop = await startFrameSampler(page);
  await page.mouse.down();
  await glide(page, x, y, 160, 90, 90);
  await page.mouse.up();
  const sample = await stop();
  const busy = sample.renders.filter((n) => n > 0);
  return {
    maxPerFrame: Math.max(0, ...sample.renders),
    meanPerBusyFrame: mean(busy),
    frames: sample.renders.length,
    framesWithRenders: busy.length,
    distinctNodes: Object.keys(sample.byNode).length,
    total: sample.renders.reduce((a, b) => a + b, 0),
    frameP95: percentile(sample.intervals, 95),
  };
}

/** Zoom to fit (Shift+1) on the big flow: ms until every node is drawn and measured, and a frame painted. */
async function measureFitAll(page: Page, count: number): Promise<number> {
  await page.keyboard.press('Escape');
  const started = await page.evaluate('performance.now()');
  await page.keyboard.press('Shift+Digit1');
  await page.waitForFunction(
    `document.querySelectorAll('.react-flow__node-ledger').length >= ${count} &&
     [...document.querySelectorAll('.react-flow__node-ledger')].every((e) => e.style.visibility !== 'hidden')`,
    null,
    { timeout: 60_000, polling: 'raf' },
  );
  const ended = await page.evaluate('new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(performance.now()))))');
  return (ended as number) - (started as number);
}

async function measurePan(page: Page) {
  const canvas = (await page.locator('.lf-canvas').boundingBox())!;
  const x = canvas.x + canvas.width / 2;
  const y = canvas.y + canvas.height / 2;
  await page.mouse.move(x, y);
  await page.keyboard.down('Space');
  const stop = await startFrameSampler(page);
  await page.mouse.down();
  await glide(page, x, y, -420, -160, 120);
  await page.mouse.up();
  await page.keyboard.up('Space');
  const sample = await stop();
  // The first interval starts before the first move; the last ones after the mouse was released.
  const intervals = sample.intervals.slice(1, -2);
  return { meanMs: mean(intervals), p95Ms: percentile(intervals, 95), frames: intervals.length, renders: sample.renders.reduce((a, b) => a + b, 0) };
}

/** Builds the designer into `outDir`; `profile`: with the render probe (React's profiling build). */
function buildDesigner(outDir: string, profile: boolean): void {
  const build = spawnSync(process.execPath, [join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
    cwd: projectRoot,
    env: { ...process.env, VITE_LF_PROFILE: profile ? '1' : '' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  if (build.status !== 0) throw new Error('vite build failed');
}

/** A Ledgerflow server in this process serving `clientDir`, with the big flow saved as a draft. */
async function serve(work: string, name: string, clientDir: string, flow: ReturnType<typeof generateBigFlow>) {
  const ledgerflow = await createLedgerflow({
    dataDir: join(work, `data-${name}`),
    port: 0,
    clientDir,
    seedFlowsDir: null,
    sandbox: false,
    bodyLimit: '10mb',
    logger: pino({ level: 'silent' }),
  });
  const url = await ledgerflow.listen();
  const saved = await fetch(`${url}/api/flows/${FLOW_ID}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(flow) });
  if (!saved.ok) {
    await ledgerflow.close();
    throw new Error(`saving the flow: ${saved.status} ${await saved.text()}`);
  }
  const { issues } = (await saved.json()) as { issues: unknown[] };
  return { url, issues: issues.length, close: () => ledgerflow.close() };
}

async function run(ctx: BenchContext): Promise<WorkloadResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const nodes = envNumber('BENCH_W4_NODES', 500);
  const edges = envNumber('BENCH_W4_EDGES', 600);
  const loads = envNumber('BENCH_W4_LOADS', 3);
  const work = await mkdtemp(join(tmpdir(), 'ledgerflow-w4-'));
  const flow = generateBigFlow({ nodes, edges, id: FLOW_ID });
  let browser: Browser | undefined;
  const servers: Array<{ close(): Promise<void> }> = [];
  try {
    // The load and the pan are timed on the production build; render counts need the profiling build.
    ctx.log('building the designer (production, and profiling with the render probe)');
    buildDesigner(join(work, 'client'), false);
    buildDesigner(join(work, 'client-profile'), true);
    const production = await serve(work, 'production', join(work, 'client'), flow);
    await fetch(`${production.url}/api/flows/${SMALL_ID}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(generateBigFlow({ nodes: 10, edges: 9, perLayer: 2, id: SMALL_ID })),
    });
    servers.push(production);
    ctx.log(`flow ${FLOW_ID}: ${flow.nodes.length} nodes, ${flow.edges.length} edges, ${production.issues} issues`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });

    ctx.log('warm-up load');
    await (await openFlow(browser, production.url, 'url')).close();
    const opened: LoadResult[] = [];
    const cold: LoadResult[] = [];
    let last: Awaited<ReturnType<typeof openFlow>> | undefined;
    for (let i = 0; i < loads; i++) {
      const fromList = await openFlow(browser, production.url, 'list');
      opened.push(fromList.result);
      await fromList.close();
      last = await openFlow(browser, production.url, 'url');
      cold.push(last.result);
      ctx.log(
        `load ${i + 1}: opened from the list in ${round(fromList.result.interactiveMs)} ms, cold page load ${round(last.result.interactiveMs)} ms, ` +
          `${last.result.nodesDrawn} nodes drawn, click → selected ${round(last.result.clickMs)} ms`,
      );
      if (i < loads - 1) await last.close();
    }
    ctx.log('panning');
    const pan = await measurePan(last!.page);
    ctx.log('zoom to fit: every node drawn');
    const fitAll = await measureFitAll(last!.page, flow.nodes.length);
    await last!.close();

    // The same designer on a 10-node flow: what opening any flow costs on this machine.
    const small = await openFlow(browser, production.url, 'list', SMALL_ID);
    const smallCold = await openFlow(browser, production.url, 'url', SMALL_ID);
    await small.close();
    await smallCold.close();

    const profiling = await serve(work, 'profiling', join(work, 'client-profile'), flow);
    servers.push(profiling);
    const probed = await openFlow(browser, profiling.url, 'url');
    ctx.log('dragging one node (profiling build)');
    const drag = await measureDrag(probed.page);
    const panProbe = await measurePan(probed.page);
    await probed.close();

    const interactive = median(opened.map((r) => r.interactiveMs));
    const interactiveCold = median(cold.map((r) => r.interactiveMs));
    const click = median(cold.map((r) => r.clickMs));
    const longTasks = cold.at(-1)!.longTasks;
    const load = (await import('node:os')).loadavg()[0]!;
    const figures: Figure[] = [
      { workload: 'W4', figure: 'interactive_ms', value: round(interactive) },
      { workload: 'W4', figure: 'interactive_cold_ms', value: round(interactiveCold) },
      { workload: 'W4', figure: 'rerenders_per_drag_frame', value: drag.maxPerFrame },
      { workload: 'W4', figure: 'pan_frame_ms', value: round(pan.meanMs, 1) },
      { workload: 'W4', figure: 'pan_frame_p95_ms', value: round(pan.p95Ms, 1) },
    ];
    const lines = [
      `W4 — the editor: ${flow.nodes.length} nodes, ${flow.edges.length} edges, headless Chromium ${VIEWPORT.width}×${VIEWPORT.height} (load average ${round(load, 1)} on this machine)`,
      ...table([
        ['figure', 'value', 'target'],
        ['interactive: opened from the flow list, ms (median)', round(interactive), '< 1000'],
        ['  each load, ms', opened.map((r) => round(r.interactiveMs)).join(' / '), ''],
        ['  the same for a 10-node flow, ms', round(small.result.interactiveMs), ''],
        ['interactive: cold page load on the flow URL, ms (median)', round(interactiveCold), ''],
        ['  each load, ms', cold.map((r) => round(r.interactiveMs)).join(' / '), ''],
        ['  the same for a 10-node flow, ms', round(smallCold.result.interactiveMs), ''],
        ['  nodes drawn at open (in view)', cold[0]!.nodesDrawn, `of ${flow.nodes.length}`],
        ['  long tasks during the last cold load, ms', longTasks.length ? longTasks.join(' ') : 'none', ''],
        ['first click → node selected, ms', round(click), ''],
        ['zoom to fit: all nodes drawn, ms', round(fitAll), ''],
        ['node renders per drag frame, max', drag.maxPerFrame, '≤ 3'],
        ['  mean over frames with renders', round(drag.meanPerBusyFrame, 2), ''],
        ['  frames / with renders', `${drag.frames} / ${drag.framesWithRenders}`, ''],
        ['  distinct nodes rendered during the drag', drag.distinctNodes, ''],
        ['  drag frame interval p95, ms', round(drag.frameP95, 1), ''],
        ['pan frame interval mean, ms', round(pan.meanMs, 1), '~16.7'],
        ['pan frame interval p95, ms', round(pan.p95Ms, 1), ''],
        ['  node renders while panning (profiling build)', panProbe.renders, ''],
      ]),
    ];
    return { lines, figures };
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
    if (!process.env.BENCH_KEEP_DATA) await rm(work, { recursive: true, force: true });
  }
}

export const w4: Workload = {
  name: 'W4',
  title: 'the editor: a 500-node, 600-edge flow in headless Chromium',
  run,
};
