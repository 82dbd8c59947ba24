/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. `BENCH_CPU_PROF=/tmp/prof npm run bench -- W1`):
 * self time by function, self time by package / project file, and inclusive time of the functions that
 * dominate (a sample counts once per function on its stack).
 * Usage: npx tsx test/bench/cpuprofile.ts <file.cpuprofile> [topN] [--window-of=server/http/hooks.ts]
 * (`--window-of`: only the span in which that file ran, i.e. the load; CPUPROFILE_ROOT=<dir>: the checkout the
 * profiled server ran from, when not this one)
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { projectRoot } from './lib.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

function place(url: string): string {
  if (!url) return '';
  let path = url;
  if (url.startsWith('file://')) path = fileURLToPath(url);
  const nm = path.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = path.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  if (path.startsWith('node:')) return `node:${path.slice(5).split('/')[1] ?? path.slice(5)}`;
  if (path.startsWith('/')) return relative(process.env.CPUPROFILE_ROOT ?? projectRoot, path);
  return path;
}

function label(node: ProfileNode): string {
  const { functionName, url, lineNumber, columnNumber } = node.callFrame;
  const where = place(url);
  return `${functionName || '(anonymous)'}${where ? ` ${where}:${lineNumber + 1}:${columnNumber + 1}` : ''}`;
}

/** A frame of the project or of a package (not Node.js internals, not a native or VM pseudo-frame). */
function owned(node: ProfileNode): boolean {
  const { url } = node.callFrame;
  return Boolean(url) && !place(url).startsWith('node:');
}

function group(node: ProfileNode): string {
  const { functionName, url } = node.callFrame;
  if (!url) return functionName || '(native)';
  return place(url);
}

/**
 * "Where the time goes": each sample is charged to the nearest project or package frame on its stack (Node.js
 * internals and natives roll up to their caller: JSON.stringify inside the run log counts as run log, the socket
 * write inside res.json as express response); stacks with no such frame are Node.js's own work.
 */
const RULES: Array<[string, (frame: ProfileNode['callFrame'], where: string) => boolean]> = [
  ['JSONata evaluate (jsonata package)', (_f, w) => w === 'jsonata'],
  ['JSONata wrapper (nodes/sdk/expression.ts: toPlainJson, errors)', (_f, w) => w === 'nodes/sdk/expression.ts'],
  ['run log (server/storage/run-log.ts: JSON.stringify of lines, index, appendFile)', (_f, w) => w === 'server/storage/run-log.ts'],
  ['trace publish (server/realtime/trace-hub.ts)', (_f, w) => w === 'server/realtime/trace-hub.ts'],
  ['trace events (executor emit: event objects)', (f, w) => w === 'server/runtime/executor.ts' && f.functionName === 'emit'],
  ['run id (executor newRunId: randomBytes)', (f, w) => w === 'server/runtime/executor.ts' && f.functionName === 'newRunId'],
  ['pino (logger children / logging)', (_f, w) => w === 'pino' || w.startsWith('pino-') || w === 'sonic-boom'],
  ['express ETag (etag: sha1 of each body)', (_f, w) => w === 'etag'],
  ['express res.json/res.send (headers, content-type, fresh, write)', (f, w) => w === 'express' && /^(send|json|set|header|status|get|contentType|type|vary)$/.test(f.functionName)],
  ['express.raw body reading (body-parser, raw-body)', (_f, w) => ['body-parser', 'raw-body', 'type-is', 'content-type', 'iconv-lite', 'unpipe', 'bytes', 'media-typer', 'mime-types'].includes(w)],
  ['express router & middleware (router, express, parseurl, …)', (_f, w) => ['router', 'express', 'parseurl', 'path-to-regexp', 'finalhandler', 'on-finished', 'debug', 'ee-first', 'fresh', 'qs', 'setprototypeof', 'utils-merge', 'encodeurl', 'statuses', 'depd', 'is-promise', 'accepts', 'negotiator', 'proxy-addr', 'forwarded', 'range-parser', 'merge-descriptors', 'cookie', 'cookie-signature', 'vary'].includes(w)],
  ['webhook handler (server/http/hooks.ts)', (_f, w) => w === 'server/http/hooks.ts'],
  ['per-step http client (server/runtime/http-client.ts)', (_f, w) => w === 'server/runtime/http-client.ts'],
  ['executor (other: start, execute, runNode, step records, timers, AbortController)', (_f, w) => w === 'server/runtime/executor.ts'],
  ['node types (nodes/*.ts)', (_f, w) => w.startsWith('nodes/')],
  ['socket.io / engine.io request hook', (_f, w) => w === 'engine.io' || w === 'socket.io'],
  ['tsx loader (start-up)', (_f, w) => w === 'tsx' || w === 'get-tsconfig' || w === 'esbuild'],
  ['module loading (start-up)', (_f, w) => w === 'node:modules'],
];

/** For stacks without any project or package frame: Node.js's own work. */
function internalCategory(stack: Array<ProfileNode['callFrame']>): string {
  const names = stack.map((f) => f.functionName);
  if (names.includes('listOnTimeout') || names.includes('processTimers')) return 'Node.js timers (no project frame)';
  if (names.some((n) => /^(onStreamRead|parserOnHeadersComplete|parserOnBody|parserOnMessageComplete|socketOnData|onconnection|afterWrite|onWriteComplete|emitCloseNT|socketOnEnd|resetSocketTimeout)$/.test(n)) || stack.some((f) => /_http_|node:net/.test(place(f.url)))) {
    return 'Node.js http core (request parsing, socket reads/writes, no project frame)';
  }
  if (names.includes('processTicksAndRejections') || names.includes('runMicrotasks')) return 'promise / nextTick machinery (no project frame)';
  return `other Node.js internals (${place(stack[0]!.url) || stack[0]!.functionName})`;
}

function category(nodeId: number, byIdMap: Map<number, ProfileNode>, parents: Map<number, number>): string {
  const leaf = byIdMap.get(nodeId)!;
  const name = leaf.callFrame.functionName;
  if (name === '(garbage collector)' || name === '(idle)' || name === '(program)') return name;
  const stack: Array<ProfileNode['callFrame']> = [];
  for (let at: number | undefined = nodeId; at !== undefined; at = parents.get(at)) {
    const node = byIdMap.get(at)!;
    stack.push(node.callFrame);
    if (!owned(node)) continue;
    const where = place(node.callFrame.url);
    for (const [title, test] of RULES) if (test(node.callFrame, where)) return title;
    return `other package or file (${where})`;
  }
  return internalCategory(stack);
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const windowOf = process.argv.find((a) => a.startsWith('--window-of='))?.slice('--window-of='.length);
const file = args[0];
const top = Number(args[1] ?? 30);
if (!file) {
  console.error('usage: npx tsx test/bench/cpuprofile.ts <file.cpuprofile> [topN] [--window-of=<file or package>]');
  console.error('  --window-of: only the span from the first to the last sample with that file on its stack (e.g. server/http/hooks.ts: the load)');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Optional window: keep the samples between the first and the last one whose stack holds `windowOf`.
let from = 0;
let to = profile.samples.length - 1;
if (windowOf) {
  const holds = new Map<number, boolean>();
  const hasFrame = (id: number): boolean => {
    const known = holds.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    const here = place(node.callFrame.url) === windowOf || (parent.has(id) && hasFrame(parent.get(id)!));
    holds.set(id, here);
    return here;
  };
  from = profile.samples.findIndex((id) => hasFrame(id));
  to = profile.samples.length - 1 - [...profile.samples].reverse().findIndex((id) => hasFrame(id));
  if (from < 0) {
    console.error(`no sample has ${windowOf} on its stack`);
    process.exit(1);
  }
}

const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => {
  if (i >= from && i <= to) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
});
const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0);
const idleUs = [...selfUs].filter(([id]) => byId.get(id)!.callFrame.functionName === '(idle)').reduce((a, [, us]) => a + us, 0);
const busyUs = totalUs - idleUs;

const selfByLabel = new Map<string, number>();
const byCategory = new Map<string, number>();
/** Self time charged to the nearest project or package frame on the stack (Node internals and natives roll up). */
const selfByOwner = new Map<string, number>();
const selfByGroup = new Map<string, number>();
const inclusiveByLabel = new Map<string, number>();
for (const [id, us] of selfUs) {
  const node = byId.get(id)!;
  selfByLabel.set(label(node), (selfByLabel.get(label(node)) ?? 0) + us);
  selfByGroup.set(group(node), (selfByGroup.get(group(node)) ?? 0) + us);
  const cat = category(id, byId, parent);
  byCategory.set(cat, (byCategory.get(cat) ?? 0) + us);
  let owner: string | undefined;
  for (let at: number | undefined = id; at !== undefined && !owner; at = parent.get(at)) if (owned(byId.get(at)!)) owner = label(byId.get(at)!);
  owner ??= group(node);
  selfByOwner.set(owner, (selfByOwner.get(owner) ?? 0) + us);
  const seen = new Set<string>();
  for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
    const l = label(byId.get(at)!);
    if (seen.has(l)) continue;
    seen.add(l);
    inclusiveByLabel.set(l, (inclusiveByLabel.get(l) ?? 0) + us);
  }
}

const pct = (us: number) => `${((100 * us) / busyUs).toFixed(1).padStart(5)}%`;
const ms = (us: number) => `${(us / 1000).toFixed(0).padStart(7)} ms`;
const print = (title: string, map: Map<string, number>, n: number) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) console.log(`${ms(us)} ${pct(us)}  ${name}`);
};

console.log(
  `${file}${windowOf ? ` (window: while ${windowOf} ran)` : ''}: ${(totalUs / 1e6).toFixed(2)} s sampled, ${(busyUs / 1e6).toFixed(2)} s busy (not idle); percentages are of busy time`,
);
print('where the time goes (each sample charged to the nearest project / package frame)', byCategory, 100);
print('self time by package / project file', selfByGroup, top);
print('self time by function', selfByLabel, top);
print('self time charged to the nearest project / package function (Node internals roll up to their caller)', selfByOwner, top);
print('inclusive time by function', new Map([...inclusiveByLabel].filter(([l]) => !l.startsWith('(root)'))), top);
