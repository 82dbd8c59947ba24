/**
 * `guard.idempotentConsumer` (Idempotent Receiver, Enterprise Integration Patterns): claims a business key
 * (e.g. the Stripe event id) atomically before the work. A message whose key is already claimed by another
 * run is a duplicate: dropped (the run ends as `duplicate`) or sent to the `duplicate` port. The runtime gives
 * the key back when the run fails, so a redelivery after a failure is processed; a TTL bounds how long a
 * key counts (providers stop redelivering after days: Stripe retries for up to 3 days).
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import { expressionField } from './sdk/fields.js';

export const idempotentConsumer = defineNode({
  type: 'guard.idempotentConsumer',
  version: 1,
  title: 'Idempotent consumer',
  category: 'guard',
  icon: 'shield',
  description: 'Lets each business event through once: claims its key (e.g. the event id) and drops or routes duplicates.',
  config: z.object({
    key: expressionField('Key', 'JSONata giving the business key, e.g. payload.id (the Stripe event id)'),
    keyName: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_]*$/)
      .default('eventId')
      .meta({ title: 'Key name', description: 'Name of the business key in run history' }),
    ttlSeconds: z.number().int().min(1).max(31_536_000).optional().meta({ title: 'Remember for (s)', description: 'Empty: for ever' }),
    onDuplicate: z.enum(['drop', 'route']).default('drop').meta({ title: 'Duplicates', description: 'drop: end the run as duplicate; route: send to the duplicate port' }),
  }),
  inputs: ['in'],
  outputs: ['out', 'duplicate'],
  compile: (config, tools) => ({ key: tools.expression(config.key, ['key']) }),
  async execute(ctx, message) {
    const value = await ctx.compiled.key.evaluate(message);
    if (value === undefined || value === null || value === '' || typeof value === 'object') {
      throw new NodeError('missing-business-key', `The key expression "${ctx.config.key}" gave ${JSON.stringify(value) ?? 'nothing'}; it must give a string or a number`, { retryable: false });
    }
    const key = String(value);
    ctx.setBusinessKey(ctx.config.keyName, key);
    const claim = await ctx.guards.claim(key, ctx.config.ttlSeconds ? ctx.config.ttlSeconds * 1000 : undefined);
    if (claim.claimed) return { out: message };
    ctx.markDuplicate(claim.heldBy);
    ctx.log.info('duplicate dropped', { key, heldBy: claim.heldBy });
    return ctx.config.onDuplicate === 'route' ? { duplicate: { ...message, meta: { ...message.meta } } } : {};
  },
});
