/** Fault injection, exercised through the ERP stand-in: counts, Retry-After, delays, commit-then-answer-late. */
import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const invoiceBody = () =>
  JSON.parse(readFileSync(new URL('../../test/fixtures/netsuite/invoice.post-request.json', import.meta.url), 'utf8'))._body as Record<
    string,
    unknown
  >;

function setup(options: Parameters<typeof createSandbox>[0] = {}) {
  const sandbox = createSandbox(options);
  const app = express();
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}

describe('ERP faults', () => {
  it('fails exactly `count` requests with the status and Retry-After, storing nothing, then recovers', async () => {
    const { app, sandbox } = setup();
    const armed = await request(app).put('/sandbox/erp/_faults').send({ status: 503, count: 2, retryAfterSeconds: 7 });
    expect(armed.status).toBe(200);
    expect(armed.body).toEqual({ plan: { status: 503, count: 2, retryAfterSeconds: 7 }, remaining: 2, injected: 0 });

    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-1:post').send(invoiceBody());
      statuses.push(res.status);
      if (res.status === 503) {
        expect(res.headers['retry-after']).toBe('7');
        expect(res.headers['x-ledgerflow-stand-in']).toBe('erp');
        expect(res.body.status).toBe(503);
        expect(res.body['o:errorDetails'][0]['o:errorCode']).toBe('UNEXPECTED_ERROR');
        expect(sandbox.erp.invoices()).toHaveLength(0);
      }
    }
    expect(statuses).toEqual([503, 503, 201]);
    expect(sandbox.erp.invoices()).toHaveLength(1);
    const state = await request(app).get('/sandbox/erp/_faults');
    expect(state.body).toEqual({ plan: null, remaining: null, injected: 2 });
  });

  it('without count stays armed until DELETE /_faults', async () => {
    const { app } = setup();
    await request(app).put('/sandbox/erp/_faults').send({ status: 429 });
    for (let i = 0; i < 4; i++) {
      const res = await request(app).get('/sandbox/erp/invoices');
      expect(res.status).toBe(429);
      expect(res.body['o:errorDetails'][0]['o:errorCode']).toBe('CONCURRENCY_LIMIT_EXCEEDED');
    }
    expect((await request(app).delete('/sandbox/erp/_faults')).status).toBe(204);
    expect((await request(app).get('/sandbox/erp/invoices')).status).toBe(200);
  });

  it('delayMs alone slows the request down, then handles it', async () => {
    const { app, sandbox } = setup();
    await request(app).put('/sandbox/erp/_faults').send({ delayMs: 120, count: 1 });
    const started = Date.now();
    const res = await request(app).post('/sandbox/erp/invoices').send(invoiceBody());
    expect(Date.now() - started).toBeGreaterThanOrEqual(110);
    expect(res.status).toBe(201);
    expect(sandbox.erp.invoices()).toHaveLength(1);
  });

  it('commitThenDelayMs stores the invoice before it answers, late', async () => {
    const { app, sandbox } = setup();
    await request(app).put('/sandbox/erp/_faults').send({ commitThenDelayMs: 150, count: 1 });
    const started = Date.now();
    const pending = request(app).post('/sandbox/erp/invoices').send(invoiceBody()).then((res) => res);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(sandbox.erp.invoices().map((i) => i.externalId)).toEqual(['in_FAKE0000000000000002']);
    const res = await pending;
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(201);
    expect(res.body.id).toBe('98765');
  });

  it('commitThenDelayMs with status: the write lands, the caller sees the failure, the retry is a duplicate', async () => {
    const { app, sandbox } = setup();
    await request(app).put('/sandbox/erp/_faults').send({ commitThenDelayMs: 20, status: 504, count: 1 });
    const first = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-9:post').send(invoiceBody());
    expect(first.status).toBe(504);
    expect(first.headers.location).toBeUndefined();
    expect(sandbox.erp.invoices()).toHaveLength(1);
    const retry = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-9:post').send(invoiceBody());
    expect(retry.status).toBe(200);
    expect(retry.headers['x-duplicate']).toBe('true');
    expect(sandbox.erp.invoices()).toHaveLength(1);
  });

  it('refuses an invalid plan with a problem document', async () => {
    const { app } = setup();
    const res = await request(app).put('/sandbox/erp/_faults').send({ status: 200, bogus: 1 });
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('invalid-fault-plan');
    expect((await request(app).put('/sandbox/erp/_faults').send({ count: 3 })).status).toBe(400);
  });

  it('a plan given in createSandbox options is armed at start and again after reset', async () => {
    const { app, sandbox } = setup({ erp: { faults: { status: 500, count: 1 } } });
    expect((await request(app).get('/sandbox/erp/invoices')).status).toBe(500);
    expect((await request(app).get('/sandbox/erp/invoices')).status).toBe(200);
    sandbox.reset();
    expect((await request(app).get('/sandbox/erp/invoices')).status).toBe(500);
  });
});
