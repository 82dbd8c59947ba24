/** `netsuite.record`: paths per operation, the id from Location, idempotency headers, o:errorDetails as the step error. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { netsuiteRecord } from './netsuite.record.js';
import { runNode } from './presets/harness.js';
import { idFromLocation, readNetSuiteError } from './presets/netsuite.js';
import { NodeError } from './sdk/errors.js';

const errorFixture = JSON.parse(readFileSync(new URL('../test/fixtures/netsuite/error-response.json', import.meta.url), 'utf8'));
const created = () => ({ status: 204, headers: { location: 'https://acct.suitetalk.api.netsuite.com/services/rest/record/v1/invoice/98765' }, body: '' });

describe('netsuite.record', () => {
  it('upserts by external id: PUT record/v1/<type>/eid:<id>, external id out of the body, id from Location', async () => {
    const run = await runNode(netsuiteRecord, { recordType: 'invoice', externalId: '{{ payload.id }}', body: '{ "externalId": payload.id, "entity": { "id": "4321" } }' }, { id: 'in_FAKE 2' }, created);
    expect(run.requests).toHaveLength(1);
    expect(run.requests[0]).toMatchObject({ method: 'PUT', url: 'record/v1/invoice/eid:in_FAKE%202', body: { entity: { id: '4321' } } });
    expect(run.requests[0]!.headers).toMatchObject({ 'X-NetSuite-Idempotency-Key': 'run_test:node-1', 'Idempotency-Key': 'run_test:node-1' });
    expect(run.outputs.out?.payload).toEqual({ status: 204, recordType: 'invoice', id: '98765', externalId: 'in_FAKE 2', location: created().headers.location });
    expect(run.businessKeys).toEqual({ erpInvoiceId: '98765' });
  });

  it('creates with POST record/v1/<type>, and keeps the payload with responseField', async () => {
    const run = await runNode(netsuiteRecord, { operation: 'create', recordType: 'creditMemo', responseField: 'erp' }, { a: 1 }, () => ({ status: 204, headers: { location: '/sandbox/erp/record/v1/creditMemo/7001' }, body: '' }));
    expect(run.requests[0]).toMatchObject({ method: 'POST', url: 'record/v1/creditMemo' });
    expect(run.outputs.out?.payload).toMatchObject({ a: 1, erp: { id: '7001', recordType: 'creditMemo' } });
  });

  it('turns NetSuite error bodies into a clear, non-retryable step error naming o:errorDetails', async () => {
    const error = await runNode(netsuiteRecord, { operation: 'create', recordType: 'journalEntry' }, {}, () => ({ status: 400, headers: {}, body: errorFixture })).catch((e: unknown) => e as NodeError);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).code).toBe('netsuite-user-error');
    expect((error as NodeError).retryable).toBe(false);
    expect((error as NodeError).message).toBe(
      'NetSuite answered 400 to POST record/v1/journalEntry: USER_ERROR at line: Error while accessing a resource. The total debits (392.00) do not equal the total credits (391.99). (o:errorDetails)',
    );
    expect((error as NodeError).details).toEqual({ body: errorFixture });
  });

  it('retries the statuses of its retry policy, honouring Retry-After', async () => {
    const error = (await runNode(netsuiteRecord, { recordType: 'invoice', externalId: 'x' }, {}, () => ({ status: 429, headers: { 'retry-after': '7' }, body: { 'o:errorDetails': [{ detail: 'Too many', 'o:errorCode': 'CONCURRENCY_LIMIT_EXCEEDED' }] } })).catch((e: unknown) => e)) as NodeError;
    expect(error).toMatchObject({ code: 'netsuite-concurrency-limit-exceeded', retryable: true, retryAfterMs: 7000 });
  });

  it('refuses configs without the id the operation needs', () => {
    expect(netsuiteRecord.config.safeParse({ recordType: 'invoice' }).success).toBe(false);
    expect(netsuiteRecord.config.safeParse({ recordType: 'invoice', operation: 'get' }).success).toBe(false);
    expect(netsuiteRecord.config.safeParse({ recordType: 'invoice', operation: 'get', id: '1' }).success).toBe(true);
  });

  it('reads ids from Location and several error details', () => {
    expect(idFromLocation('https://x/services/rest/record/v1/customer/4321')).toBe('4321');
    expect(idFromLocation(undefined)).toBeUndefined();
    expect(readNetSuiteError(400, { 'o:errorDetails': [{ detail: 'a', 'o:errorCode': 'X' }, { detail: 'b', 'o:errorPath': 'p', 'o:errorCode': 'Y' }] })?.message).toBe('X: a; Y at p: b (o:errorDetails)');
    expect(readNetSuiteError(500, 'oops')).toBeUndefined();
  });
});
