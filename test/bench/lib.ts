/**
 * Shared pieces of the benchmark programs (`npm run bench`): the workload contract, the JSON-line report
 * format of /work/shared/bench/README.md, child processes that are always stopped, free ports, peak-RSS
 * sampling and an autocannon wrapper.
 */
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import autocannon from 'autocannon';

export const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The shared workload definitions and peers (override with LEDGERFLOW_BENCH_SHARED). */
export const sharedBench = process.env.LEDGERFLOW_BENCH_SHARED ?? '/work/shared/bench';

/** One measured figure, printed as one JSON line (README: "How the project's benchmarks report"). */
export interface Figure {
  workload: string;
  figure: string;
  value: number;
  peer?: string;
  peer_value?: number;
}

export interface WorkloadResult {
  /** Human-readable lines (the table and notes). */
  lines: string[];
  figures: Figure[];
}

export interface BenchContext {
  procs: ProcessSet;
  /** Progress output (stderr, so stdout stays table + JSON lines). */
  log(message: string): void;
}

export interface Workload {
  name: string;
  title: string;
  run(ctx: BenchContext): Promise<WorkloadResult>;
}

export function figureLine(figure: Figure): string {
  const { workload, figure: name, value, peer, peer_value } = figure;
  return JSON.stringify({ workload, figure: name, value, ...(peer !== undefined && peer_value !== undefined ? { peer, peer_value } : {}) });
}

export function round(value: number, digits = 0): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** Renders rows as a plain-text table (first row is the header). */
export function table(rows: Array<Array<string | number>>): string[] {
  const cells = rows.map((row) => row.map(String));
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const fmt = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [fmt(cells[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(fmt)];
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Every process a benchmark starts, so that all of them are stopped at the end, also on error or Ctrl-C. */
export class ProcessSet {
  /** pid → name and whether the pid leads its own process group (then the whole group is signalled). */
  private readonly pids = new Map<number, { name: string; group: boolean }>();

  /**
   * Starts a child process and tracks it (stdout and stderr are pipes the caller may read).
   * `group`: the child leads a new process group and stopping it signals the whole group (for scripts that
   * start background processes of their own).
   */
  spawn(name: string, command: string, args: string[], options: SpawnOptions, group = false): ChildProcess {
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], ...options, detached: group });
    if (child.pid === undefined) throw new Error(`could not start ${name} (${command})`);
    const pid = child.pid;
    this.pids.set(pid, { name, group });
    child.once('exit', () => {
      if (!group) this.pids.delete(pid);
    });
    return child;
  }

  /** Tracks a process started by someone else (e.g. a start script that prints a PID). */
  adopt(pid: number, name: string): void {
    this.pids.set(pid, { name, group: false });
  }

  /** Stops tracking a process group leader that has exited normally (its group members live on by design). */
  forget(pid: number): void {
    this.pids.delete(pid);
  }

  private signal(pid: number, group: boolean, signal: NodeJS.Signals | 0): boolean {
    try {
      process.kill(group ? -pid : pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** SIGTERM, then SIGKILL after `graceMs` if it is still there. Resolves when it is gone. */
  async stop(pid: number, graceMs = 8000): Promise<void> {
    const group = this.pids.get(pid)?.group ?? false;
    this.pids.delete(pid);
    const gone = () => !(group ? this.signal(pid, true, 0) : alive(pid));
    if (gone() || !this.signal(pid, group, 'SIGTERM')) return;
    for (let waited = 0; waited < graceMs; waited += 50) {
      if (gone()) return;
      await sleep(50);
    }
    this.signal(pid, group, 'SIGKILL');
    for (let waited = 0; waited < 2000 && !gone(); waited += 50) await sleep(50);
  }

  async stopAll(graceMs?: number): Promise<void> {
    await Promise.all([...this.pids.keys()].map((pid) => this.stop(pid, graceMs)));
  }

  /** Temp folders to delete if the benchmark is interrupted (workloads delete their own in the normal path). */
  readonly tempDirs = new Set<string>();

  /** Last resort on process exit (synchronous): SIGKILL whatever is left, delete registered temp folders. */
  killAllNow(): void {
    for (const [pid, { group }] of this.pids) this.signal(pid, group, 'SIGKILL');
    this.pids.clear();
    for (const dir of this.tempDirs) rmSync(dir, { recursive: true, force: true });
    this.tempDirs.clear();
  }
}

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls `probe` until it resolves truthy; throws after `timeoutMs` or when `stillAlive` says no. */
export async function waitFor(what: string, probe: () => Promise<boolean>, timeoutMs: number, stillAlive?: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (stillAlive && !stillAlive()) throw new Error(`${what}: the process exited`);
    try {
      if (await probe()) return;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) throw new Error(`${what}: not ready after ${timeoutMs} ms`);
    await sleep(100);
  }
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Peak resident memory of a process: the kernel's high-water mark (VmHWM) when readable, else the largest
 * VmRSS seen by sampling every 100 ms. Call `peakMb()` before stopping the process.
 */
export function watchRss(pid: number): { peakMb(): number; stop(): void } {
  let sampled = statusKb(pid, 'VmRSS') ?? 0;
  const timer = setInterval(() => {
    sampled = Math.max(sampled, statusKb(pid, 'VmRSS') ?? 0);
  }, 100);
  timer.unref();
  return {
    peakMb: () => Math.max(sampled, statusKb(pid, 'VmHWM') ?? 0) / 1024,
    stop: () => clearInterval(timer),
  };
}

/** CPU time (user + system) a process has used so far, in ms (from /proc/<pid>/stat); undefined if unreadable. */
export function cpuTimeMs(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may contain spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of the file)
    return Number.isFinite(ticks) ? (ticks * 1000) / CLOCK_TICKS : undefined;
  } catch {
    return undefined;
  }
}

/** Kernel clock ticks per second for /proc times (USER_HZ; 100 on Linux/x86 and arm64). */
const CLOCK_TICKS = 100;

export interface LoadOptions {
  url: string;
  body: string;
  connections: number;
  seconds: number;
  /** Each response should be exactly this body (others are counted as mismatches). */
  expectBody?: string;
  /** Collect this response header of every 2xx answer (e.g. the run id). */
  collectHeader?: string;
}

export interface LoadResult {
  reqPerSec: number;
  p50Ms: number;
  p99Ms: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  durationS: number;
  collected: string[];
}

/** POSTs `body` as JSON over keep-alive connections for `seconds` (autocannon, programmatic API). */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const collected: string[] = [];
  const header = options.collectHeader?.toLowerCase();
  let mismatches = 0;
  // autocannon refuses `expectBody` together with `requests`, so the body is compared here.
  const result = await autocannon({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    pipelining: 1,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: options.body,
        onResponse: (status, body, _context, headers) => {
          if (options.expectBody !== undefined && body !== options.expectBody) mismatches++;
          if (!header || status < 200 || status > 299) return;
          // autocannon keeps the header names as sent (e.g. X-Ledgerflow-Run-Id).
          for (const name in headers) {
            if (name.length !== header.length || name.toLowerCase() !== header) continue;
            const value = headers[name];
            if (typeof value === 'string') collected.push(value);
            break;
          }
        },
      },
    ],
  });
  return {
    reqPerSec: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches: mismatches + result.mismatches,
    durationS: result.duration,
    collected,
  };
}
