/**
 * `salesforce.cdc`: a splitter for Salesforce Change Data Capture events. One event can carry several
 * record ids (one transaction changing many records alike); this node sends one message per record id on
 * `out`, each `{ recordId, entityName, changeType, changedFields, nulledFields, commitTimestamp (ms),
 * committedAt (ISO), commitUser, transactionKey, sequenceNumber, replayId, fields }` — `fields` holds only
 * the changed fields (a CDC update omits the others: read the record for the rest). Events of another
 * entity or change type, or that change none of `changedFields`, go whole to `ignored`.
 */
import { z } from 'zod';
import { splitChangeEvent } from './presets/salesforce.js';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';

export const salesforceCdc = defineNode({
  type: 'salesforce.cdc',
  version: 1,
  title: 'Salesforce change event',
  category: 'transform',
  icon: 'cloud',
  description: 'Splits a Change Data Capture event into one message per changed record id.',
  config: z.object({
    entity: z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/).max(100).optional().meta({ title: 'Entity', description: 'e.g. Opportunity; empty: any' }),
    changeTypes: z
      .array(z.enum(['CREATE', 'UPDATE', 'DELETE', 'UNDELETE', 'GAP_CREATE', 'GAP_UPDATE', 'GAP_DELETE', 'GAP_UNDELETE', 'GAP_OVERFLOW']))
      .default([])
      .meta({ title: 'Change types', description: 'Empty: any' }),
    changedFields: z
      .array(z.string().regex(/^[A-Za-z][A-Za-z0-9_.]*$/))
      .max(50)
      .default([])
      .meta({ title: 'Changed fields', description: 'Only events changing at least one of these (e.g. StageName); empty: any' }),
  }),
  inputs: ['in'],
  outputs: ['out', 'ignored'],
  splitPorts: ['out'],
  execute(ctx, message) {
    const changes = splitChangeEvent(message.payload);
    if (!changes) throw new NodeError('salesforce-not-a-change-event', 'The payload is not a Change Data Capture event (no ChangeEventHeader)', { retryable: false });
    const { entity, changeTypes, changedFields } = ctx.config;
    const first = changes[0];
    const relevant =
      first !== undefined &&
      (!entity || first.entityName === entity) &&
      (changeTypes.length === 0 || changeTypes.includes(first.changeType as (typeof changeTypes)[number])) &&
      (changedFields.length === 0 || changedFields.some((field) => first.changedFields.includes(field)));
    if (!relevant) return { ignored: message };
    return { out: { ...message, payload: changes as unknown as Json[] } };
  },
});
