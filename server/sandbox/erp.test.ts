/** ERP stand-in: NetSuite-shaped create/read, duplicate protection and body validation. */
import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const NOW = Date.UTC(2025, 2, 16, 2, 5, 11);
const invoiceBody = () =>
  JSON.parse(readFileSync(new URL('../../test/fixtures/netsuite/invoice.post-request.json', import.meta.url), 'utf8'))._body as Record<
    string,
    unknown
  >;

function setup() {
  const sandbox = createSandbox({ now: () => NOW });
  const app = express();
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}

describe('ERP stand-in: invoices', () => {
  it('creates an invoice: 201, Location, NetSuite read shape with totals in exact decimals', async () => {
    const { app, sandbox } = setup();
    const res = await request(app).post('/sandbox/erp/invoices').send(invoiceBody());
    expect(res.status).toBe(201);
    expect(res.headers['x-ledgerflow-stand-in']).toBe('erp');
    expect(res.headers.location).toBe('/sandbox/erp/invoices/98765');
    expect(res.body).toMatchObject({
      id: '98765',
      externalId: 'in_FAKE0000000000000002',
      tranId: 'INV-LF-98765',
      tranDate: '2025-03-16',
      createdDate: '2025-03-16T02:05:11Z',
      entity: { id: '4321', refName: 'CUST-0001 Example Widgets Co (FAKE)' },
      status: { id: 'A', refName: 'Open' },
      subtotal: 75.87,
      total: 75.87,
      item: { count: 2, hasMore: false, totalResults: 2 },
    });
    expect(res.body.item.items.map((l: { line: number; amount: number; rate: number }) => [l.line, l.rate, l.amount])).toEqual([
      [1, -25.29, -126.45],
      [2, 25.29, 202.32],
    ]);
    expect(sandbox.erp.invoices()).toHaveLength(1);
  });

  it('a second POST with the same externalId stores nothing and answers 200 with the first record', async () => {
    const { app, sandbox } = setup();
    const first = await request(app).post('/sandbox/erp/invoices').send(invoiceBody());
    const again = await request(app).post('/sandbox/erp/invoices').send({ ...invoiceBody(), memo: 'changed' });
    expect(again.status).toBe(200);
    expect(again.headers['x-duplicate']).toBe('true');
    expect(again.headers['x-duplicate-of']).toBe('externalId');
    expect(again.body).toEqual(first.body);
    expect(again.body.memo).toBe('Stripe in_FAKE0000000000000002 (seat change 5->8)');
    const list = await request(app).get('/sandbox/erp/invoices');
    expect(list.body.count).toBe(1);
    expect(list.body.items[0].id).toBe('98765');
    expect(sandbox.erp.invoices()).toHaveLength(1);
  });

  it('a second POST with the same Idempotency-Key stores nothing, even without an externalId', async () => {
    const { app, sandbox } = setup();
    const { externalId: _omitted, ...body } = invoiceBody();
    const first = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-1:post').send(body);
    const again = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-1:post').send(body);
    const other = await request(app).post('/sandbox/erp/invoices').set('Idempotency-Key', 'run-2:post').send(body);
    expect([first.status, again.status, other.status]).toEqual([201, 200, 201]);
    expect(again.headers['x-duplicate-of']).toBe('Idempotency-Key');
    expect(again.body.id).toBe(first.body.id);
    expect(other.body.id).toBe('98766');
    expect(sandbox.erp.invoices().map((i) => i.id)).toEqual(['98765', '98766']);
  });

  it('reads an invoice by id, by externalId and by eid:externalId; 404 NONEXISTENT_ID otherwise', async () => {
    const { app } = setup();
    await request(app).post('/sandbox/erp/invoices').send(invoiceBody());
    for (const key of ['98765', 'in_FAKE0000000000000002', 'eid:in_FAKE0000000000000002']) {
      const res = await request(app).get(`/sandbox/erp/invoices/${key}`);
      expect(res.status).toBe(200);
      expect(res.body.id).toBe('98765');
    }
    const missing = await request(app).get('/sandbox/erp/invoices/12345');
    expect(missing.status).toBe(404);
    expect(missing.body['o:errorDetails'][0]['o:errorCode']).toBe('NONEXISTENT_ID');
  });

  it('answers 400 in NetSuite shape for a missing entity and item.items that is not an array', async () => {
    const { app, sandbox } = setup();
    const { entity: _entity, ...noEntity } = invoiceBody();
    const res = await request(app)
      .post('/sandbox/erp/invoices')
      .send({ ...noEntity, item: { items: { item: { id: '86' }, amount: 1 } } });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      type: 'https://www.rfc-editor.org/rfc/rfc9110.html#section-15.5.1',
      title: 'Bad Request',
      status: 400,
      'o:errorDetails': [
        { detail: 'Please enter value(s) for: Customer', 'o:errorPath': 'entity', 'o:errorCode': 'USER_ERROR' },
        {
          detail: 'Invalid content in the request body: item.items is a single object; it must be an array of lines.',
          'o:errorPath': 'item.items',
          'o:errorCode': 'INVALID_CONTENT',
        },
      ],
    });
    expect(sandbox.erp.invoices()).toHaveLength(0);
  });

  it('rejects an unknown customer, an empty line list and an amount that is not whole cents', async () => {
    const { app } = setup();
    const unknown = await request(app).post('/sandbox/erp/invoices').send({ ...invoiceBody(), entity: { id: '9999' } });
    expect(unknown.body['o:errorDetails']).toEqual([
      { detail: 'Invalid Field Value 9999 for the following field: entity', 'o:errorPath': 'entity', 'o:errorCode': 'USER_ERROR' },
    ]);
    const empty = await request(app).post('/sandbox/erp/invoices').send({ ...invoiceBody(), item: { items: [] } });
    expect(empty.body['o:errorDetails'][0].detail).toBe('You must enter at least one line item for this transaction.');
    const float = await request(app)
      .post('/sandbox/erp/invoices')
      .send({ ...invoiceBody(), item: { items: [{ item: { id: '86' }, quantity: 5, rate: -25.29, amount: -25.29 * 5 }] } });
    expect(float.status).toBe(400);
    expect(float.body['o:errorDetails'][0]['o:errorPath']).toBe('item.items[0].amount');
    expect(float.body['o:errorDetails'][0].detail).toContain('-126.44999999999999');
  });

  it('answers malformed JSON with a NetSuite-shaped 400', async () => {
    const { app } = setup();
    const res = await request(app).post('/sandbox/erp/invoices').set('Content-Type', 'application/json').send('{"entity":');
    expect(res.status).toBe(400);
    expect(res.headers['x-ledgerflow-stand-in']).toBe('erp');
    expect(res.body.status).toBe(400);
    expect(res.body['o:errorDetails'][0]['o:errorCode']).toBe('INVALID_CONTENT');
  });
});

describe('ERP stand-in: customers', () => {
  it('is seeded with customer 4321 and creates customers once per externalId', async () => {
    const { app } = setup();
    const seeded = await request(app).get('/sandbox/erp/customers/4321');
    expect(seeded.body.companyName).toBe('Example Widgets Co (FAKE)');
    const body = { externalId: 'cus_NEW', companyName: 'New Co (FAKE)', email: 'ap@example.com' };
    const created = await request(app).post('/sandbox/erp/customers').send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: '5001', entityId: 'CUST-5001', externalId: 'cus_NEW', companyName: 'New Co (FAKE)' });
    const again = await request(app).post('/sandbox/erp/customers').send(body);
    expect(again.status).toBe(200);
    expect(again.headers['x-duplicate']).toBe('true');
    const list = await request(app).get('/sandbox/erp/customers');
    expect(list.body.items.map((c: { id: string }) => c.id)).toEqual(['4321', '5001']);
    expect(list.body.count).toBe(2);
  });

  it('requires a company name', async () => {
    const { app } = setup();
    const res = await request(app).post('/sandbox/erp/customers').send({ email: 'x@example.com' });
    expect(res.status).toBe(400);
    expect(res.body['o:errorDetails']).toEqual([
      { detail: 'Please enter value(s) for: Company Name', 'o:errorPath': 'companyName', 'o:errorCode': 'USER_ERROR' },
    ]);
  });
});
