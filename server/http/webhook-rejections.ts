/**
 * `GET /api/webhooks/rejections?flowId=&path=&limit=`: webhook requests refused by their trigger's
 * signature or credential check (newest first, at most 1,000 kept): when, which flow and path, the scheme,
 * the reason (`signature-mismatch`, `signature-expired`…), the status answered, the body's size and SHA-256.
 * Bodies and credentials are never kept.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { WebhookGate } from '../connections/index.js';
import { HttpProblem } from './problem.js';

const Query = z.object({
  flowId: z.string().max(200).optional(),
  path: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

export function webhookRejectionsRouter(gate: WebhookGate): Router {
  const router = express.Router();
  router.get('/rejections', (req, res) => {
    const query = Query.safeParse(req.query);
    if (!query.success) throw new HttpProblem(400, 'invalid-request', `rejections query: ${query.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    res.json(gate.list(query.data));
  });
  return router;
}
