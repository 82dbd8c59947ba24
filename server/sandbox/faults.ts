/**
 * Fault injection for the stand-ins, so retries, time-outs and duplicate protection can be shown on
 * purpose. `PUT <stand-in>/_faults` arms a plan, `GET` reads what is left of it, `DELETE` disarms it.
 *
 * While armed, each request to that stand-in (other than `/_faults` itself) uses up one of `count`:
 * - `status`: the request fails with that status after `delayMs`, nothing is stored; `Retry-After:
 *   <retryAfterSeconds>` is added when given.
 * - `delayMs` alone: the request is held for `delayMs`, then handled normally (a slow system).
 * - `commitThenDelayMs`: the request is handled (the record IS stored), then the answer is held for
 *   `commitThenDelayMs`; with `status` too, the late answer is that failure instead of the real one (the
 *   write landed but the caller saw an error: the case idempotency keys exist for).
 * Without `count` the plan stays armed until `DELETE /_faults` (an outage).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { z } from 'zod';

export const FaultPlanSchema = z
  .strictObject({
    status: z.number().int().min(400).max(599).optional(),
    delayMs: z.number().int().min(0).max(120_000).optional(),
    count: z.number().int().min(1).max(1_000_000).optional(),
    retryAfterSeconds: z.number().int().min(0).max(86_400).optional(),
    commitThenDelayMs: z.number().int().min(0).max(120_000).optional(),
  })
  .refine(
    (plan) => plan.status !== undefined || plan.delayMs !== undefined || plan.commitThenDelayMs !== undefined,
    'give at least one of status, delayMs or commitThenDelayMs',
  );

/** What `PUT /_faults` accepts. Times in ms, except `retryAfterSeconds` (the unit of the header). */
export type FaultPlan = z.infer<typeof FaultPlanSchema>;

/** What `GET /_faults` answers. `remaining: null` means armed until cleared. */
export interface FaultState {
  plan: FaultPlan | null;
  remaining: number | null;
  /** Requests that met a fault since the stand-in was created or reset. */
  injected: number;
}

/** Builds the stand-in's own error body for an injected failure (NetSuite-, Stripe- or Salesforce-shaped). */
export type FaultBody = (status: number) => unknown;

export class FaultInjector {
  private plan: FaultPlan | null = null;
  private remaining: number | null = null;
  private injected = 0;

  constructor(private readonly faultBody: FaultBody) {}

  /** Arms a plan (replacing any previous one). @throws z.ZodError when the plan is invalid. */
  arm(plan: FaultPlan): FaultState {
    this.plan = FaultPlanSchema.parse(plan);
    this.remaining = this.plan.count ?? null;
    return this.state();
  }

  clear(): void {
    this.plan = null;
    this.remaining = null;
  }

  reset(): void {
    this.clear();
    this.injected = 0;
  }

  state(): FaultState {
    return { plan: this.plan, remaining: this.remaining, injected: this.injected };
  }

  /** Takes one fault off the plan for the current request, or undefined when none is armed. */
  private take(): FaultPlan | undefined {
    const plan = this.plan;
    if (!plan) return undefined;
    if (this.remaining !== null) {
      this.remaining -= 1;
      if (this.remaining <= 0) this.clear();
    }
    this.injected += 1;
    return plan;
  }

  private sendFault(res: Response, plan: FaultPlan, status: number): void {
    if (plan.retryAfterSeconds !== undefined) res.set('Retry-After', String(plan.retryAfterSeconds));
    res.removeHeader('Location');
    res.set('X-Ledgerflow-Fault', 'injected');
    res.status(status).json(this.faultBody(status));
  }

  /** Express middleware applying the armed plan; mount it after the `/_faults` routes. */
  middleware() {
    return async (_req: Request, res: Response, next: NextFunction): Promise<void> => {
      const plan = this.take();
      if (!plan) return next();
      if (plan.delayMs) await sleep(plan.delayMs);
      if (plan.commitThenDelayMs !== undefined) {
        const reply = res.json.bind(res);
        const held = plan.commitThenDelayMs;
        res.json = (body: unknown) => {
          setTimeout(() => {
            if (plan.status !== undefined) {
              res.json = reply;
              this.sendFault(res, plan, plan.status);
            } else reply(body);
          }, held);
          return res;
        };
        return next();
      }
      if (plan.status !== undefined) return this.sendFault(res, plan, plan.status);
      next();
    };
  }

  /** `PUT|GET|DELETE /_faults`: the control API of this injector. */
  routes(): Router {
    const router = express.Router();
    router.put('/_faults', express.json(), (req, res) => {
      const parsed = FaultPlanSchema.safeParse(req.body ?? {});
      if (!parsed.success) {
        res.status(400).type('application/problem+json').json({
          type: 'about:blank',
          title: 'Invalid fault plan',
          status: 400,
          detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(plan)'}: ${i.message}`).join('; '),
          code: 'invalid-fault-plan',
        });
        return;
      }
      res.json(this.arm(parsed.data));
    });
    router.get('/_faults', (_req, res) => {
      res.json(this.state());
    });
    router.delete('/_faults', (_req, res) => {
      this.clear();
      res.status(204).end();
    });
    return router;
  }
}
