/** `transform.jsonata`: maps the message to a new payload with a JSONata expression. */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { expressionField } from './sdk/fields.js';

export const jsonataTransform = defineNode({
  type: 'transform.jsonata',
  version: 1,
  title: 'Map (JSONata)',
  category: 'transform',
  icon: 'map',
  description: 'Builds a new payload from the message with a JSONata expression (input: { payload, meta }).',
  config: z.object({
    expression: expressionField('Mapping', 'JSONata evaluated against { payload, meta }; its result becomes the payload'),
  }),
  inputs: ['in'],
  outputs: ['out'],
  compile: (config, tools) => ({ expression: tools.expression(config.expression, ['expression']) }),
  async execute(ctx, message) {
    const result = await ctx.compiled.expression.evaluate(message, { idempotencyKey: ctx.idempotencyKey });
    return { out: { ...message, payload: result ?? null } };
  },
});
