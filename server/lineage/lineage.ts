/**
 * Lineage of one id (`GET /api/lineage?id=`): the chain opportunity → subscription → invoice → ERP
 * document it belongs to, the runs that touched each id, and the gaps (an invoice with no ERP document…).
 *
 * Built from two sources: xref links (durable, outlive run retention) and the business keys of runs (two
 * ids recorded by one run belong together: the invoice run records the invoice, its subscription and the
 * ERP invoice it posted). From the ids found for the query, the walk goes up the chain (to earlier stages
 * only) and down the chain (to later stages only), never up then down, so the lineage of an invoice shows
 * its subscription and opportunity but not the subscription's other invoices. Parties (account, customer)
 * are shown beside the chain, not walked through (one customer would pull in every deal). Edges that skip
 * a stage are dropped when the stage in between connects them (transitive reduction), so the tree reads
 * opportunity → subscription → invoice → ERP document even though the invoice run names all four.
 */
import type { XrefRef } from '../../nodes/sdk/context.js';
import type { RunStatus, RunSummary, XrefStore } from '../storage/types.js';
import { otherEnd, refKey } from '../storage/xref.js';
import { STAGE_LABELS, STAGES, kindOf, refsOfKeys, stageIndex, type Stage } from './entities.js';

export interface LineageSources {
  xref: Pick<XrefStore, 'find' | 'linksOf'>;
  /** Runs that recorded `value` as any business key, newest first. */
  runsWithKey(value: string): Promise<RunSummary[]>;
}

/** A run as lineage shows it. */
export interface LineageRun {
  runId: string;
  flowId: string;
  flowVersion: number;
  mode: RunSummary['mode'];
  status: RunStatus;
  startedAt: string;
  finishedAt?: string;
  businessKeys: Record<string, string>;
  error?: { code: string; message: string; nodeId?: string };
}

export interface LineageRef extends XrefRef {
  /** "CRM opportunity", "ERP invoice"… */
  label: string;
}

export interface LineageGap {
  /** `downstream`: the next stage is missing; `upstream`: nothing links this id to an earlier stage. */
  kind: 'downstream' | 'upstream';
  expected: Stage;
  /** For people: `invoice in_… has no ERP document`. */
  message: string;
  /** The newest failed run that touched this id: where it stopped. */
  failedRun?: LineageRun;
}

export interface LineageNode {
  ref: LineageRef;
  stage: Stage;
  /** Runs that recorded this id, newest first. */
  runs: LineageRun[];
  /** Accounts and customers linked to this id. */
  parties: LineageRef[];
  children: LineageNode[];
  gaps: LineageGap[];
}

export interface Lineage {
  id: string;
  /** Every ref with this id (xref or business keys). Empty: the id is unknown. */
  matches: LineageRef[];
  /** Topmost ids of the chain(s) the query belongs to. */
  roots: LineageNode[];
  /** Every gap in the tree, in tree order, with the id it belongs to. */
  gaps: Array<LineageGap & { ref: LineageRef }>;
  /** Every run involved, newest first (also runs that recorded the id under a key off the chain). */
  runs: LineageRun[];
  /** True when the walk stopped at its bound (`maxIds`). */
  truncated: boolean;
}

export interface LineageOptions {
  /** Upper bound of ids walked (default 200). */
  maxIds?: number;
}

function toRun(run: RunSummary): LineageRun {
  return {
    runId: run.id,
    flowId: run.flowId,
    flowVersion: run.flowVersion,
    mode: run.mode,
    status: run.status,
    startedAt: run.startedAt,
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
    businessKeys: { ...run.businessKeys },
    ...(run.error ? { error: { code: run.error.code, message: run.error.message, ...(run.error.nodeId ? { nodeId: run.error.nodeId } : {}) } } : {}),
  };
}

const labelled = (ref: XrefRef): LineageRef => ({ system: ref.system, entity: ref.entity, id: ref.id, label: kindOf(ref).label });
const newestRunFirst = (a: LineageRun, b: LineageRun) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0);

/** Builds the lineage of `id`. Never throws for unknown ids: `matches` is empty. */
export async function buildLineage(id: string, sources: LineageSources, options: LineageOptions = {}): Promise<Lineage> {
  const maxIds = options.maxIds ?? 200;
  const runCache = new Map<string, RunSummary[]>();
  const runsWith = async (value: string) => {
    let runs = runCache.get(value);
    if (!runs) runCache.set(value, (runs = await sources.runsWithKey(value)));
    return runs;
  };
  const allRuns = new Map<string, LineageRun>();
  const remember = (run: RunSummary) => {
    if (!allRuns.has(run.id)) allRuns.set(run.id, toRun(run));
    return allRuns.get(run.id)!;
  };

  /** Runs that recorded `ref` under a key naming its entity. */
  const runsOf = async (ref: XrefRef): Promise<RunSummary[]> =>
    (await runsWith(ref.id)).filter((run) => refsOfKeys(run.businessKeys).some((r) => r.system === ref.system && r.entity === ref.entity && r.id === ref.id));

  const neighbourCache = new Map<string, XrefRef[]>();
  /** Ids linked to `ref`: through the xref, and through runs that recorded both. */
  const neighbours = async (ref: XrefRef): Promise<XrefRef[]> => {
    const key = refKey(ref);
    const cached = neighbourCache.get(key);
    if (cached) return cached;
    const found = new Map<string, XrefRef>();
    for (const link of await sources.xref.linksOf(ref)) {
      const other = otherEnd(link, ref);
      found.set(refKey(other), other);
    }
    for (const run of await runsOf(ref)) {
      for (const other of refsOfKeys(run.businessKeys)) {
        const plain = { system: other.system, entity: other.entity, id: other.id };
        if (refKey(plain) !== key) found.set(refKey(plain), plain);
      }
    }
    const list = [...found.values()];
    neighbourCache.set(key, list);
    return list;
  };

  // 1. The refs the query names.
  const matches = new Map<string, XrefRef>();
  for (const ref of await sources.xref.find(id)) matches.set(refKey(ref), ref);
  const queryRuns = await runsWith(id);
  for (const run of queryRuns) {
    remember(run);
    for (const ref of refsOfKeys(run.businessKeys)) if (ref.id === id) matches.set(refKey(ref), { system: ref.system, entity: ref.entity, id: ref.id });
  }

  // 2. Walk up and down the chain from the chain ids among them.
  const nodes = new Map<string, XrefRef>();
  const down = new Map<string, Set<string>>(); // ref key → ref keys one or more stages later
  const addEdge = (upper: XrefRef, lower: XrefRef) => {
    const set = down.get(refKey(upper)) ?? new Set<string>();
    set.add(refKey(lower));
    down.set(refKey(upper), set);
  };
  let truncated = false;
  const walk = async (start: XrefRef, direction: 'up' | 'down') => {
    const queue = [start];
    const seen = new Set([refKey(start)]);
    while (queue.length) {
      const ref = queue.shift()!;
      const at = stageIndex(ref)!;
      for (const next of await neighbours(ref)) {
        const stage = stageIndex(next);
        if (stage === undefined || (direction === 'down' ? stage <= at : stage >= at)) continue;
        if (direction === 'down') addEdge(ref, next);
        else addEdge(next, ref);
        const key = refKey(next);
        if (seen.has(key)) continue;
        if (nodes.size >= maxIds) {
          truncated = true;
          continue;
        }
        seen.add(key);
        nodes.set(key, next);
        queue.push(next);
      }
    }
  };
  const starts = [...matches.values()].filter((ref) => stageIndex(ref) !== undefined);
  for (const ref of starts) nodes.set(refKey(ref), ref);
  for (const ref of starts) {
    await walk(ref, 'up');
    await walk(ref, 'down');
  }

  // 3. Drop edges that skip a stage when a longer path connects the same ids.
  const reachable = (from: string, to: string, skip: string): boolean => {
    const stack = [...(down.get(from) ?? [])].filter((k) => k !== skip);
    const seen = new Set<string>();
    while (stack.length) {
      const key = stack.pop()!;
      if (key === to) return true;
      if (seen.has(key)) continue;
      seen.add(key);
      stack.push(...(down.get(key) ?? []));
    }
    return false;
  };
  for (const [from, targets] of down) {
    for (const to of [...targets]) if (reachable(from, to, to)) targets.delete(to);
  }

  // 4. The tree, with runs, parties and gaps per id.
  const hasParent = new Set([...down].filter(([from]) => nodes.has(from)).flatMap(([, set]) => [...set]));
  const gaps: Lineage['gaps'] = [];
  const build = async (key: string, path: Set<string>): Promise<LineageNode> => {
    const ref = nodes.get(key)!;
    const stage = STAGES[stageIndex(ref)!]!;
    const runs = (await runsOf(ref)).map(remember).sort(newestRunFirst);
    const parties = (await neighbours(ref)).filter((r) => stageIndex(r) === undefined).map(labelled);
    const childKeys = [...(down.get(key) ?? [])].filter((k) => nodes.has(k) && !path.has(k)).sort();
    const node: LineageNode = { ref: labelled(ref), stage, runs, parties, children: [], gaps: [] };
    const at = STAGES.indexOf(stage);
    if (!hasParent.has(key) && at > 0) {
      const expected = STAGES[at - 1]!;
      node.gaps.push({ kind: 'upstream', expected, message: `${STAGE_LABELS[stage]} ${ref.id} is linked to no ${STAGE_LABELS[expected]}` });
    }
    if (childKeys.length === 0 && at < STAGES.length - 1) {
      const expected = STAGES[at + 1]!;
      const failedRun = runs.find((run) => run.status === 'failed' || run.status === 'interrupted');
      const running = runs.some((run) => run.status === 'running');
      const article = /^[aeiouAEIOU]/.test(STAGE_LABELS[expected]) ? 'an' : 'a';
      const because = failedRun
        ? `: run ${failedRun.runId} (${failedRun.flowId}) ${failedRun.status}${failedRun.error?.nodeId ? ` at ${failedRun.error.nodeId}` : ''}${failedRun.error ? ` — ${failedRun.error.message}` : ''}`
        : running
          ? ' yet: a run is still going'
          : '';
      node.gaps.push({
        kind: 'downstream',
        expected,
        message: `${STAGE_LABELS[stage]} ${ref.id} has no ${STAGE_LABELS[expected]}${because}`,
        ...(failedRun ? { failedRun } : {}),
      });
    }
    for (const gap of node.gaps) gaps.push({ ...gap, ref: node.ref });
    const inner = new Set(path).add(key);
    for (const child of childKeys) node.children.push(await build(child, inner));
    return node;
  };
  const rootKeys = [...nodes.keys()].filter((key) => !hasParent.has(key)).sort((a, b) => stageIndex(nodes.get(a)!)! - stageIndex(nodes.get(b)!)! || a.localeCompare(b));
  const roots: LineageNode[] = [];
  for (const key of rootKeys) roots.push(await build(key, new Set()));

  return {
    id,
    matches: [...matches.values()].map(labelled),
    roots,
    gaps,
    runs: [...allRuns.values()].sort(newestRunFirst),
    truncated,
  };
}
