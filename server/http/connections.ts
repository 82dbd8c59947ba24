/**
 * Connection governance API under `/api/connections`: the state of each target system (hold, circuit,
 * throttle, waiting steps), putting one on hold for a maintenance window, releasing it, and setting limits.
 * With connection profiles, the list also carries each profile (never its secrets) and
 * `GET|PUT|DELETE /api/connections/:name` manage them (connection-profiles.ts).
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { ConnectionProfiles } from '../connections/index.js';
import type { ConnectionGovernor } from '../runtime/connections.js';
import { connectionEntries, mountProfileRoutes } from './connection-profiles.js';
import { HttpProblem, parseRequest } from './problem.js';

const Name = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/).max(100);
const HoldBody = z.object({
  reason: z.string().trim().min(3, 'say why the connection is held').max(500),
  /** ISO 8601 end of the maintenance window; absent: until released. */
  until: z.iso.datetime({ offset: true }).optional(),
});
/** An absent limit is left as it is; `null` removes it (back to unlimited, or to the default). */
const LimitsBody = z.object({
  rps: z.number().positive().max(10_000).nullable().optional(),
  failureThreshold: z.number().int().min(1).max(1000).nullable().optional(),
  halfOpenAfterMs: z.number().int().min(100).max(3_600_000).nullable().optional(),
});

export function connectionsRouter(governor: ConnectionGovernor, profiles?: ConnectionProfiles): Router {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.json(connectionEntries(governor, profiles));
  });
  router.put('/:name/hold', (req, res) => {
    const name = parseRequest(Name, req.params.name, 'connection name');
    const body = parseRequest(HoldBody, req.body, 'hold');
    if (body.until && Date.parse(body.until) <= Date.now()) throw new HttpProblem(400, 'invalid-request', 'hold: until is in the past');
    res.json(governor.hold(name, body.reason, body.until ? Date.parse(body.until) : undefined));
  });
  router.delete('/:name/hold', (req, res) => {
    res.json(governor.release(parseRequest(Name, req.params.name, 'connection name')));
  });
  router.put('/:name/limits', (req, res) => {
    const body = parseRequest(LimitsBody, req.body, 'limits');
    // An own property set to undefined removes the limit (setLimits spreads it over the saved control).
    const limits = Object.fromEntries(Object.entries(body).map(([key, value]) => [key, value ?? undefined])) as Parameters<ConnectionGovernor['setLimits']>[1];
    res.json(governor.setLimits(parseRequest(Name, req.params.name, 'connection name'), limits));
  });
  if (profiles) mountProfileRoutes(router, governor, profiles, (value) => parseRequest(Name, value, 'connection name'));
  return router;
}
