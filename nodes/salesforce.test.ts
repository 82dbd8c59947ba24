/** Salesforce presets: a CDC event with several record ids split into one message each, SOQL escaping and paging, records, errors. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runNode } from './presets/harness.js';
import { soqlEscape } from './presets/salesforce.js';
import { salesforceCdc } from './salesforce.cdc.js';
import { salesforceQuery } from './salesforce.query.js';
import { salesforceRecord } from './salesforce.record.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';

const cdc = () => JSON.parse(readFileSync(new URL('../test/fixtures/salesforce/opportunity-change-event.cdc.update.json', import.meta.url), 'utf8')) as Record<string, any>;

describe('salesforce.cdc', () => {
  it('splits an event carrying several record ids into one change per id (splitter port)', async () => {
    const event = cdc();
    event.data.payload.ChangeEventHeader.recordIds = ['006FAKE0000000001AAA', '006FAKE0000000002AAA', '006FAKE0000000003AAA'];
    const run = await runNode(salesforceCdc, { entity: 'Opportunity', changedFields: ['StageName'] }, event);
    expect(salesforceCdc.splitPorts).toEqual(['out']);
    const changes = run.outputs.out?.payload as Array<Record<string, any>>;
    expect(changes.map((c) => c.recordId)).toEqual(['006FAKE0000000001AAA', '006FAKE0000000002AAA', '006FAKE0000000003AAA']);
    expect(changes[0]).toMatchObject({
      entityName: 'Opportunity',
      changeType: 'UPDATE',
      commitTimestamp: 1740681931000,
      committedAt: '2025-02-27T18:45:31.000Z',
      replayId: 2142496,
      fields: { StageName: 'Closed Won', IsWon: true },
    });
    expect(changes[0]!.fields).not.toHaveProperty('ChangeEventHeader');
  });

  it('sends events of another entity, or not changing the fields asked for, to ignored', async () => {
    expect((await runNode(salesforceCdc, { entity: 'Account' }, cdc())).outputs).toHaveProperty('ignored');
    expect((await runNode(salesforceCdc, { changedFields: ['Amount'] }, cdc())).outputs).toHaveProperty('ignored');
    await expect(runNode(salesforceCdc, {}, { not: 'cdc' })).rejects.toMatchObject({ code: 'salesforce-not-a-change-event' });
  });
});

describe('salesforce.query and salesforce.record', () => {
  it('escapes placeholder values inside SOQL literals and follows nextRecordsUrl', async () => {
    const pages: Json[] = [
      { totalSize: 3, done: false, records: [{ Id: 'a' }, { Id: 'b' }], nextRecordsUrl: '/services/data/v62.0/query/01gXX-2000' },
      { totalSize: 3, done: true, records: [{ Id: 'c' }] },
    ];
    const run = await runNode(salesforceQuery, { soql: "SELECT Id FROM Opportunity WHERE Name = '{{ payload.name }}'", allPages: true }, { name: "O'Brien \\ Co" }, () => ({ status: 200, headers: {}, body: pages.shift()! }));
    expect(decodeURIComponent(run.requests[0]!.url)).toBe("services/data/v62.0/query?q=SELECT Id FROM Opportunity WHERE Name = 'O\\'Brien \\\\ Co'");
    expect(run.requests[1]!.url).toBe('services/data/v62.0/query/01gXX-2000');
    expect(run.outputs.out?.payload).toEqual({ totalSize: 3, done: true, records: [{ Id: 'a' }, { Id: 'b' }, { Id: 'c' }] });
    expect(soqlEscape('a\nb"c')).toBe('a\\nb\\"c');
  });

  it('creates, updates and gets records on the sObject paths', async () => {
    const create = await runNode(salesforceRecord, { operation: 'create', sobject: 'Task', fields: '{ "Subject": "Renewal payment failed" }' }, {}, () => ({ status: 201, headers: {}, body: { id: '00T1', success: true, errors: [] } }));
    expect(create.requests[0]).toMatchObject({ method: 'POST', url: 'services/data/v62.0/sobjects/Task', body: { Subject: 'Renewal payment failed' } });
    expect(create.outputs.out?.payload).toEqual({ sobject: 'Task', id: '00T1', created: true });
    const update = await runNode(salesforceRecord, { operation: 'update', sobject: 'Opportunity', id: '{{ payload.id }}', fields: '{ "NextStep": "Invoice" }' }, { id: '006X' }, () => ({ status: 204, headers: {}, body: '' }));
    expect(update.requests[0]).toMatchObject({ method: 'PATCH', url: 'services/data/v62.0/sobjects/Opportunity/006X' });
    const get = await runNode(salesforceRecord, { sobject: 'Account', id: '001X', apiVersion: 'v61.0' }, {}, () => ({ status: 200, headers: {}, body: { Id: '001X' } }));
    expect(get.requests[0]!.url).toBe('services/data/v61.0/sobjects/Account/001X');
    expect(get.outputs.out?.payload).toEqual({ Id: '001X' });
  });

  it('reads Salesforce error lists into the step error', async () => {
    const body = [{ message: 'Required fields are missing: [Subject]', errorCode: 'REQUIRED_FIELD_MISSING', fields: ['Subject'] }];
    const error = (await runNode(salesforceRecord, { operation: 'create', sobject: 'Task', fields: '{}' }, {}, () => ({ status: 400, headers: {}, body })).catch((e: unknown) => e)) as NodeError;
    expect(error).toMatchObject({ code: 'salesforce-required-field-missing', retryable: false });
    expect(error.message).toContain('REQUIRED_FIELD_MISSING: Required fields are missing: [Subject] (fields: Subject)');
  });
});
