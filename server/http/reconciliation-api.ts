/**
 * Reconciliation reports and schedules under `/api` (docs/api.md, "reconciliation and schedules"):
 * - `GET /api/reconciliation/reports?flowId=&name=&limit=`: kept reports, newest first, without their lists;
 * - `GET /api/reconciliation/reports/:id`: one report with matched keys and every discrepancy;
 * - `GET /api/schedules`: the schedule triggers of published flows, with their next and last runs;
 * - `POST /api/schedules/:flowId/:nodeId/run`: starts a run of a schedule trigger now (202 `{ runId }`).
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Scheduler } from '../runtime/scheduler.js';
import type { ReconciliationStore } from '../storage/types.js';
import { HttpProblem } from './problem.js';

const ReportsQuery = z.object({
  flowId: z.string().max(100).optional(),
  name: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(500).optional(),
});

export function reconciliationRouter(options: { reconciliations: ReconciliationStore; scheduler: Scheduler }): Router {
  const { reconciliations, scheduler } = options;
  const router = express.Router();

  router.get('/reconciliation/reports', async (req, res) => {
    const parsed = ReportsQuery.safeParse(req.query);
    if (!parsed.success) throw new HttpProblem(400, 'invalid-request', `report query: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    res.json(await reconciliations.list(parsed.data));
  });

  router.get('/reconciliation/reports/:id', async (req, res) => {
    const report = await reconciliations.get(req.params.id);
    if (!report) throw new HttpProblem(404, 'not-found', `No reconciliation report "${req.params.id}"`);
    res.json(report);
  });

  router.get('/schedules', (_req, res) => {
    res.json(scheduler.list());
  });

  router.post('/schedules/:flowId/:nodeId/run', (req, res) => {
    const run = scheduler.runNow(req.params.flowId, req.params.nodeId);
    res.status(202).json({ runId: run.runId, correlationId: run.correlationId });
  });

  return router;
}
