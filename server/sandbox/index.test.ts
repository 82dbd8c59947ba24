/** The sandbox as mounted: paths, the stand-in label, and POST /sandbox/_reset. */
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

function setup() {
  const sandbox = createSandbox();
  const app = express();
  app.use(express.json()); // as the server's own parser might run first: the stand-ins must cope
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}

describe('createSandbox', () => {
  it('labels every answer with the stand-in that gave it, errors included', async () => {
    const { app } = setup();
    const answers = await Promise.all([
      request(app).get('/sandbox/crm/opportunities/006FAKE0000000001AAA'),
      request(app).get('/sandbox/billing/prices'),
      request(app).get('/sandbox/erp/customers'),
      request(app).get('/sandbox/erp/no-such-record-type'),
    ]);
    expect(answers.map((r) => [r.status, r.headers['x-ledgerflow-stand-in']])).toEqual([
      [200, 'crm'],
      [200, 'billing'],
      [200, 'erp'],
      [404, 'erp'],
    ]);
  });

  it('POST /sandbox/_reset puts records, idempotency keys and faults of all three back to the seed', async () => {
    const { app, sandbox } = setup();
    const invoice = {
      externalId: 'in_X',
      entity: { id: '4321' },
      item: { items: [{ item: { id: '86' }, quantity: 1, rate: 49, amount: 49 }] },
    };
    await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'k').send(invoice);
    await request(app).post('/sandbox/billing/customers').send({ name: 'X' });
    await request(app).post('/sandbox/crm/tasks').send({ Subject: 'X' });
    await request(app).put('/sandbox/billing/_faults').send({ status: 503 });
    expect([sandbox.erp.invoices().length, sandbox.billing.customers().length, sandbox.crm.tasks().length]).toEqual([1, 2, 1]);

    const reset = await request(app).post('/sandbox/_reset');
    expect(reset.status).toBe(204);
    expect([sandbox.erp.invoices().length, sandbox.billing.customers().length, sandbox.crm.tasks().length]).toEqual([0, 1, 0]);
    expect((await request(app).get('/sandbox/billing/customers')).status).toBe(200);
    // The idempotency key is forgotten too: the same request creates again, with the first id again.
    const again = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'k').send(invoice);
    expect(again.status).toBe(201);
    expect(again.body.id).toBe('98765');
  });
});
