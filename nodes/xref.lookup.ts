/**
 * `xref.lookup`: finds the id that an id of one system has in another, in the xref (cross-reference table
 * of ids between systems), e.g. the ERP customer of a Stripe customer. The id found is put into the payload
 * at `field` and sent on `out`. When there is none: the `missing` port (onMissing `route`), or the step fails
 * without retry (onMissing `fail`), parking the run as a dead letter to replay once someone links the ids
 * (`PUT /api/xref`).
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField } from './sdk/fields.js';
import type { Json } from './sdk/message.js';
import { entityField, fieldPath, idOf, systemField, withField } from './xref/refs.js';

export const xrefLookup = defineNode({
  type: 'xref.lookup',
  version: 1,
  title: 'Look up id (xref)',
  category: 'guard',
  icon: 'link',
  description: 'Finds the id an id of one system has in another (e.g. the ERP customer of a Stripe customer) in the xref.',
  config: z.object({
    fromSystem: systemField('From system'),
    fromEntity: entityField('From entity'),
    id: expressionField('Id', 'JSONata giving the id to look up, e.g. payload.data.object.customer'),
    toSystem: systemField('To system'),
    toEntity: entityField('To entity').optional(),
    field: fieldPath.meta({ title: 'Put it at', description: 'Dotted path in the payload, e.g. xref.erpCustomer' }),
    many: z.enum(['latest', 'all']).default('latest').meta({ title: 'Several links', description: 'latest: the most recently linked id; all: an array of ids' }),
    onMissing: z.enum(['route', 'fail']).default('route').meta({
      title: 'When none is linked',
      description: 'route: send the message to the missing port; fail: fail the step (the run is parked for replay)',
    }),
  }),
  inputs: ['in'],
  outputs: (config) => (config?.onMissing === 'fail' ? ['out'] : ['out', 'missing']),
  compile: (config, tools) => ({ id: tools.expression(config.id, ['id']) }),
  async execute(ctx, message) {
    const { config } = ctx;
    const id = idOf(await ctx.compiled.id.evaluate(message));
    if (id === undefined) {
      throw new NodeError('xref-no-id', `The id expression "${config.id}" gave no string or number to look up`, { retryable: false });
    }
    const found = await ctx.xref.lookup(
      { system: config.fromSystem, entity: config.fromEntity, id },
      { system: config.toSystem, ...(config.toEntity ? { entity: config.toEntity } : {}) },
    );
    const target = `${config.toSystem}${config.toEntity ? ` ${config.toEntity}` : ''}`;
    if (found.length === 0) {
      if (config.onMissing === 'fail') {
        throw new NodeError('xref-missing', `No ${target} is linked to ${config.fromSystem} ${config.fromEntity} ${id} in the xref`, {
          retryable: false,
          details: { from: { system: config.fromSystem, entity: config.fromEntity, id }, to: { system: config.toSystem, entity: config.toEntity ?? null } },
        });
      }
      return { missing: message };
    }
    const value: Json = config.many === 'all' ? found.map((ref) => ref.id) : found[0]!.id;
    return { out: { ...message, payload: withField(message.payload, config.field, value) } };
  },
});
