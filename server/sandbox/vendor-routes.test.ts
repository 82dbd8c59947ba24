/**
 * The stand-ins' vendor-shaped routes: the ERP's OAuth2 token endpoint and NetSuite record API (upsert by
 * external id, 204 + Location, o:errorDetails), the billing stand-in's `/v1` (API key, form bodies) and
 * signed webhook sending, the CRM's `/services/data/v62.0` routes.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { verifyStripe } from '../connections/webhook-signatures.js';
import { SANDBOX_CREDENTIALS } from './credentials.js';
import { createSandbox } from './index.js';

const NOW = Date.UTC(2025, 2, 16, 2, 5, 11);
function setup(now = () => NOW) {
  const sandbox = createSandbox({ now });
  const app = express();
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}
const { erp: erpClient, billing: billingKeys, crm: crmKeys } = SANDBOX_CREDENTIALS;

async function erpToken(app: express.Express): Promise<string> {
  const res = await request(app).post('/sandbox/erp/auth/oauth2/v1/token').auth(erpClient.clientId, erpClient.clientSecret).type('form').send({ grant_type: 'client_credentials' });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ token_type: 'Bearer', expires_in: erpClient.tokenLifetimeS });
  return res.body.access_token as string;
}
const invoice = (externalId: string, amounts: number[]) => ({ externalId, entity: { id: '4321' }, tranDate: '2025-03-16', item: { items: amounts.map((amount) => ({ item: { id: '86' }, quantity: 1, rate: amount, amount })) } });

describe('ERP stand-in: OAuth2 and the NetSuite record API', () => {
  it('issues tokens for client credentials only, and the record API wants one', async () => {
    const { app, sandbox } = setup();
    const refused = await request(app).post('/sandbox/erp/auth/oauth2/v1/token').auth(erpClient.clientId, 'wrong').type('form').send({ grant_type: 'client_credentials' });
    expect(refused).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    expect((await request(app).post('/sandbox/erp/auth/oauth2/v1/token').type('form').send({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const anonymous = await request(app).get('/sandbox/erp/record/v1/invoice');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_LOGIN');
    const token = await erpToken(app);
    expect((await request(app).get('/sandbox/erp/record/v1/invoice').set('Authorization', `Bearer ${token}`)).status).toBe(200);
    sandbox.erp.tokens.expireAll();
    expect((await request(app).get('/sandbox/erp/record/v1/invoice').set('Authorization', `Bearer ${token}`)).status).toBe(401);
    expect(sandbox.erp.tokens.issued).toBe(1);
  });

  it('upserts by external id: creates once, then replaces; 204 with Location', async () => {
    const { app, sandbox } = setup();
    const auth = `Bearer ${await erpToken(app)}`;
    const first = await request(app).put('/sandbox/erp/record/v1/invoice/eid:in_2').set('Authorization', auth).send(invoice('in_2', [-126.45, 202.32]));
    expect(first.status).toBe(204);
    expect(first.headers.location).toBe('/sandbox/erp/record/v1/invoice/98765');
    const again = await request(app).put('/sandbox/erp/record/v1/invoice/eid:in_2').set('Authorization', auth).send({ ...invoice('in_2', [-126.45, 202.32]), memo: 'paid' });
    expect(again.headers.location).toBe(first.headers.location);
    const read = await request(app).get('/sandbox/erp/record/v1/invoice/eid:in_2').set('Authorization', auth);
    expect(read.body).toMatchObject({ id: '98765', externalId: 'in_2', memo: 'paid', total: 75.87, entity: { id: '4321', refName: 'CUST-0001 Example Widgets Co (FAKE)' } });
    expect(sandbox.erp.records('invoice')).toHaveLength(1);
    expect(sandbox.erp.postings().map((p) => p.outcome)).toEqual(['created', 'updated']);
  });

  it('creates with POST; a repeated idempotency key answers the same record; a taken external id is DUP_RCRD', async () => {
    const { app, sandbox } = setup();
    const auth = `Bearer ${await erpToken(app)}`;
    const body = { externalId: 'cn_1', entity: { id: '4321' }, item: { items: [{ item: { id: '86' }, quantity: 1, rate: 49, amount: 49 }] } };
    const created = await request(app).post('/sandbox/erp/record/v1/creditMemo').set('Authorization', auth).set('X-NetSuite-Idempotency-Key', 'k1').send(body);
    expect(created).toMatchObject({ status: 204, headers: { location: '/sandbox/erp/record/v1/creditMemo/7001' } });
    const replay = await request(app).post('/sandbox/erp/record/v1/creditMemo').set('Authorization', auth).set('X-NetSuite-Idempotency-Key', 'k1').send(body);
    expect(replay.headers.location).toBe(created.headers.location);
    const dup = await request(app).post('/sandbox/erp/record/v1/creditMemo').set('Authorization', auth).send(body);
    expect(dup.status).toBe(400);
    expect(dup.body['o:errorDetails'][0]['o:errorCode']).toBe('DUP_RCRD');
    expect(sandbox.erp.records('creditMemo')).toHaveLength(1);
  });

  it('checks bodies as NetSuite would: unbalanced journals, float cents, unknown customers', async () => {
    const { app } = setup();
    const auth = `Bearer ${await erpToken(app)}`;
    const journal = { line: { items: [{ account: { id: '1' }, debit: 392 }, { account: { id: '2' }, credit: 391.99 }] } };
    const unbalanced = await request(app).post('/sandbox/erp/record/v1/journalEntry').set('Authorization', auth).send(journal);
    expect(unbalanced.body['o:errorDetails'][0].detail).toBe('Error while accessing a resource. The total debits (392.00) do not equal the total credits (391.99).');
    const floaty = await request(app).put('/sandbox/erp/record/v1/invoice/eid:x').set('Authorization', auth).send(invoice('x', [-126.44999999999999]));
    expect(floaty.body['o:errorDetails'][0]['o:errorPath']).toBe('item.items[0].amount');
    const refund = await request(app).put('/sandbox/erp/record/v1/customerRefund/eid:r').set('Authorization', auth).send({ customer: { id: '999' }, total: 49 });
    expect(refund.body['o:errorDetails'][0]['o:errorPath']).toBe('customer');
  });
});

describe('billing stand-in: Stripe paths and signed webhooks', () => {
  it('serves /v1 with the secret key as bearer and form-encoded bodies', async () => {
    const { app, sandbox } = setup();
    expect((await request(app).get('/sandbox/billing/v1/customers')).status).toBe(401);
    const form = 'customer=cus_FAKE00000000001&items[0][price]=price_FAKE0000000000000001&items[0][quantity]=5&metadata[sfdc_opportunity_id]=006X';
    const created = await request(app).post('/sandbox/billing/v1/subscriptions').set('Authorization', `Bearer ${billingKeys.apiKey}`).type('form').send(form);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ customer: 'cus_FAKE00000000001', metadata: { sfdc_opportunity_id: '006X' }, items: { data: [{ quantity: 5 }] } });
    expect(sandbox.billing.subscriptions().at(-1)!.id).toBe(created.body.id);
  });

  it('sends a webhook signed with the endpoint secret over the exact bytes it posts', async () => {
    const received: Array<{ body: Buffer; signature: string | undefined }> = [];
    const { app } = setup(() => Date.now());
    app.post('/hooks/test', express.raw({ type: () => true }), (req, res) => {
      received.push({ body: req.body as Buffer, signature: req.get('stripe-signature') });
      res.status(202).json({ ok: true });
    });
    const server = createServer(app).listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    try {
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const event = { id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1' } } };
      const answer = await request(base).post('/sandbox/billing/_send-webhook').send({ url: '/hooks/test', event });
      expect(answer.body).toMatchObject({ delivered: true, status: 202, body: { ok: true }, eventId: 'evt_1' });
      expect(received[0]!.body.toString()).toBe(JSON.stringify(event, null, 2));
      expect(verifyStripe(received[0]!.body, received[0]!.signature, billingKeys.webhookSecret, Date.now())).toEqual({ ok: true });
      expect((await request(base).post('/sandbox/billing/_send-webhook').send({ event })).status).toBe(400);
    } finally {
      server.close();
    }
  });
});

describe('CRM stand-in: Salesforce paths', () => {
  it('answers query, sObject get, Task create and PATCH with the session token', async () => {
    const { app, sandbox } = setup();
    const auth = `Bearer ${crmKeys.accessToken}`;
    expect((await request(app).get('/sandbox/crm/services/data/v62.0/query?q=SELECT Id FROM Opportunity')).status).toBe(401);
    const query = await request(app).get('/sandbox/crm/services/data/v62.0/query').query({ q: "SELECT Id FROM Opportunity WHERE Id = '006FAKE0000000001AAA'" }).set('Authorization', auth);
    expect(query.body).toMatchObject({ totalSize: 1, done: true });
    const task = await request(app).post('/sandbox/crm/services/data/v62.0/sobjects/Task').set('Authorization', auth).send({ Subject: 'Call the customer', WhatId: '006FAKE0000000001AAA' });
    expect(task.status).toBe(201);
    const patched = await request(app).patch('/sandbox/crm/services/data/v62.0/sobjects/Opportunity/006FAKE0000000001AAA').set('Authorization', auth).send({ NextStep: 'Invoice sent' });
    expect(patched.status).toBe(204);
    const opportunity = await request(app).get('/sandbox/crm/services/data/v62.0/sobjects/Opportunity/006FAKE0000000001AAA').set('Authorization', auth);
    expect(opportunity.body).toMatchObject({ Id: '006FAKE0000000001AAA', NextStep: 'Invoice sent' });
    expect(sandbox.crm.tasks()).toHaveLength(1);
  });
});
