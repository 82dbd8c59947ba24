/** CRM stand-in: Salesforce-shaped records, the SOQL subset and task creation. */
import { readFileSync } from 'node:fs';
import express from 'express';
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import { createSandbox } from './index.js';

const soql = JSON.parse(
  readFileSync(new URL('../../test/fixtures/salesforce/opportunity-with-line-items.soql.json', import.meta.url), 'utf8'),
) as { _response: { records: unknown[] } };

function setup() {
  const sandbox = createSandbox();
  const app = express();
  app.use('/sandbox', sandbox.router);
  return { app, sandbox };
}

const query = (app: express.Express, q: string) => request(app).get('/sandbox/crm/query').query({ q });

describe('CRM stand-in', () => {
  it('GET /opportunities/:id answers the sobject; unknown ids 404 NOT_FOUND', async () => {
    const { app } = setup();
    const res = await request(app).get('/sandbox/crm/opportunities/006FAKE0000000001AAA');
    expect(res.status).toBe(200);
    expect(res.headers['x-ledgerflow-stand-in']).toBe('crm');
    expect(res.body).toMatchObject({ Id: '006FAKE0000000001AAA', StageName: 'Closed Won', Amount: 2940, IsWon: true });
    const second = await request(app).get('/sandbox/crm/opportunities/006FAKE0000000002AAA');
    expect(second.body).toMatchObject({ AccountId: null, IsWon: true, IsClosed: true });
    expect(second.body).not.toHaveProperty('OpportunityLineItems');
    const missing = await request(app).get('/sandbox/crm/opportunities/006NOPE');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual([{ message: 'The requested resource does not exist', errorCode: 'NOT_FOUND' }]);
  });

  it('query answers the fixture records in their query shape (relationships included)', async () => {
    const { app } = setup();
    const all = await query(app, 'SELECT Id, Name, (SELECT Id FROM OpportunityLineItems) FROM Opportunity WHERE IsWon = true');
    expect(all.body).toEqual({ totalSize: 2, done: true, records: soql._response.records });
    const one = await query(app, "SELECT Id FROM Opportunity WHERE Id = '006FAKE0000000001AAA' AND Account.Name != null");
    expect(one.body.records).toEqual([soql._response.records[0]]);
    const noAccount = await query(app, 'select Id from opportunity where AccountId = null limit 5');
    expect(noAccount.body.records.map((r: { Id: string }) => r.Id)).toEqual(['006FAKE0000000002AAA']);
    const accounts = await query(app, "SELECT Id FROM Account WHERE Stripe_Customer_Id__c = 'cus_FAKE00000000001'");
    expect(accounts.body.records[0].NetSuite_Customer_Id__c).toBe('4321');
  });

  it('refuses what it cannot evaluate with MALFORMED_QUERY instead of answering wrong', async () => {
    const { app } = setup();
    const res = await query(app, 'SELECT Id FROM Opportunity WHERE IsWon = true AND CloseDate = THIS_QUARTER');
    expect(res.status).toBe(400);
    expect(res.body[0].errorCode).toBe('MALFORMED_QUERY');
    expect(res.body[0].message).toContain('THIS_QUARTER');
    const unknown = await query(app, 'SELECT Id FROM Lead');
    expect(unknown.body).toEqual([{ message: "sObject type 'Lead' is not supported.", errorCode: 'INVALID_TYPE' }]);
  });

  it('POST /tasks creates a task (201 { id, success, errors }) and requires a Subject', async () => {
    const { app, sandbox } = setup();
    const created = await request(app)
      .post('/sandbox/crm/tasks')
      .send({ Subject: 'Subscription created', WhatId: '006FAKE0000000001AAA' });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: '00TLF0000000000001', success: true, errors: [] });
    expect(created.headers.location).toBe('/sandbox/crm/tasks/00TLF0000000000001');
    expect(sandbox.crm.tasks()).toEqual([
      expect.objectContaining({ Id: '00TLF0000000000001', Subject: 'Subscription created', Status: 'Not Started' }),
    ]);
    const invalid = await request(app).post('/sandbox/crm/tasks').send({ WhatId: '006FAKE0000000001AAA' });
    expect(invalid.status).toBe(400);
    expect(invalid.body).toEqual([
      { message: 'Required fields are missing: [Subject]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Subject'] },
    ]);
    const listed = await query(app, "SELECT Id FROM Task WHERE Subject = 'Subscription created'");
    expect(listed.body.totalSize).toBe(1);
  });
});
