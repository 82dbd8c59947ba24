/**
 * W5 — live traces (/work/shared/bench/README.md): while W1 runs at full load (50 keep-alive connections
 * posting to the map-and-respond flow), one browser (headless Chromium) has the flow open in the designer,
 * which follows the flow's live trace. Reports
 * - `trace_delay_p99_ms`: p99 of the delay from a step finishing on the server (its `startedAt` +
 *   `durationMs`, ms resolution, same machine clock) to the event being delivered to the page's trace
 *   listeners (client/src/api/live.ts calls `window.__ledgerflowTraceProbe`);
 * - `browser_mem_growth_mb`: the page's JS heap after `BENCH_W5_SECONDS` of load minus after the first
 *   5 s (both after a forced garbage collection): flat means the browser keeps a bounded amount of trace.
 *
 * The probe keeps a histogram (1 ms buckets up to 10 s), not the events. Environment: BENCH_W5_SECONDS
 * (default 60), BENCH_CONNECTIONS (50).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, load, projectRoot, round, sharedBench, table, waitFor, type BenchContext, type Workload, type WorkloadResult } from './lib.js';
import { w1Flow } from './w1.js';

const CHROMIUM = '/usr/bin/chromium';

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** Installed in the page before the app: a delay histogram fed by live.ts's probe. */
function installProbe(): void {
  const buckets = new Uint32Array(10_001);
  const state = { events: 0, steps: 0, max: 0 };
  (window as unknown as { __w5: unknown }).__w5 = { buckets, state };
  (window as unknown as { __ledgerflowTraceProbe: (event: { kind: string; step?: { startedAt: string; durationMs?: number } }) => void }).__ledgerflowTraceProbe = (event) => {
    state.events++;
    if (event.kind !== 'step.finished' || !event.step) return;
    const delay = Date.now() - (Date.parse(event.step.startedAt) + (event.step.durationMs ?? 0));
    const bucket = Math.min(10_000, Math.max(0, Math.round(delay)));
    buckets[bucket]!++;
    state.steps++;
    if (delay > state.max) state.max = delay;
  };
}

async function run(ctx: BenchContext): Promise<WorkloadResult> {
  if (!existsSync(CHROMIUM)) throw new Error(`W5 needs Chromium at ${CHROMIUM}`);
  const seconds = envNumber('BENCH_W5_SECONDS', 60);
  const connections = envNumber('BENCH_CONNECTIONS', 50);
  const build = spawnSync(process.execPath, [join(projectRoot, 'scripts', 'build-client.mjs')], { cwd: projectRoot, stdio: ['ignore', 'ignore', 'inherit'] });
  if (build.status !== 0) throw new Error('building the designer failed');
  const body = readFileSync(join(sharedBench, 'workload-order.json'), 'utf8');
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-bench-w5-'));
  ctx.procs.tempDirs.add(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = ctx.procs.spawn('ledgerflow', process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: projectRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LEDGERFLOW_DATA: dataDir, LOG_LEVEL: 'warn', LEDGERFLOW_SANDBOX: 'off' },
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    await waitFor('Ledgerflow', async () => (await fetch(`${base}/api/health`)).ok, 60_000, () => !exited);
    const json = { 'content-type': 'application/json' };
    if (!(await fetch(`${base}/api/flows/${w1Flow.id}`, { method: 'PUT', headers: json, body: JSON.stringify(w1Flow) })).ok) throw new Error('PUT flow failed');
    if (!(await fetch(`${base}/api/flows/${w1Flow.id}/publish`, { method: 'POST', headers: json, body: '{}' })).ok) throw new Error('publish failed');

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.addInitScript(installProbe);
    await page.goto(`${base}/index.html#/flows/${w1Flow.id}`);
    await page.getByTestId('designer').waitFor({ timeout: 30_000 });
    const cdp = await page.context().newCDPSession(page);
    const heapMb = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
      return usedSize / 1024 / 1024;
    };
    // One request first: the page must be following the flow (events arrive) before the load starts.
    await fetch(`${base}/hooks/bench`, { method: 'POST', headers: json, body });
    await waitFor('first trace event in the page', async () => (await page.evaluate(() => (window as any).__w5.state.steps)) > 0, 10_000);

    ctx.log(`W5: W1 load for ${seconds} s (${connections} connections) while the designer follows the flow`);
    const loading = load({ url: `${base}/hooks/bench`, body, connections, seconds });
    await new Promise((r) => setTimeout(r, 5000));
    const heapAt5 = await heapMb();
    const result = await loading;
    await new Promise((r) => setTimeout(r, 1000)); // let the last events arrive
    const heapAtEnd = await heapMb();
    // A string, not a function: tsx's keep-names helper (__name) does not exist in the page.
    const probe = (await page.evaluate(`(() => {
      const { buckets, state } = window.__w5;
      const quantile = (q) => {
        const rank = Math.ceil(q * state.steps);
        let seen = 0;
        for (let ms = 0; ms < buckets.length; ms++) if ((seen += buckets[ms]) >= rank) return ms;
        return buckets.length - 1;
      };
      return { ...state, p50: quantile(0.5), p99: quantile(0.99) };
    })()`)) as { events: number; steps: number; max: number; p50: number; p99: number };
    const stepsSent = result.ok2xx * 3; // 3 steps per run (webhook, map, respond)
    const growth = heapAtEnd - heapAt5;
    const lines = [
      `W5 — live traces: W1 load ${round(result.reqPerSec)} req/s for ${seconds} s, one designer page following the flow`,
      ...table([
        ['measure', 'value'],
        ['runs answered (2xx)', result.ok2xx],
        ['webhook answer latency p50 / p99 under this load (ms)', `${result.p50Ms} / ${result.p99Ms}`],
        ['trace events delivered to the page', probe.events],
        ['step.finished events delivered / of the answered runs (runs cut off when the load stopped add a few)', `${probe.steps} / ${stepsSent}`],
        ['step → browser delay p50 (ms)', probe.p50],
        ['step → browser delay p99 (ms)', probe.p99],
        ['step → browser delay max (ms)', round(probe.max)],
        ['page JS heap after 5 s (MB)', round(heapAt5, 1)],
        [`page JS heap after ${seconds} s (MB)`, round(heapAtEnd, 1)],
      ]),
    ];
    return {
      lines,
      figures: [
        { workload: 'W5', figure: 'trace_delay_p99_ms', value: probe.p99 },
        { workload: 'W5', figure: 'browser_mem_growth_mb', value: round(growth, 1) },
      ],
    };
  } finally {
    await browser.close();
    await ctx.procs.stop(child.pid!);
    await rm(dataDir, { recursive: true, force: true });
    ctx.procs.tempDirs.delete(dataDir);
  }
}

export const w5: Workload = { name: 'W5', title: 'live traces', run };
