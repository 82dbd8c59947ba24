/**
 * W1 — map and respond (/work/shared/bench/README.md): webhook → one JSONata mapping → HTTP 200, under 50
 * keep-alive connections, side by side with the Node-RED peer and the bare node:http limit in the same run.
 *
 * Ledgerflow runs as a separate child process (`node --import tsx server/main.ts`) on a fresh temp data
 * folder; the flow is created and published through the REST API. Every target answers one checked request,
 * is warmed up, then loaded; targets run one after another, never at the same time.
 *
 * Figures: req_s, p99_ms, rss_mb (peak RSS, VmHWM), runs_recorded (how many of the run ids answered with 2xx
 * under load are in GET /api/runs; must equal the 2xx count). The table also checks the run log on disk
 * (every answered run has its start, its 3 finished steps and its end) after a graceful shutdown.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_WARMUP_SECONDS (2), BENCH_CONNECTIONS (50), BENCH_ROUNDS (1; more
 * rounds alternate the targets and report medians: the shared machines are noisy),
 * BENCH_PEERS=ledgerflow,node-red,bare (which targets run), BENCH_CPU_PROF=<dir> (Ledgerflow runs with
 * --cpu-prof into that folder), BENCH_KEEP_DATA=1 (keep the temp data folder), BENCH_LEDGERFLOW_ROOT=<dir>
 * (start the server of another checkout, for A/B comparisons; default this one).
 */
import type { ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import {
  cpuTimeMs,
  freePort,
  load,
  projectRoot,
  round,
  sharedBench,
  table,
  waitFor,
  watchRss,
  type BenchContext,
  type Figure,
  type LoadResult,
  type Workload,
  type WorkloadResult,
} from './lib.js';

export const W1_EXPRESSION = '{ "orderId": payload.id, "customerName": payload.customer.name, "total": $sum(payload.lines.(qty*price)) }';
export const W1_EXPECTED = '{"orderId":"SO-1001","customerName":"Acme GmbH","total":136}';
const FLOW_ID = 'w1-bench';
const RUN_ID_HEADER = 'x-ledgerflow-run-id';

export const w1Flow = {
  schemaVersion: 1,
  id: FLOW_ID,
  name: 'W1 bench: map and respond',
  description: 'Benchmark W1 (/work/shared/bench/README.md): webhook → JSONata mapping → respond 200.',
  settings: {},
  nodes: [
    { id: 'hook', type: 'trigger.webhook', typeVersion: 1, name: 'POST /hooks/bench', position: { x: 0, y: 0 }, config: { path: 'bench', method: 'POST', responseMode: 'respondNode' } },
    { id: 'map', type: 'transform.jsonata', typeVersion: 1, name: 'map order', position: { x: 240, y: 0 }, config: { expression: W1_EXPRESSION } },
    { id: 'respond', type: 'respond', typeVersion: 1, name: 'respond 200', position: { x: 480, y: 0 }, config: { status: 200, headers: {}, body: 'payload' } },
  ],
  edges: [
    { id: 'e1', source: 'hook', sourcePort: 'out', target: 'map', targetPort: 'in' },
    { id: 'e2', source: 'map', sourcePort: 'out', target: 'respond', targetPort: 'in' },
  ],
};

function envNumber(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

interface TargetResult {
  name: string;
  load: LoadResult;
  rssMb: number;
  /** Server CPU time (user + system, all its threads) per answered request during the measured load, in µs. */
  cpuUsPerReq?: number;
}

interface Recorded {
  answered: number;
  inHistory: number;
  completeInHistory: number;
  historyTotal: number;
  onDisk?: number;
  sampledOk: number;
  sampled: number;
}

/** Keeps the tail of a child's output for error messages. */
function tail(child: ChildProcess): () => string {
  let text = '';
  const add = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout?.on('data', add);
  child.stderr?.on('data', add);
  return () => text.trim();
}

async function post(url: string, body: string): Promise<{ status: number; text: string; headers: Headers }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  return { status: res.status, text: await res.text(), headers: res.headers };
}

async function checkOne(name: string, url: string, body: string): Promise<void> {
  const res = await post(url, body);
  if (res.status !== 200 || res.text !== W1_EXPECTED) {
    throw new Error(`${name}: the check request answered ${res.status} ${res.text.slice(0, 300)} (expected 200 ${W1_EXPECTED})`);
  }
}

/** Warm-up, then the measured load, sampling the server's peak RSS. */
async function measure(ctx: BenchContext, name: string, pid: number, url: string, body: string, collectHeader?: string): Promise<TargetResult> {
  const seconds = envNumber('BENCH_SECONDS', 10);
  const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
  const connections = envNumber('BENCH_CONNECTIONS', 50);
  const rss = watchRss(pid);
  try {
    ctx.log(`W1 ${name}: warm-up ${warmup} s`);
    await load({ url, body, connections, seconds: warmup });
    ctx.log(`W1 ${name}: ${connections} connections for ${seconds} s`);
    const cpuBefore = cpuTimeMs(pid);
    const result = await load({ url, body, connections, seconds, expectBody: W1_EXPECTED, ...(collectHeader ? { collectHeader } : {}) });
    const cpuAfter = cpuTimeMs(pid);
    const answers = result.ok2xx + result.non2xx;
    const cpuUsPerReq = cpuBefore !== undefined && cpuAfter !== undefined && answers > 0 ? ((cpuAfter - cpuBefore) * 1000) / answers : undefined;
    return { name, load: result, rssMb: rss.peakMb(), ...(cpuUsPerReq !== undefined ? { cpuUsPerReq } : {}) };
  } finally {
    rss.stop();
  }
}

async function listAllRuns(base: string): Promise<Array<{ id: string; status: string; stepCount: number }>> {
  const out: Array<{ id: string; status: string; stepCount: number }> = [];
  let before: string | undefined;
  for (;;) {
    const query = new URLSearchParams({ flowId: FLOW_ID, limit: '500', ...(before ? { before } : {}) });
    const res = await fetch(`${base}/api/runs?${query}`);
    if (!res.ok) throw new Error(`GET /api/runs answered ${res.status}: ${await res.text()}`);
    const page = (await res.json()) as Array<{ id: string; status: string; stepCount: number }>;
    out.push(...page);
    if (page.length < 500) return out;
    before = page[page.length - 1]!.id;
  }
}

/** Checks answered runs in GET /api/runs (status and step count) and a few full records with their steps. */
async function checkHistory(base: string, runIds: string[]): Promise<Recorded> {
  let runs = await listAllRuns(base);
  const answered = new Set(runIds);
  // A run answers at its Respond step and finishes just after: wait for the answered ones to finish.
  for (let i = 0; i < 50 && runs.some((r) => answered.has(r.id) && r.status === 'running'); i++) {
    await new Promise((r) => setTimeout(r, 100));
    runs = await listAllRuns(base);
  }
  const byId = new Map(runs.map((r) => [r.id, r]));
  let inHistory = 0;
  let completeInHistory = 0;
  for (const id of answered) {
    const run = byId.get(id);
    if (!run) continue;
    inHistory++;
    if (run.status === 'succeeded' && run.stepCount === 3) completeInHistory++;
  }
  const picks = runIds.length ? [...new Set([0, 1, Math.floor(runIds.length / 2), runIds.length - 2, runIds.length - 1].filter((i) => i >= 0 && i < runIds.length))] : [];
  let sampledOk = 0;
  for (const i of picks) {
    const res = await fetch(`${base}/api/runs/${encodeURIComponent(runIds[i]!)}`);
    if (!res.ok) continue;
    const run = (await res.json()) as { status: string; steps: Array<{ nodeId: string; status: string; output?: Record<string, unknown> }> };
    const map = run.steps.find((s) => s.nodeId === 'map');
    if (
      run.status === 'succeeded' &&
      run.steps.length === 3 &&
      run.steps.every((s) => s.status === 'succeeded') &&
      JSON.stringify(map?.output?.out) === W1_EXPECTED
    ) {
      sampledOk++;
    }
  }
  return { answered: answered.size, inHistory, completeInHistory, historyTotal: runs.length, sampledOk, sampled: picks.length };
}

/** After a graceful shutdown: how many answered runs are complete in the run log files (start, 3 finished steps, end). */
async function checkRunLogOnDisk(dataDir: string, runIds: string[]): Promise<number> {
  const dir = join(dataDir, 'runs');
  const wanted = new Set(runIds);
  const started = new Set<string>();
  const finished = new Set<string>();
  const stepsDone = new Map<string, Set<number>>();
  for (const name of (await readdir(dir)).filter((n) => n.endsWith('.ndjson')).sort()) {
    const lines = createInterface({ input: createReadStream(join(dir, name)), crlfDelay: Infinity });
    for await (const text of lines) {
      if (!text) continue;
      let line: { t?: string; id?: string; runId?: string; seq?: number; status?: string };
      try {
        line = JSON.parse(text) as typeof line;
      } catch {
        continue;
      }
      if (line.t === 'r' && line.id && wanted.has(line.id)) started.add(line.id);
      else if (line.t === 'f' && line.runId && wanted.has(line.runId) && line.status === 'succeeded') finished.add(line.runId);
      else if (line.t === 's' && line.runId && wanted.has(line.runId) && line.status === 'succeeded' && typeof line.seq === 'number') {
        let set = stepsDone.get(line.runId);
        if (!set) stepsDone.set(line.runId, (set = new Set()));
        set.add(line.seq);
      }
    }
  }
  let complete = 0;
  for (const id of wanted) if (started.has(id) && finished.has(id) && stepsDone.get(id)?.size === 3) complete++;
  return complete;
}

async function runLedgerflow(ctx: BenchContext, body: string): Promise<{ target: TargetResult; recorded: Recorded }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'ledgerflow-bench-w1-'));
  if (!process.env.BENCH_KEEP_DATA) ctx.procs.tempDirs.add(dataDir);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const profDir = process.env.BENCH_CPU_PROF;
  const args = ['--import', 'tsx', ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []), 'server/main.ts'];
  const serverRoot = process.env.BENCH_LEDGERFLOW_ROOT ?? projectRoot;
  ctx.log(`W1 ledgerflow: starting node ${args.join(' ')} in ${serverRoot} on ${base} (data ${dataDir})`);
  const child = ctx.procs.spawn('ledgerflow', process.execPath, args, {
    cwd: serverRoot,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LEDGERFLOW_DATA: dataDir, LOG_LEVEL: 'warn', LEDGERFLOW_SANDBOX: 'off' },
  });
  const output = tail(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor('Ledgerflow', async () => (await fetch(`${base}/api/health`)).ok, 60_000, () => !exited).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    const put = await fetch(`${base}/api/flows/${FLOW_ID}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(w1Flow) });
    if (!put.ok) throw new Error(`PUT /api/flows/${FLOW_ID} answered ${put.status}: ${await put.text()}`);
    const publish = await fetch(`${base}/api/flows/${FLOW_ID}/publish`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ message: 'W1 bench' }) });
    if (!publish.ok) throw new Error(`POST /api/flows/${FLOW_ID}/publish answered ${publish.status}: ${await publish.text()}`);
    await checkOne('ledgerflow', `${base}/hooks/bench`, body);

    const target = await measure(ctx, 'ledgerflow', child.pid!, `${base}/hooks/bench`, body, RUN_ID_HEADER);
    ctx.log(`W1 ledgerflow: checking run history for ${target.load.collected.length} answered runs`);
    const recorded = await checkHistory(base, target.load.collected);
    ctx.log('W1 ledgerflow: stopping (graceful, flushes the run log), then checking the run log on disk');
    await ctx.procs.stop(child.pid!, 30_000);
    if (child.exitCode !== 0) ctx.log(`W1 ledgerflow: the server did not shut down cleanly (exit ${child.exitCode ?? child.signalCode})`);
    recorded.onDisk = await checkRunLogOnDisk(dataDir, target.load.collected);
    return { target, recorded };
  } finally {
    await ctx.procs.stop(child.pid!);
    if (!process.env.BENCH_KEEP_DATA) {
      await rm(dataDir, { recursive: true, force: true });
      ctx.procs.tempDirs.delete(dataDir);
    }
    else ctx.log(`W1 ledgerflow: data kept in ${dataDir}`);
  }
}

async function runNodeRed(ctx: BenchContext, body: string): Promise<TargetResult> {
  const port = await freePort();
  const script = join(sharedBench, 'peers', 'nodered', 'start.sh');
  ctx.log(`W1 node-red: starting ${script} on port ${port} (first use installs Node 22 + node-red; can take minutes)`);
  // Own process group: if the script fails or hangs, stopping it also stops the Node-RED it started.
  const child = ctx.procs.spawn('node-red start.sh', 'bash', [script], { cwd: projectRoot, env: { ...process.env, NODERED_PORT: String(port) } }, true);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr?.on('data', (c: Buffer) => (stderr = (stderr + c.toString('utf8')).slice(-4000)));
  const code = await new Promise<number | null>((resolveExit) => {
    const timer = setTimeout(() => {
      void ctx.procs.stop(child.pid!);
    }, 15 * 60_000);
    child.once('exit', (exitCode) => {
      clearTimeout(timer);
      resolveExit(exitCode);
    });
  });
  const pid = Number(stdout.trim().split('\n').pop());
  if (code !== 0 || !Number.isInteger(pid) || pid <= 0) {
    await ctx.procs.stop(child.pid!);
    throw new Error(`start.sh exited ${code}${stderr.trim() ? `: ${stderr.trim().split('\n').slice(-5).join(' | ')}` : ''}`);
  }
  ctx.procs.forget(child.pid!);
  ctx.procs.adopt(pid, 'node-red');
  try {
    const url = `http://127.0.0.1:${port}/bench`;
    await checkOne('node-red', url, body);
    return await measure(ctx, 'node-red', pid, url, body);
  } finally {
    await ctx.procs.stop(pid);
  }
}

async function runBare(ctx: BenchContext, body: string): Promise<TargetResult> {
  const port = await freePort();
  const script = join(sharedBench, 'peers', 'bare', 'limit.cjs');
  ctx.log(`W1 bare: starting node ${script} ${port}`);
  const child = ctx.procs.spawn('bare limit', process.execPath, [script, String(port)], {
    cwd: projectRoot,
    env: { ...process.env, NODE_PATH: join(projectRoot, 'node_modules') },
  });
  const output = tail(child);
  let exited = false;
  child.once('exit', () => (exited = true));
  try {
    await waitFor('bare limit', async () => output().includes('limit server on'), 20_000, () => !exited).catch((error: Error) => {
      throw new Error(`${error.message}\n${output()}`);
    });
    const url = `http://127.0.0.1:${port}/`;
    await checkOne('bare', url, body);
    return await measure(ctx, 'bare', child.pid!, url, body);
  } finally {
    await ctx.procs.stop(child.pid!);
  }
}

function targetsWanted(): Set<string> {
  const list = process.env.BENCH_PEERS ?? 'ledgerflow,node-red,bare';
  return new Set(list.split(',').map((s) => s.trim()).filter(Boolean));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** One figure set per target: the round itself, or the median over rounds. */
interface Summary {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  rssMb: number;
  cpuUsPerReq?: number;
}

function summarise(results: TargetResult[]): Summary | undefined {
  if (results.length === 0) return undefined;
  const cpus = results.map((t) => t.cpuUsPerReq).filter((c): c is number => c !== undefined);
  return {
    reqPerSec: median(results.map((t) => t.load.reqPerSec)),
    p50Ms: median(results.map((t) => t.load.p50Ms)),
    p99Ms: median(results.map((t) => t.load.p99Ms)),
    rssMb: median(results.map((t) => t.rssMb)),
    ...(cpus.length ? { cpuUsPerReq: median(cpus) } : {}),
  };
}

async function run(ctx: BenchContext): Promise<WorkloadResult> {
  const body = (await readFile(join(sharedBench, 'workload-order.json'), 'utf8')).trim();
  const wanted = targetsWanted();
  const seconds = envNumber('BENCH_SECONDS', 10);
  const connections = envNumber('BENCH_CONNECTIONS', 50);
  const rounds = Math.floor(envNumber('BENCH_ROUNDS', 1));
  const notes: string[] = [];
  const settle = () => new Promise((r) => setTimeout(r, 1000));

  // Rounds alternate the targets (Ledgerflow, Node-RED, bare, Ledgerflow, …) so that a burst of load from
  // elsewhere on a shared machine does not land on one target only; figures are medians over the rounds.
  const lfRuns: Array<{ target: TargetResult; recorded: Recorded }> = [];
  const nrRuns: TargetResult[] = [];
  const bareRuns: TargetResult[] = [];
  let nodeRedSkipped = false;
  let bareSkipped = false;
  for (let roundNo = 1; roundNo <= rounds; roundNo++) {
    if (rounds > 1) ctx.log(`W1 round ${roundNo} of ${rounds}`);
    if (wanted.has('ledgerflow')) lfRuns.push(await runLedgerflow(ctx, body));
    if (wanted.has('node-red') && !nodeRedSkipped) {
      await settle();
      try {
        nrRuns.push(await runNodeRed(ctx, body));
      } catch (error) {
        nodeRedSkipped = true;
        const line = `peer node-red skipped: ${(error as Error).message}`;
        ctx.log(`W1 ${line}`);
        notes.push(line);
      }
    }
    if (wanted.has('bare') && !bareSkipped) {
      await settle();
      try {
        bareRuns.push(await runBare(ctx, body));
      } catch (error) {
        bareSkipped = true;
        const line = `bare limit skipped: ${(error as Error).message}`;
        ctx.log(`W1 ${line}`);
        notes.push(line);
      }
    }
    if (roundNo < rounds) await settle();
  }

  const rows: Array<Array<string | number>> = [['target', 'req/s', 'p50 ms', 'p99 ms', 'peak RSS MB', 'CPU µs/req', '2xx', 'non-2xx', 'errors', 'timeouts', 'wrong body']];
  const targets: Array<[string, TargetResult[]]> = [
    ['ledgerflow', lfRuns.map((r) => r.target)],
    ['node-red', nrRuns],
    ['bare limit', bareRuns],
  ];
  for (const [name, results] of targets) {
    results.forEach((t, i) => {
      const l = t.load;
      const cpu = t.cpuUsPerReq === undefined ? 'n/a' : round(t.cpuUsPerReq);
      rows.push([rounds > 1 ? `${name} #${i + 1}` : name, round(l.reqPerSec), l.p50Ms, l.p99Ms, round(t.rssMb, 1), cpu, l.ok2xx, l.non2xx, l.errors, l.timeouts, l.mismatches]);
    });
    const m = rounds > 1 ? summarise(results) : undefined;
    if (m) rows.push([`${name} median`, round(m.reqPerSec), m.p50Ms, m.p99Ms, round(m.rssMb, 1), m.cpuUsPerReq === undefined ? 'n/a' : round(m.cpuUsPerReq), '', '', '', '', '']);
  }
  const lines = [
    `W1 — map and respond: ${connections} keep-alive connections, ${seconds} s each after a ${envNumber('BENCH_WARMUP_SECONDS', 2)} s warm-up, one target at a time` +
      (rounds > 1 ? `, ${rounds} alternating rounds (figures are medians)` : ''),
    ...table(rows),
    'CPU µs/req: server CPU time (user + system, all threads) during the measured load per answer; steadier than req/s on a shared machine',
  ];
  const figures: Figure[] = [];
  const lf = summarise(lfRuns.map((r) => r.target));
  const nr = summarise(nrRuns);
  const bare = summarise(bareRuns);
  if (lf) {
    const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? `${round(a / b, 2)}x` : 'n/a');
    if (nr) {
      lines.push(
        `Ledgerflow / Node-RED: req/s ${ratio(lf.reqPerSec, nr.reqPerSec)}, p50 ${ratio(lf.p50Ms, nr.p50Ms)}, p99 ${ratio(lf.p99Ms, nr.p99Ms)}, ` +
          `peak RSS ${ratio(lf.rssMb, nr.rssMb)}, CPU per request ${ratio(lf.cpuUsPerReq, nr.cpuUsPerReq)}`,
      );
    }
    if (bare) lines.push(`Ledgerflow / bare limit: req/s ${ratio(lf.reqPerSec, bare.reqPerSec)}, CPU per request ${ratio(lf.cpuUsPerReq, bare.cpuUsPerReq)}`);
    const sum = (pick: (r: { target: TargetResult; recorded: Recorded }) => number) => lfRuns.reduce((a, r) => a + pick(r), 0);
    const ok2xx = sum((r) => r.target.load.ok2xx);
    const inHistory = sum((r) => r.recorded.inHistory);
    const complete = sum((r) => r.recorded.completeInHistory);
    const headers = sum((r) => r.recorded.answered);
    const historyTotal = sum((r) => r.recorded.historyTotal);
    const sampledOk = sum((r) => r.recorded.sampledOk);
    const sampled = sum((r) => r.recorded.sampled);
    const diskChecked = lfRuns.every((r) => r.recorded.onDisk !== undefined);
    const onDisk = sum((r) => r.recorded.onDisk ?? 0);
    lines.push(
      `runs recorded: ${inHistory} of ${ok2xx} 2xx answers are in GET /api/runs (${complete} succeeded with 3 steps; run-id headers seen: ${headers}; ` +
        `history holds ${historyTotal} W1 runs incl. check, warm-up and requests cut off when the load stopped); ` +
        `full records checked: ${sampledOk}/${sampled}; complete in the run log on disk after shutdown: ${diskChecked ? onDisk : 'not checked'}` +
        (rounds > 1 ? ' (all rounds)' : ''),
    );
    const allRecorded = inHistory === ok2xx && complete === ok2xx && (!diskChecked || onDisk === ok2xx) && sampledOk === sampled;
    lines.push(allRecorded ? 'every answered run is recorded: yes' : 'every answered run is recorded: NO');
    const peer = (value: number | undefined) => (value !== undefined ? { peer: 'node-red', peer_value: value } : {});
    figures.push(
      { workload: 'W1', figure: 'req_s', value: round(lf.reqPerSec), ...peer(nr && round(nr.reqPerSec)) },
      { workload: 'W1', figure: 'p99_ms', value: lf.p99Ms, ...peer(nr?.p99Ms) },
      { workload: 'W1', figure: 'rss_mb', value: round(lf.rssMb, 1), ...peer(nr && round(nr.rssMb, 1)) },
      { workload: 'W1', figure: 'runs_recorded', value: inHistory },
    );
    if (!allRecorded) process.exitCode = 1;
  }
  lines.push(...notes);
  return { lines, figures };
}

export const w1: Workload = { name: 'W1', title: 'map and respond', run };
