/**
 * `guard.staleEvent`: per entity (e.g. a Stripe invoice id), lets an event through only if its version or
 * timestamp is not older than the last one applied, so out-of-order deliveries cannot roll state back
 * (`invoice.paid` then a late `invoice.finalized`; a subscription update older than the last applied one).
 * Stale events are dropped or sent to the `stale` port. Versions: numbers, or ISO 8601 timestamps.
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField } from './sdk/fields.js';

export const staleEventGuard = defineNode({
  type: 'guard.staleEvent',
  version: 1,
  title: 'Stale-event guard',
  category: 'guard',
  icon: 'clock',
  description: 'Drops or routes an event older than the last one applied to the same entity.',
  config: z.object({
    entity: expressionField('Entity key', 'JSONata giving the entity id, e.g. payload.data.object.id'),
    version: expressionField('Version', 'JSONata giving a number or an ISO timestamp, e.g. payload.created'),
    onStale: z.enum(['drop', 'route']).default('drop').meta({ title: 'Stale events', description: 'drop: end the branch; route: send to the stale port' }),
  }),
  inputs: ['in'],
  outputs: ['out', 'stale'],
  compile: (config, tools) => ({ entity: tools.expression(config.entity, ['entity']), version: tools.expression(config.version, ['version']) }),
  async execute(ctx, message) {
    const entity = await ctx.compiled.entity.evaluate(message);
    const version = await ctx.compiled.version.evaluate(message);
    if (typeof entity !== 'string' && typeof entity !== 'number') {
      throw new NodeError('missing-entity', `The entity expression gave ${JSON.stringify(entity) ?? 'nothing'}`, { retryable: false });
    }
    if (typeof version !== 'number' && !(typeof version === 'string' && !Number.isNaN(Date.parse(version)))) {
      throw new NodeError('invalid-version', `The version expression gave ${JSON.stringify(version) ?? 'nothing'}; it must be a number or an ISO timestamp`, { retryable: false });
    }
    const result = await ctx.guards.advance(String(entity), version);
    if (result.applied) return { out: message };
    ctx.log.info('stale event', { entity, version, current: result.current });
    return ctx.config.onStale === 'route' ? { stale: message } : {};
  },
});
