/**
 * Connection governance API under `/api/connections`: the state of each target system (hold, circuit,
 * throttle, waiting steps), putting one on hold for a maintenance window, releasing it, and setting limits.
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { ConnectionGovernor } from '../runtime/connections.js';
import { HttpProblem } from './problem.js';

const Name = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).max(100);
const HoldBody = z.object({
  reason: z.string().trim().min(3, 'say why the connection is held').max(500),
  /** ISO 8601 end of the maintenance window; absent: until released. */
  until: z.iso.datetime({ offset: true }).optional(),
});
const LimitsBody = z.object({
  rps: z.number().positive().max(10_000).optional(),
  failureThreshold: z.number().int().min(1).max(1000).optional(),
  halfOpenAfterMs: z.number().int().min(100).max(3_600_000).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => ({ path: i.path, message: i.message }));
  throw new HttpProblem(400, 'invalid-request', `${what}: ${issues.map((i) => `${i.path.join('.') || '(root)'} ${i.message}`).join('; ')}`, { issues });
}

export function connectionsRouter(governor: ConnectionGovernor): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json(governor.status());
  });
  router.put('/:name/hold', (req, res) => {
    const name = parse(Name, req.params.name, 'connection name');
    const body = parse(HoldBody, req.body, 'hold');
    if (body.until && Date.parse(body.until) <= Date.now()) throw new HttpProblem(400, 'invalid-request', 'hold: until is in the past');
    res.json(governor.hold(name, body.reason, body.until ? Date.parse(body.until) : undefined));
  });
  router.delete('/:name/hold', (req, res) => {
    res.json(governor.release(parse(Name, req.params.name, 'connection name')));
  });
  router.put('/:name/limits', (req, res) => {
    res.json(governor.setLimits(parse(Name, req.params.name, 'connection name'), parse(LimitsBody, req.body, 'limits')));
  });
  return router;
}
