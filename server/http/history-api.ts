/**
 * Run history, dashboard and audience endpoints under `/api` (docs/api.md, "History and metrics"):
 * - `GET /runs/:id/input`, `GET /runs/:id/steps/:seq`: values the run detail truncated, in full, by id;
 * - `POST /runs/:id/rerun-from/:seq`: a new run on the version the run ran, replaying its steps before step
 *   `seq` from the record and running that step's node and what follows again;
 * - `POST /runs/:id/rerun`: a new run of the flow's latest published version on the same stored input
 *   (nothing is uploaded: the server reads the input from the record);
 * - `GET /stats?flowId=&window=&buckets=`: latency, failure rate, SLOs per flow, backlog, dead-letter aging;
 * - `GET /views/finance`, `GET /views/architecture`: the first screens of finance operations and architects.
 * Mounted before the main API router; routes it does not serve fall through.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Flow } from '../../nodes/sdk/flow.js';
import { compileFlow } from '../runtime/compile.js';
import type { Executor } from '../runtime/executor.js';
import type { PublishedFlows } from '../runtime/published.js';
import { financeView, flowConnections } from '../observability/audiences.js';
import type { BacklogSampler } from '../observability/backlog.js';
import { agingBands, flowStats, isServiceRun, WINDOWS } from '../observability/stats.js';
import type { RunSummary, Storage } from '../storage/types.js';
import { HttpProblem, parseRequest } from './problem.js';

const StatsQuery = z.object({
  flowId: z.string().optional(),
  window: z.enum(Object.keys(WINDOWS) as [string, ...string[]]).default('1h'),
  buckets: z.coerce.number().int().min(1).max(500).default(60),
});
const Seq = z.coerce.number().int().min(1);

export interface HistoryApiOptions {
  storage: Storage;
  published: PublishedFlows;
  executor: Executor;
  backlog?: BacklogSampler;
  now?: () => number;
}

export function historyRouter({ storage, published, executor, backlog, now = Date.now }: HistoryApiOptions): Router {
  const router = express.Router();

  const requireRun = async (id: string) => {
    const run = await storage.runs.getRun(id);
    if (!run) throw new HttpProblem(404, 'not-found', `No run "${id}"`);
    return run;
  };

  /** Each flow's latest published version, else its draft. */
  const currentFlows = async (): Promise<Flow[]> => {
    const out: Flow[] = [];
    for (const summary of await storage.flows.list()) {
      const latest = await storage.versions.latest(summary.id);
      const flow = latest?.flow ?? (await storage.flows.get(summary.id))?.flow;
      if (flow) out.push(flow);
    }
    return out;
  };

  router.get('/runs/:id/input', async (req, res) => {
    res.json((await requireRun(req.params.id)).input);
  });

  router.get('/runs/:id/steps/:seq', async (req, res) => {
    const seq = parseRequest(Seq, req.params.seq, 'step number');
    const step = (await requireRun(req.params.id)).steps.find((s) => s.seq === seq);
    if (!step) throw new HttpProblem(404, 'not-found', `Run "${req.params.id}" has no step ${seq}`);
    res.json(step);
  });

  router.post('/runs/:id/rerun-from/:seq', async (req, res) => {
    const run = await requireRun(req.params.id);
    const seq = parseRequest(Seq, req.params.seq, 'step');
    if (run.flowVersion === 0) throw new HttpProblem(409, 'draft-run', 'A test run of a draft cannot be re-run from a step: it ran no published version');
    const version = await storage.versions.get(run.flowId, run.flowVersion);
    if (!version) throw new HttpProblem(409, 'version-gone', `Version ${run.flowVersion} of flow "${run.flowId}" is gone`);
    if (!run.steps.some((s) => s.seq === seq)) throw new HttpProblem(404, 'not-found', `Run "${run.id}" has no step ${seq}`);
    const started = executor.rerunFrom(run, compileFlow(version.flow, version.version), seq);
    await storage.runs.flush();
    res.status(202).json({ runId: started.runId, correlationId: started.correlationId, flowId: run.flowId, flowVersion: run.flowVersion, replayOf: run.id, fromSeq: seq });
  });
  router.post('/runs/:id/rerun', async (req, res) => {
    const run = await requireRun(req.params.id);
    const compiled = published.get(run.flowId);
    if (!compiled) throw new HttpProblem(409, 'not-published', `Flow "${run.flowId}" has no published version to run`);
    const trigger = compiled.nodes.get(run.triggerNodeId);
    // Same root run: outbound idempotency keys are the original's, so a re-run cannot post twice (case R2).
    const started = executor.start({
      compiled,
      mode: 'replay',
      input: run.input,
      ...(trigger?.definition.category === 'trigger' ? { triggerNodeId: trigger.node.id } : {}),
      ...(run.request ? { request: run.request } : {}),
      correlationId: run.correlationId,
      replayOf: run.id,
      rootRunId: run.rootRunId,
    });
    await storage.runs.flush();
    res.status(202).json({ runId: started.runId, correlationId: started.correlationId, flowId: run.flowId, flowVersion: compiled.version, replayOf: run.id });
  });

  router.get('/stats', async (req, res) => {
    const query = parseRequest(StatsQuery, req.query, 'stats query');
    const at = now();
    const windowMs = WINDOWS[query.window]!;
    const flows = (await currentFlows()).filter((f) => !query.flowId || f.id === query.flowId);
    const longest = Math.max(windowMs, ...flows.flatMap((f) => (f.settings.slos ?? []).map((s) => s.windowMs ?? 86_400_000)));
    const byFlow = new Map<string, RunSummary[]>();
    storage.runs.scanRuns({ ...(query.flowId ? { flowId: query.flowId } : {}), from: new Date(at - longest).toISOString() }, (run) => {
      if (!isServiceRun(run)) return;
      let list = byFlow.get(run.flowId);
      if (!list) byFlow.set(run.flowId, (list = []));
      list.push(run as RunSummary);
    });
    const windowStart = new Date(at - windowMs).toISOString();
    const letters = storage.deadLetters.list({ status: 'parked', limit: 1000, ...(query.flowId ? { flowId: query.flowId } : {}) });
    const deadStats = storage.deadLetters.stats(at);
    res.json({
      now: at,
      window: query.window,
      windowMs,
      bucketMs: windowMs / query.buckets,
      flows: flows.map((flow) => {
        const all = byFlow.get(flow.id) ?? [];
        const stats = flowStats(flow.id, all.filter((r) => r.startedAt >= windowStart), { now: at, windowMs, buckets: query.buckets, slos: flow.settings.slos ?? [], sloRuns: all });
        const mine = letters.filter((l) => l.flowId === flow.id);
        return {
          ...stats,
          name: flow.name,
          deadLetters: { parked: mine.length, oldestAgeMs: mine.length ? at - Math.min(...mine.map((l) => Date.parse(l.parkedAt))) : 0, aging: agingBands(mine.map((l) => l.parkedAt), at) },
        };
      }),
      backlog: { active: executor.activeRuns, queued: executor.queuedRuns, series: backlog?.since(at - windowMs) ?? [] },
      deadLetters: query.flowId ? { parked: letters.length, oldestAgeMs: letters.length ? at - Math.min(...letters.map((l) => Date.parse(l.parkedAt))) : 0 } : deadStats,
    });
  });

  router.get('/views/finance', async (_req, res) => {
    const at = now();
    const running: RunSummary[] = [];
    storage.runs.scanRuns({ from: new Date(at - 30 * 86_400_000).toISOString() }, (run) => {
      if (run.status === 'running') running.push(run as RunSummary);
    });
    res.json(financeView(await currentFlows(), storage.deadLetters.list({ status: 'parked', limit: 1000 }), running, { now: at }));
  });

  router.get('/views/architecture', async (_req, res) => {
    const summaries = await storage.flows.list();
    const out = [];
    for (const summary of summaries) {
      const latest = await storage.versions.latest(summary.id);
      const flow = latest?.flow ?? (await storage.flows.get(summary.id))?.flow;
      if (!flow) continue;
      out.push({
        flowId: flow.id,
        name: flow.name,
        description: flow.description,
        updatedAt: summary.updatedAt,
        publishedVersion: latest?.version,
        versions: await storage.versions.list(flow.id),
        triggers: flow.nodes.filter((n) => n.type.startsWith('trigger.')).map((n) => ({ nodeId: n.id, type: n.type, path: (n.config as { path?: string }).path })),
        connections: flowConnections(flow),
        nodeCount: flow.nodes.length,
        slos: flow.settings.slos ?? [],
      });
    }
    res.json(out);
  });

  return router;
}
