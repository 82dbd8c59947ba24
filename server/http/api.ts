/**
 * The designer's REST API under `/api` (see docs/api.md): flows, publishing, test runs, run history,
 * node types and sample inputs. Every error goes through the problem handler.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import { loadFlow, validateFlow } from '../../nodes/sdk/flow.js';
import { describeNodeTypes, registry } from '../../nodes/registry.js';
import type { Json } from '../../nodes/sdk/message.js';
import { compileFlow } from '../runtime/compile.js';
import type { Executor } from '../runtime/executor.js';
import type { PublishedFlows } from '../runtime/published.js';
import type { Storage } from '../storage/types.js';
import { listSamples, readSample } from '../samples.js';
import { HttpProblem, parseRequest } from './problem.js';
import { runDetail } from './run-detail.js';

const PublishBody = z.object({ message: z.string().max(500).optional() }).default({});
const TestRunBody = z.object({ input: z.unknown(), flow: z.unknown().optional(), triggerNodeId: z.string().optional() });
const RunQuery = z.object({
  flowId: z.string().optional(),
  status: z.enum(['running', 'succeeded', 'failed', 'duplicate', 'interrupted']).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
  before: z.string().optional(),
  flowVersion: z.coerce.number().int().min(0).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  businessKey: z.string().min(1).max(500).optional(),
  correlationId: z.string().min(1).max(200).optional(),
});
const RunDetailQuery = z.object({ maxValueBytes: z.coerce.number().int().min(0).max(100_000_000).optional() });
/** ISO 8601 with an offset → the UTC form run summaries are stored in (so string comparison orders them). */
const utc = (iso: string | undefined) => (iso === undefined ? undefined : new Date(iso).toISOString());

export interface ApiOptions {
  storage: Storage;
  published: PublishedFlows;
  executor: Executor;
  bodyLimit: string;
  sandbox: boolean;
  version: string;
}

export function apiRouter({ storage, published, executor, bodyLimit, sandbox, version }: ApiOptions): Router {
  const router = express.Router();
  router.use(express.json({ limit: bodyLimit, type: ['application/json', 'application/*+json'] }));

  const requireFlow = async (flowId: string) => {
    const entry = await storage.flows.get(flowId);
    if (!entry) throw new HttpProblem(404, 'not-found', `No flow "${flowId}"`);
    return entry;
  };

  router.get('/health', (_req, res) => {
    res.json({ ok: true, version, sandbox });
  });
  router.get('/node-types', (_req, res) => {
    res.json(describeNodeTypes());
  });

  router.get('/flows', async (_req, res) => {
    res.json(await storage.flows.list());
  });
  router.get('/flows/:id', async (req, res) => {
    const { flow, updatedAt } = await requireFlow(req.params.id);
    const latest = await storage.versions.latest(flow.id);
    res.json({ flow, updatedAt, issues: validateFlow(flow, registry), ...(latest ? { publishedVersion: latest.version } : {}) });
  });
  router.put('/flows/:id', async (req, res) => {
    const flow = loadFlow(req.body, registry);
    if (flow.id !== req.params.id) {
      throw new HttpProblem(409, 'id-mismatch', `The body is flow "${flow.id}" but the URL names "${req.params.id}"`);
    }
    const { updatedAt } = await storage.flows.put(flow);
    res.json({ flow, updatedAt, issues: validateFlow(flow, registry) });
  });
  router.delete('/flows/:id', async (req, res) => {
    await requireFlow(req.params.id);
    await storage.flows.delete(req.params.id);
    published.withdraw(req.params.id);
    res.status(204).end();
  });
  router.post('/flows/:id/publish', async (req, res) => {
    const body = parseRequest(PublishBody, req.body ?? {}, 'publish');
    const { flow } = await requireFlow(req.params.id);
    const version = await published.publish(flow, body.message);
    res.status(201).json({ flowId: version.flowId, version: version.version, publishedAt: version.publishedAt, message: version.message });
  });
  router.get('/flows/:id/versions', async (req, res) => {
    await requireFlow(req.params.id);
    res.json(await storage.versions.list(req.params.id));
  });
  router.get('/flows/:id/versions/:version', async (req, res) => {
    const number = Number(req.params.version.replace(/^v/, ''));
    const version = Number.isInteger(number) && number > 0 ? await storage.versions.get(req.params.id, number) : undefined;
    if (!version) throw new HttpProblem(404, 'not-found', `No version ${req.params.version} of flow "${req.params.id}"`);
    res.json(version);
  });
  router.post('/flows/:id/test-run', async (req, res) => {
    const body = parseRequest(TestRunBody, req.body, 'test-run');
    const flow = body.flow !== undefined ? loadFlow(body.flow, registry) : (await requireFlow(req.params.id)).flow;
    if (flow.id !== req.params.id) throw new HttpProblem(409, 'id-mismatch', `The body is flow "${flow.id}" but the URL names "${req.params.id}"`);
    const compiled = compileFlow(flow, 0);
    const manual = compiled.triggers.find((t) => t.node.type === 'trigger.manual');
    const run = executor.start({
      compiled,
      mode: 'draft',
      input: (body.input ?? null) as Json,
      triggerNodeId: body.triggerNodeId ?? manual?.node.id ?? compiled.triggers[0]?.node.id,
    });
    res.status(202).json({ runId: run.runId, correlationId: run.correlationId });
  });

  router.get('/runs', async (req, res) => {
    const query = parseRequest(RunQuery, req.query, 'run query');
    res.json(await storage.runs.listRuns({ ...query, from: utc(query.from), to: utc(query.to) }));
  });
  router.get('/runs/:id', async (req, res) => {
    const { maxValueBytes } = parseRequest(RunDetailQuery, req.query, 'run detail query');
    const run = await storage.runs.getRun(req.params.id);
    if (!run) throw new HttpProblem(404, 'not-found', `No run "${req.params.id}"`);
    res.json(runDetail(run, maxValueBytes));
  });

  router.get('/samples', async (_req, res) => {
    res.json(await listSamples());
  });
  router.get('/samples/*name', async (req, res) => {
    const name = (req.params as { name: string[] }).name.join('/');
    const sample = await readSample(name);
    if (sample === undefined) throw new HttpProblem(404, 'not-found', `No sample "${name}"`);
    res.json(sample);
  });

  router.use((req, _res) => {
    throw new HttpProblem(404, 'not-found', `No API route ${req.method} ${req.originalUrl}`);
  });
  return router;
}
