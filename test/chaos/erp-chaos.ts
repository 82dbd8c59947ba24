/**
 * The ERP stand-in under fire, for `npm run chaos`: the real ERP stand-in (which stores one invoice per
 * external id and replays by Idempotency-Key) behind a middleware that, for invoice POSTs, answers 429 with
 * `Retry-After` at a given rate, 503 during an outage window, commits and then answers too late, or is slow.
 * It runs in the chaos process, so killing Ledgerflow never takes the ERP's ledger with it.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';
import { createSandbox, type Sandbox } from '../../server/sandbox/index.js';

export interface ErpChaosOptions {
  /** Share of invoice POSTs answered 429 with Retry-After: 1 (0 to 1). */
  rate429: number;
  /** Share of invoice POSTs stored, then answered after `lateMs` (past the caller's time-out). */
  commitThenTimeoutRate: number;
  lateMs: number;
  /** Share of invoice POSTs delayed by 100–600 ms. */
  slowRate: number;
  /** Deterministic pseudo-random source in [0, 1). */
  random: () => number;
}

export interface ErpChaos {
  sandbox: Sandbox;
  url: string;
  /** Answers 503 to every request until `ms` from now. */
  outage(ms: number): void;
  counts: { requests: number; throttled: number; outage: number; late: number; slow: number };
  close(): Promise<void>;
}

/** A small seeded PRNG (mulberry32), so a chaos run can be repeated. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function startErpChaos(options: ErpChaosOptions): Promise<ErpChaos> {
  const sandbox = createSandbox();
  const counts = { requests: 0, throttled: 0, outage: 0, late: 0, slow: 0 };
  let outageUntil = 0;
  const app = express();
  app.use('/sandbox/erp/invoices', async (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'POST') return next();
    counts.requests++;
    if (Date.now() < outageUntil) {
      counts.outage++;
      res.status(503).json({ 'o:errorDetails': [{ detail: 'ERP unavailable (maintenance)', 'o:errorCode': 'SERVICE_UNAVAILABLE' }] });
      return;
    }
    const roll = options.random();
    if (roll < options.rate429) {
      counts.throttled++;
      res.set('Retry-After', '1').status(429).json({ 'o:errorDetails': [{ detail: 'Too many requests', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] });
      return;
    }
    if (roll < options.rate429 + options.commitThenTimeoutRate) {
      counts.late++;
      const reply = res.json.bind(res);
      res.json = (body: unknown) => {
        setTimeout(() => {
          if (!res.writableEnded && !res.destroyed) reply(body);
        }, options.lateMs);
        return res;
      };
      return next();
    }
    if (roll < options.rate429 + options.commitThenTimeoutRate + options.slowRate) {
      counts.slow++;
      await new Promise((r) => setTimeout(r, 100 + Math.floor(options.random() * 500)));
    }
    next();
  });
  app.use('/sandbox', sandbox.router);
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return {
    sandbox,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox/erp/invoices`,
    outage(ms) {
      outageUntil = Date.now() + ms;
    },
    counts,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
