/**
 * The built-in stand-ins: a CRM (Salesforce-shaped), a billing platform (Stripe-shaped) and an ERP
 * (NetSuite-shaped), so example flows run end to end with nothing else installed. Mount the router at
 * `/sandbox`: `/sandbox/crm/…`, `/sandbox/billing/…`, `/sandbox/erp/…`, and `POST /sandbox/_reset`
 * (204) to put all three back to their seed. State is in memory; every answer says so with
 * `X-Ledgerflow-Stand-In: crm|billing|erp|sandbox`.
 */
import express, { type Router } from 'express';
import { BillingStandIn } from './billing.js';
import { CrmStandIn } from './crm.js';
import { ErpStandIn, type ErpOptions } from './erp.js';
import { loadSeed } from './seed.js';
import { STAND_IN_HEADER } from './stand-in.js';

export { BillingStandIn } from './billing.js';
export { CrmStandIn } from './crm.js';
export { ErpStandIn, type ErpOptions } from './erp.js';
export { FaultPlanSchema, type FaultPlan, type FaultState } from './faults.js';

export interface SandboxOptions {
  erp?: ErpOptions;
  /** Clock in ms since the epoch (default `Date.now`): record timestamps and Stripe `created`. */
  now?: () => number;
  /** Folder with the seed fixtures (default `test/fixtures/`). */
  fixturesDir?: string;
}

export interface Sandbox {
  /** Mount at `/sandbox`. */
  router: Router;
  crm: CrmStandIn;
  billing: BillingStandIn;
  erp: ErpStandIn;
  /** Puts every stand-in back to its seed: records, idempotency keys and faults. */
  reset(): void;
}

/**
 * Creates the three stand-ins and their router.
 * @throws Error when a seed fixture is missing or malformed.
 */
export function createSandbox(options: SandboxOptions = {}): Sandbox {
  const now = options.now ?? Date.now;
  // Each stand-in re-reads its seed on reset, so a reset starts from untouched copies of the fixtures.
  const seed = () => loadSeed(options.fixturesDir);
  const crm = new CrmStandIn(() => seed().crm);
  const billing = new BillingStandIn(() => seed().billing, now);
  const erp = new ErpStandIn(() => seed().erp.customers, now, options.erp);

  const reset = () => {
    crm.reset();
    billing.reset();
    erp.reset();
  };

  const router = express.Router();
  router.post('/_reset', (_req, res) => {
    reset();
    res.set(STAND_IN_HEADER, 'sandbox').status(204).end();
  });
  router.use('/crm', crm.router);
  router.use('/billing', billing.router);
  // The ERP's OAuth2 token endpoint sits in front of its fault injector: faults hit API requests only.
  router.use('/erp/auth/oauth2/v1/token', (_req, res, next) => void (res.set(STAND_IN_HEADER, 'erp'), next()), erp.tokens.router());
  router.use('/erp', erp.router);
  return { router, crm, billing, erp, reset };
}
