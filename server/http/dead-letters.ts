/**
 * The dead-letter queue API under `/api/dead-letters`: list, filter and search parked runs, count them
 * (`GET /stats`), inspect one, edit its payload, replay one or many, discard with a reason.
 *
 * A replay is a new run on the flow's latest published version, linked to the letter (`replayOf`), with
 * the letter's correlation id and the root run id of its chain, so outbound idempotency keys are the ones
 * the failed run used: a step that had in fact reached the ERP cannot post twice (case R2).
 */
import express, { type Router } from 'express';
import { z } from 'zod';
import type { Json } from '../../nodes/sdk/message.js';
import type { Executor } from '../runtime/executor.js';
import type { PublishedFlows } from '../runtime/published.js';
import type { DeadLetter, DeadLetterStore, GuardStore } from '../storage/types.js';
import { HttpProblem, parseRequest } from './problem.js';

const ListQuery = z.object({
  flowId: z.string().optional(),
  status: z.enum(['parked', 'replayed', 'discarded']).optional(),
  search: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const EditBody = z.object({ input: z.json() });
const DiscardBody = z.object({ reason: z.string().trim().min(3, 'say why the letter is discarded').max(500) });
const ReplayManyBody = z.object({ ids: z.array(z.string()).min(1).max(500) });

export function deadLettersRouter(options: { deadLetters: DeadLetterStore; guards: GuardStore; published: PublishedFlows; executor: Executor }): Router {
  const { deadLetters, guards, published, executor } = options;
  const router = express.Router();

  const parked = (id: string): DeadLetter => {
    const letter = deadLetters.get(id);
    if (!letter) throw new HttpProblem(404, 'not-found', `No dead letter "${id}"`);
    if (letter.status !== 'parked') throw new HttpProblem(409, 'not-parked', `Dead letter "${id}" is ${letter.status}, not parked`);
    return letter;
  };

  /** Starts the replay run of a parked letter; @throws HttpProblem 409 when the flow is not published. */
  const replay = (id: string): { id: string; runId: string } => {
    const letter = parked(id);
    const compiled = published.get(letter.flowId);
    if (!compiled) throw new HttpProblem(409, 'not-published', `Flow "${letter.flowId}" has no published version to replay on`);
    const trigger = compiled.nodes.has(letter.triggerNodeId) ? letter.triggerNodeId : compiled.triggers[0]?.node.id;
    const run = executor.start({
      compiled,
      mode: 'replay',
      input: letter.input,
      ...(trigger ? { triggerNodeId: trigger } : {}),
      ...(letter.request ? { request: letter.request } : {}),
      correlationId: letter.correlationId,
      replayOf: letter.id,
      rootRunId: letter.rootRunId,
    });
    deadLetters.update(id, { status: 'replayed', replays: [...letter.replays, run.runId] });
    return { id, runId: run.runId };
  };

  router.get('/', (req, res) => {
    res.json(deadLetters.list(parseRequest(ListQuery, req.query, 'dead-letter query')));
  });
  /** Parked letters and the age of the oldest (ms), for the header badge: cheap, no payloads. */
  router.get('/stats', (_req, res) => {
    res.json(deadLetters.stats(Date.now()));
  });
  router.get('/:id', (req, res) => {
    const letter = deadLetters.get(req.params.id);
    if (!letter) throw new HttpProblem(404, 'not-found', `No dead letter "${req.params.id}"`);
    res.json(letter);
  });
  router.put('/:id/input', (req, res) => {
    parked(req.params.id);
    const { input } = parseRequest(EditBody, req.body, 'edit');
    res.json(deadLetters.update(req.params.id, { input: input as Json, edited: true }));
  });
  router.post('/:id/replay', (req, res) => {
    res.status(202).json(replay(req.params.id));
  });
  router.post('/replay', (req, res) => {
    const { ids } = parseRequest(ReplayManyBody, req.body, 'replay');
    const results = ids.map((id) => {
      try {
        return replay(id);
      } catch (error) {
        return { id, error: (error as Error).message };
      }
    });
    res.status(202).json(results);
  });
  router.post('/:id/discard', (req, res) => {
    parked(req.params.id);
    const { reason } = parseRequest(DiscardBody, req.body, 'discard');
    // The event is given up: its business keys are free again, so a later delivery is processed.
    guards.releaseOwner(deadLetters.get(req.params.id)!.rootRunId);
    res.json(deadLetters.update(req.params.id, { status: 'discarded', discardReason: reason, discardedAt: new Date().toISOString() }));
  });
  return router;
}
