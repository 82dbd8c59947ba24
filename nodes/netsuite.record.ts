/**
 * `netsuite.record`: a NetSuite record through the REST record API v1 — create (`POST record/v1/<type>`),
 * upsert by external id (`PUT record/v1/<type>/eid:<externalId>`: creates or replaces, so a retried or
 * replayed posting lands on the same record), update (`PATCH`) or get. Writes answer 204 with the record in
 * `Location`; the output is `{ status, recordType, id, externalId?, location }` (get: the record), and the
 * id is kept as business key `erp<RecordType>Id` (e.g. `erpInvoiceId`).
 *
 * Errors: NetSuite's `o:errorDetails` become the step error's message (`USER_ERROR at line: The total
 * debits (392.00) do not equal the total credits (391.99). (o:errorDetails)`), code `netsuite-<code>`.
 * Writes carry `X-NetSuite-Idempotency-Key` (NetSuite's own) and `Idempotency-Key`, both `<runId>:<nodeId>`.
 */
import { z } from 'zod';
import { callApi, presetFields, withAnswer } from './presets/call.js';
import { idFromLocation, readNetSuiteError, recordPath } from './presets/netsuite.js';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField, templateField } from './sdk/fields.js';
import type { Json } from './sdk/message.js';
import { compileTemplate, renderTemplate } from './sdk/template.js';

const vendor = { name: 'NetSuite', readError: readNetSuiteError };

export const netsuiteRecord = defineNode({
  type: 'netsuite.record',
  version: 1,
  title: 'NetSuite record',
  category: 'connector',
  icon: 'ledger',
  sideEffect: true,
  description: 'Creates, upserts by external id, updates or reads a NetSuite record (REST record API v1).',
  config: z
    .object({
      operation: z.enum(['upsert', 'create', 'update', 'get']).default('upsert').meta({ title: 'Operation', description: 'upsert: PUT …/eid:<externalId> (safe to repeat)' }),
      recordType: z
        .string()
        .regex(/^[a-zA-Z][a-zA-Z0-9_]*$/, 'a NetSuite record type, e.g. invoice, creditMemo, customrecord_x')
        .max(100)
        .meta({ title: 'Record type', description: 'invoice, customer, creditMemo, salesOrder, customerPayment, customerRefund, journalEntry…' }),
      externalId: templateField('External id', 'For upsert (and get/update by external id), e.g. {{ payload.id }}').optional(),
      id: templateField('Internal id', 'For update and get by internal id').optional(),
      body: expressionField('Body', 'JSONata for the record fields (references as { "id": … })').default('payload'),
      ...presetFields('erp'),
    })
    .refine((c) => c.operation !== 'upsert' || Boolean(c.externalId), { message: 'an upsert needs the external id', path: ['externalId'] })
    .refine((c) => (c.operation !== 'update' && c.operation !== 'get') || Boolean(c.id || c.externalId), { message: 'give the internal or the external id', path: ['id'] }),
  inputs: ['in'],
  outputs: ['out'],
  connection: (config) => config.connection,
  compile: (config, tools) => ({
    externalId: config.externalId ? compileTemplate(config.externalId, ['externalId'], tools) : undefined,
    id: config.id ? compileTemplate(config.id, ['id'], tools) : undefined,
    body: tools.expression(config.body, ['body']),
  }),
  async execute(ctx, message) {
    const { operation, recordType } = ctx.config;
    const externalId = ctx.compiled.externalId ? (await renderTemplate(ctx.compiled.externalId, message)).trim() : undefined;
    const id = ctx.compiled.id ? (await renderTemplate(ctx.compiled.id, message)).trim() : undefined;
    if ((operation === 'upsert' && !externalId) || ((operation === 'update' || operation === 'get') && !id && !externalId)) {
      throw new NodeError('netsuite-no-id', `The ${operation} of a ${recordType} needs ${operation === 'upsert' ? 'an external id' : 'an id'}, and the template gave an empty one`, { retryable: false });
    }
    const key = id ? { id } : externalId ? { externalId } : undefined;
    if (operation === 'get') {
      const response = await callApi(ctx, { method: 'GET', url: recordPath(recordType, key) }, vendor);
      return { out: withAnswer(message, response.body, ctx.config.responseField) };
    }
    let body = (await ctx.compiled.body.evaluate(message, { idempotencyKey: ctx.idempotencyKey })) ?? {};
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw new NodeError('netsuite-body', `The body of the ${recordType} must be a JSON object, not ${JSON.stringify(body).slice(0, 80)}`, { retryable: false });
    }
    if (operation === 'upsert') {
      const { externalId: _externalId, ...fields } = body; // the external id travels in the path
      body = fields;
    }
    const method = operation === 'create' ? 'POST' : operation === 'upsert' ? 'PUT' : 'PATCH';
    const url = recordPath(recordType, operation === 'create' ? undefined : key);
    const response = await callApi(ctx, { method, url, headers: { 'X-NetSuite-Idempotency-Key': ctx.idempotencyKey }, body }, vendor);
    const location = response.headers.location;
    const recordId = idFromLocation(location) ?? (typeof (response.body as Record<string, Json> | null)?.id === 'string' ? String((response.body as Record<string, Json>).id) : undefined);
    if (recordId) ctx.setBusinessKey(`erp${recordType.charAt(0).toUpperCase()}${recordType.slice(1)}Id`, recordId);
    const answer: Json = {
      status: response.status,
      recordType,
      ...(recordId ? { id: recordId } : {}),
      ...(externalId ? { externalId } : {}),
      ...(location ? { location } : {}),
    };
    return { out: withAnswer(message, answer, ctx.config.responseField) };
  },
});
