/**
 * W3 — history growth (/work/shared/bench/README.md): record 100,000 runs of ~6 steps each in the run log
 * (the storage the runtime records into: server/storage/run-log.ts), and report
 * - `record_cost_ratio_100k_vs_100`: the time to record one run (start, 6 steps started and finished, end,
 *   written to disk) with 100,000 runs stored, divided by the same with 100 stored (1.0: no growth);
 * - `search_ms_100k`: p99 of `GET /api/runs?businessKey=<a random invoice id>` against a Ledgerflow server
 *   started on those 100,000 runs, end to end over HTTP (the table also shows the in-process index lookup,
 *   a correlation-id search, the first page of one flow's runs, and how long the server took to index the
 *   history at start-up).
 *
 * Environment: BENCH_W3_RUNS (default 100000), BENCH_W3_BATCH (runs per cost sample, default 2000),
 * BENCH_KEEP_DATA=1 (keep the temp data folder).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunLog } from '../../server/storage/run-log.js';
import type { RunRecord, StepRecord } from '../../server/storage/types.js';
import { freePort, projectRoot, round, table, waitFor, type BenchContext, type Workload, type WorkloadResult } from './lib.js';

const STEPS = 6;
const NODES = ['hook', 'dedupe', 'map', 'validate', 'post-erp', 'respond'];
const TYPES = ['trigger.webhook', 'guard.idempotentConsumer', 'transform.jsonata', 'validate.schema', 'http.request', 'respond'];

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** A run of the invoice flow as the executor records it: ~1 KB input, 6 steps with their payloads. */
function makeRun(i: number, startedMs: number): { run: RunRecord; steps: StepRecord[]; finish: Parameters<RunLog['finishRun']>[1] } {
  const id = `run_${startedMs.toString(36).padStart(9, '0')}${i.toString(16).padStart(8, '0')}`;
  const invoice = { id: `in_W3${i}`, customer: `cus_${i % 5000}`, amount_paid: 7587 + (i % 100), currency: 'usd', lines: [{ id: `il_${i}_1`, amount: -12645, quantity: 5 }, { id: `il_${i}_2`, amount: 20232, quantity: 8 }] };
  const input = { id: `evt_W3${i}`, type: 'invoice.paid', created: 1742119200 + i, data: { object: invoice } };
  const startedAt = new Date(startedMs).toISOString();
  const run: RunRecord = {
    id, flowId: i % 3 ? 'stripe-invoice-to-erp' : 'closed-won-to-subscription', flowVersion: 1, mode: 'published', rootRunId: id, status: 'running',
    correlationId: `corr-w3-${i}`, triggerNodeId: 'hook', startedAt, businessKeys: {}, stepCount: 0, input, steps: [],
  };
  const steps = NODES.map((nodeId, s): StepRecord => ({
    runId: id, seq: s + 1, nodeId, nodeType: TYPES[s]!, attempt: 1, status: 'running', startedAt, input: s === 0 ? input : { externalId: invoice.id, amount: 75.87 }, traceSeq: 2 * (s + 1),
  }));
  const finish = { status: 'succeeded' as const, finishedAt: new Date(startedMs + 40).toISOString(), durationMs: 40, businessKeys: { stripeEventId: input.id, invoiceId: invoice.id, erpInvoiceId: String(90000 + i) } };
  return { run, steps, finish };
}

/** Records `count` runs starting at index `from`; returns ms per run (written to disk: flush included). */
async function record(log: RunLog, from: number, count: number, t0: number): Promise<number> {
  const started = performance.now();
  for (let i = from; i < from + count; i++) {
    const { run, steps, finish } = makeRun(i, t0 + i);
    await log.startRun(run);
    for (const step of steps) {
      await log.recordStep(step);
      await log.recordStep({ ...step, status: 'succeeded', durationMs: 5, output: { out: step.input }, traceSeq: step.traceSeq! + 1 });
    }
    await log.finishRun(run.id, finish);
    if (i % 500 === 0) await log.flush(); // the group commit a running server does every few ms
  }
  await log.flush();
  return (performance.now() - started) / count;
}

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

async function timed(samples: number, probe: (i: number) => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < samples; i++) {
    const started = performance.now();
    await probe(i);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 0.5), p99: percentile(times, 0.99) };
}

async function run(ctx: BenchContext): Promise<WorkloadResult> {
  const total = envNumber('BENCH_W3_RUNS', 100_000);
  const batch = envNumber('BENCH_W3_BATCH', 2000);
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-bench-w3-'));
  if (!process.env.BENCH_KEEP_DATA) ctx.procs.tempDirs.add(dataDir);
  const t0 = Date.now() - total - 60_000;
  try {
    const log = await RunLog.open({ dir: join(dataDir, 'runs'), retentionDays: 3650 });
    ctx.log(`W3: recording 100 runs, then a sample batch of ${batch}`);
    await record(log, 0, 100, t0);
    const cost100 = await record(log, 100, batch, t0);
    ctx.log(`W3: recording up to ${total} runs (${STEPS} steps each)`);
    const filled = total - 100 - 2 * batch;
    const fillStarted = performance.now();
    await record(log, 100 + batch, filled, t0);
    const fillMs = performance.now() - fillStarted;
    const cost100k = await record(log, 100 + batch + filled, batch, t0);
    const stored = log.size;
    const inProcess = await timed(500, (i) => log.listRuns({ businessKey: `in_W3${(i * 7919) % stored}` }));
    await log.close();

    ctx.log('W3: starting a Ledgerflow server on the recorded history');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const bootStarted = performance.now();
    const child = ctx.procs.spawn('ledgerflow', process.execPath, ['--import', 'tsx', 'server/main.ts'], {
      cwd: projectRoot,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LEDGERFLOW_DATA: dataDir, LOG_LEVEL: 'warn', LEDGERFLOW_SANDBOX: 'off' },
    });
    let exited = false;
    child.once('exit', () => (exited = true));
    await waitFor('Ledgerflow', async () => (await fetch(`${base}/api/health`)).ok, 180_000, () => !exited);
    const bootMs = performance.now() - bootStarted;
    const get = async (path: string) => {
      const response = await fetch(base + path);
      if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
      return (await response.json()) as Array<{ id: string }>;
    };
    const check = await get(`/api/runs?businessKey=in_W3${stored - 1}`);
    if (check.length !== 1) throw new Error(`search by business key found ${check.length} runs, expected 1`);
    for (let i = 0; i < 50; i++) await get(`/api/runs?businessKey=in_W3${i}`); // warm-up
    const byKey = await timed(500, (i) => get(`/api/runs?businessKey=in_W3${(i * 104_729) % stored}`));
    const byCorrelation = await timed(200, (i) => get(`/api/runs?correlationId=corr-w3-${(i * 7919) % stored}`));
    const firstPage = await timed(100, () => get('/api/runs?flowId=closed-won-to-subscription&limit=50'));
    const failedPage = await timed(50, () => get('/api/runs?status=failed&limit=50')); // matches none: scans all
    await ctx.procs.stop(child.pid!);

    const ratio = cost100k / cost100;
    const lines = [
      `W3 — history growth: ${stored} runs of ${STEPS} steps in the run log (filled in ${round(fillMs / 1000, 1)} s)`,
      ...table([
        ['measure', 'value'],
        ['record one run, 100 stored (ms)', round(cost100, 3)],
        [`record one run, ${stored} stored (ms)`, round(cost100k, 3)],
        ['cost ratio 100k / 100', round(ratio, 2)],
        ['server start-up, indexing the history (ms)', round(bootMs)],
        ['search by business key, in process p50 / p99 (ms)', `${round(inProcess.p50, 3)} / ${round(inProcess.p99, 3)}`],
        ['GET /api/runs?businessKey= p50 / p99 (ms)', `${round(byKey.p50, 2)} / ${round(byKey.p99, 2)}`],
        ['GET /api/runs?correlationId= p50 / p99 (ms)', `${round(byCorrelation.p50, 2)} / ${round(byCorrelation.p99, 2)}`],
        ['GET /api/runs?flowId=&limit=50 p50 / p99 (ms)', `${round(firstPage.p50, 2)} / ${round(firstPage.p99, 2)}`],
        ['GET /api/runs?status=failed (no match: full scan) p50 / p99 (ms)', `${round(failedPage.p50, 2)} / ${round(failedPage.p99, 2)}`],
      ]),
    ];
    return {
      lines,
      figures: [
        { workload: 'W3', figure: 'record_cost_ratio_100k_vs_100', value: round(ratio, 2) },
        { workload: 'W3', figure: 'search_ms_100k', value: round(byKey.p99, 2) },
      ],
    };
  } finally {
    if (!process.env.BENCH_KEEP_DATA) {
      await rm(dataDir, { recursive: true, force: true });
      ctx.procs.tempDirs.delete(dataDir);
    } else ctx.log(`W3: data kept in ${dataDir}`);
  }
}

export const w3: Workload = { name: 'W3', title: 'history growth', run };
