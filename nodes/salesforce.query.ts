/**
 * `salesforce.query`: runs a SOQL query through the REST API (`GET services/data/<version>/query?q=`) with
 * the connection's instance URL and token. `{{ }}` placeholders are escaped as SOQL string literal content
 * (write `WHERE Id = '{{ payload.recordId }}'`), so a value cannot change the query. With `allPages`, the
 * `nextRecordsUrl` pages are followed (at most 50). Output: `{ totalSize, done, records }`.
 */
import { z } from 'zod';
import { callApi, presetFields, withAnswer } from './presets/call.js';
import { dataPath, readSalesforceError, soqlEscape } from './presets/salesforce.js';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { templateField } from './sdk/fields.js';
import type { Json } from './sdk/message.js';
import { compileTemplate } from './sdk/template.js';

const vendor = { name: 'Salesforce', readError: readSalesforceError };
const MAX_PAGES = 50;

/** The Salesforce REST API version field shared by the Salesforce presets. */
export const apiVersionField = z.string().regex(/^v\d{2,3}\.\d$/, 'e.g. v62.0').default('v62.0').meta({ title: 'API version' });

export const salesforceQuery = defineNode({
  type: 'salesforce.query',
  version: 1,
  title: 'Salesforce query',
  category: 'connector',
  icon: 'cloud',
  description: 'Runs a SOQL query (values in {{ }} are escaped) and answers the records.',
  config: z.object({
    soql: templateField('SOQL', "e.g. SELECT Id, Name FROM Opportunity WHERE Id = '{{ payload.recordId }}'").pipe(z.string().min(1, 'SOQL is empty')),
    allPages: z.boolean().default(false).meta({ title: 'All pages', description: 'Follow nextRecordsUrl (at most 50 pages)' }),
    apiVersion: apiVersionField,
    ...presetFields('crm'),
  }),
  inputs: ['in'],
  outputs: ['out'],
  connection: (config) => config.connection,
  compile: (config, tools) => ({ soql: compileTemplate(config.soql, ['soql'], tools) }),
  async execute(ctx, message) {
    let soql = '';
    for (const part of ctx.compiled.soql) {
      if (typeof part === 'string') soql += part;
      else {
        const value = await part.evaluate(message);
        if (value !== undefined && value !== null) soql += soqlEscape(typeof value === 'string' ? value : JSON.stringify(value));
      }
    }
    let url = dataPath(ctx.config.apiVersion, `query?q=${encodeURIComponent(soql.trim())}`);
    const records: Json[] = [];
    let totalSize = 0;
    let done = false;
    for (let page = 0; page < MAX_PAGES; page++) {
      const response = await callApi(ctx, { method: 'GET', url }, vendor);
      const body = response.body as { totalSize?: number; done?: boolean; records?: Json[]; nextRecordsUrl?: string } | null;
      if (!body || !Array.isArray(body.records)) throw new NodeError('salesforce-unexpected', 'The query answer has no records list', { retryable: false, details: { body: response.body } });
      records.push(...body.records);
      totalSize = body.totalSize ?? records.length;
      done = body.done !== false;
      if (done || !ctx.config.allPages || !body.nextRecordsUrl) break;
      url = body.nextRecordsUrl.replace(/^\/+/, ''); // host-relative: joined to the instance URL
    }
    return { out: withAnswer(message, { totalSize, done, records }, ctx.config.responseField) };
  },
});
