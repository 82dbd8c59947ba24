/**
 * `route.switch` (content-based router): sends the message to the port of the first route whose JSONata
 * condition is truthy (or to every matching route in `all` mode); `otherwise` when none matches.
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { expressionField } from './sdk/fields.js';

const RESERVED = new Set(['otherwise', 'error', 'in']);

export const switchRouter = defineNode({
  type: 'route.switch',
  version: 1,
  title: 'Router',
  category: 'route',
  icon: 'route',
  description: 'Content-based router: each route is a JSONata condition and a named output port.',
  config: z.object({
    routes: z
      .array(
        z.object({
          port: z
            .string()
            .regex(/^[a-z][a-zA-Z0-9_]*$/, 'a port name: a lower-case letter, then letters, digits or "_"')
            .refine((p) => !RESERVED.has(p), 'otherwise, error and in are reserved port names')
            .meta({ title: 'Port' }),
          condition: expressionField('Condition', 'JSONata; the route fires when it is truthy'),
        }),
      )
      .min(1)
      .refine((routes) => new Set(routes.map((r) => r.port)).size === routes.length, 'port names must be unique')
      .meta({ title: 'Routes' }),
    mode: z.enum(['first', 'all']).default('first').meta({ title: 'Match', description: 'first: the first matching route only; all: every matching route' }),
  }),
  inputs: ['in'],
  outputs: (config) => [...(config.routes ?? []).map((r) => r.port), 'otherwise'],
  compile: (config, tools) =>
    config.routes.map((route, i) => ({ port: route.port, condition: tools.expression(route.condition, ['routes', i, 'condition']) })),
  async execute(ctx, message) {
    const outputs: Record<string, typeof message> = {};
    for (const route of ctx.compiled) {
      const value = await route.condition.evaluate(message);
      const truthy = Array.isArray(value) ? value.length > 0 : Boolean(value);
      if (!truthy) continue;
      outputs[route.port] = message;
      if (ctx.config.mode === 'first') break;
    }
    return Object.keys(outputs).length ? outputs : { otherwise: message };
  },
});
