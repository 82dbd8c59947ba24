/** `respond`: answers the webhook caller (status, headers, JSONata body), then passes the message on. */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { expressionField, templateField } from './sdk/fields.js';
import { compileTemplate, renderTemplate } from './sdk/template.js';

export const respond = defineNode({
  type: 'respond',
  version: 1,
  title: 'Respond',
  category: 'respond',
  icon: 'reply',
  description: 'Answers the caller of the webhook that started the run.',
  config: z.object({
    status: z.number().int().min(100).max(599).default(200).meta({ title: 'Status' }),
    headers: z.record(z.string(), templateField('Header', 'Value with {{ JSONata }} placeholders')).default({}).meta({ title: 'Headers' }),
    body: expressionField('Body', 'JSONata for the JSON body').default('payload'),
  }),
  inputs: ['in'],
  outputs: ['out'],
  compile: (config, tools) => ({
    body: tools.expression(config.body, ['body']),
    headers: Object.entries(config.headers).map(([name, value]) => ({ name, value: compileTemplate(value, ['headers', name], tools) })),
  }),
  async execute(ctx, message) {
    const headers: Record<string, string> = {};
    for (const header of ctx.compiled.headers) headers[header.name] = await renderTemplate(header.value, message);
    const body = (await ctx.compiled.body.evaluate(message)) ?? null;
    ctx.respond({ status: ctx.config.status, headers, body });
    return { out: { ...message, payload: body } };
  },
});
