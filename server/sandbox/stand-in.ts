/**
 * What every stand-in router shares: the `X-Ledgerflow-Stand-In: <system>` label on every answer, the
 * fault-injection routes and middleware, JSON body parsing, and answers for unknown paths and malformed
 * bodies in the system's own error shape (NetSuite, Stripe or Salesforce).
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import type { FaultInjector } from './faults.js';

export type StandInSystem = 'crm' | 'billing' | 'erp';

export const STAND_IN_HEADER = 'X-Ledgerflow-Stand-In';

/** Largest request body a stand-in reads. */
const BODY_LIMIT = '1mb';

/** A router labelled as `system`, with `/_faults`, JSON parsing and the injector in front of its routes. */
export function openStandInRouter(system: StandInSystem, faults: FaultInjector): Router {
  const router = express.Router();
  router.use((_req, res, next) => {
    res.set(STAND_IN_HEADER, system);
    next();
  });
  router.use(faults.routes());
  router.use(express.json({ limit: BODY_LIMIT }));
  router.use(faults.middleware());
  return router;
}

/**
 * Ends a stand-in router: 404 for any other path, and errors (malformed JSON, too large, a bug) mapped to
 * `errorBody(status, message)`.
 */
export function closeStandInRouter(router: Router, errorBody: (status: number, message: string) => unknown): Router {
  router.use((req, res) => {
    res.status(404).json(errorBody(404, `The stand-in does not serve ${req.method} ${req.baseUrl}${req.path}`));
  });
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error);
    const status = typeof (error as { status?: unknown }).status === 'number' ? (error as { status: number }).status : 500;
    const message =
      status === 500 ? 'The stand-in failed unexpectedly' : `The request body could not be read: ${(error as Error).message}`;
    res.status(status >= 400 && status < 600 ? status : 500).json(errorBody(status, message));
  });
  return router;
}
