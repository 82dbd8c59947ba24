/**
 * `salesforce.record`: one sObject record through the REST API — get (`GET sobjects/<Type>/<id>`), create
 * (`POST sobjects/<Type>`, answer `{ id, success, errors }`) or update (`PATCH sobjects/<Type>/<id>`, 204).
 * Output: the record (get), or `{ sobject, id, created | updated }`. Errors: Salesforce's
 * `[{ message, errorCode, fields }]` → `salesforce-<errorcode>` with the fields named.
 */
import { z } from 'zod';
import { callApi, presetFields, segment, withAnswer } from './presets/call.js';
import { dataPath, readSalesforceError } from './presets/salesforce.js';
import { apiVersionField } from './salesforce.query.js';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField, templateField } from './sdk/fields.js';
import type { Json } from './sdk/message.js';
import { compileTemplate, renderTemplate } from './sdk/template.js';

const vendor = { name: 'Salesforce', readError: readSalesforceError };

export const salesforceRecord = defineNode({
  type: 'salesforce.record',
  version: 1,
  title: 'Salesforce record',
  category: 'connector',
  icon: 'cloud',
  sideEffect: true,
  description: 'Gets, creates or updates one Salesforce record (Opportunity, Account, Task…).',
  config: z
    .object({
      operation: z.enum(['get', 'create', 'update']).default('get').meta({ title: 'Operation' }),
      sobject: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/, 'an sObject API name, e.g. Opportunity or Task').max(100).meta({ title: 'sObject' }),
      id: templateField('Record id', 'For get and update, e.g. {{ payload.recordId }}').optional(),
      fields: expressionField('Fields', 'JSONata for the fields to create or update').default('payload'),
      apiVersion: apiVersionField,
      ...presetFields('crm'),
    })
    .refine((c) => c.operation === 'create' || Boolean(c.id), { message: 'get and update need the record id', path: ['id'] }),
  inputs: ['in'],
  outputs: ['out'],
  connection: (config) => config.connection,
  compile: (config, tools) => ({ id: config.id ? compileTemplate(config.id, ['id'], tools) : undefined, fields: tools.expression(config.fields, ['fields']) }),
  async execute(ctx, message) {
    const { operation, sobject, apiVersion } = ctx.config;
    const id = ctx.compiled.id ? (await renderTemplate(ctx.compiled.id, message)).trim() : '';
    if (operation !== 'create' && !id) throw new NodeError('salesforce-no-id', `The ${operation} of a ${sobject} needs a record id; the template gave an empty one`, { retryable: false });
    const url = dataPath(apiVersion, `sobjects/${sobject}${id ? `/${segment(id)}` : ''}`);
    if (operation === 'get') {
      const response = await callApi(ctx, { method: 'GET', url }, vendor);
      return { out: withAnswer(message, response.body, ctx.config.responseField) };
    }
    const fields = (await ctx.compiled.fields.evaluate(message, { idempotencyKey: ctx.idempotencyKey })) ?? {};
    if (fields === null || typeof fields !== 'object' || Array.isArray(fields)) {
      throw new NodeError('salesforce-fields', `The fields of the ${sobject} must be a JSON object`, { retryable: false });
    }
    const response = await callApi(ctx, { method: operation === 'create' ? 'POST' : 'PATCH', url, body: fields }, vendor);
    const created = response.body as { id?: string } | null;
    const answer: Json = operation === 'create' ? { sobject, id: created?.id ?? null, created: true } : { sobject, id, updated: true };
    return { out: withAnswer(message, answer, ctx.config.responseField) };
  },
});
