/**
 * `npm run bench [-- W1 W2 …]`: runs the named workloads of /work/shared/bench/README.md (default: every
 * known one), one after another. For each: a table for people, then one JSON line per figure, e.g.
 * `{"workload":"W1","figure":"req_s","value":5120,"peer":"node-red","peer_value":2890}`.
 * Progress goes to stderr; stdout carries only the tables and the JSON lines.
 *
 * A workload is a module in test/bench/ exporting a `Workload` (lib.ts); add it to `workloads` below.
 * Every process a workload starts is stopped at the end, also on error or Ctrl-C.
 */
import { figureLine, ProcessSet, type BenchContext, type Workload } from './lib.js';

const workloads: Record<string, () => Promise<Workload>> = {
  W1: async () => (await import('./w1.js')).w1,
  W4: async () => (await import('./w4.js')).w4,
  W3: async () => (await import('./w3.js')).w3,
  W5: async () => (await import('./w5.js')).w5,
};

function parseArgs(argv: string[]): string[] {
  const names = argv.filter((a) => !a.startsWith('-')).map((a) => a.toUpperCase());
  if (names.length === 0) return Object.keys(workloads);
  const unknown = names.filter((n) => !(n in workloads));
  if (unknown.length) {
    console.error(`unknown workload(s): ${unknown.join(', ')}; known: ${Object.keys(workloads).join(', ')}`);
    process.exit(2);
  }
  return [...new Set(names)];
}

const names = parseArgs(process.argv.slice(2));
const procs = new ProcessSet();
process.on('exit', () => procs.killAllNow());
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    console.error(`\n${signal}: stopping every process the benchmark started`);
    // Short grace: a server still under load may not finish a graceful close quickly.
    void procs.stopAll(2000).finally(() => process.exit(130));
  });
}

const ctx: BenchContext = {
  procs,
  log: (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`),
};

let failed = false;
for (const name of names) {
  const workload = await workloads[name]!();
  ctx.log(`${workload.name} — ${workload.title}`);
  try {
    const result = await workload.run(ctx);
    console.log('');
    for (const line of result.lines) console.log(line);
    for (const figure of result.figures) console.log(figureLine(figure));
  } catch (error) {
    failed = true;
    console.log('');
    console.log(`${workload.name} — ${workload.title}: FAILED: ${(error as Error).stack ?? String(error)}`);
  } finally {
    await procs.stopAll();
  }
}
if (failed) process.exitCode = 1;
