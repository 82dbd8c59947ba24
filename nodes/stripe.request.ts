/**
 * `stripe.request`: calls the Stripe API through a connection profile (base URL `https://api.stripe.com`,
 * the secret key as bearer). `path` is a template (`v1/subscriptions/{{ payload.id }}`); `params` (JSONata)
 * become the query of a GET or the form-encoded body of a write — Stripe takes
 * `application/x-www-form-urlencoded` with bracketed keys, not JSON (nodes/presets/stripe.ts). Writes carry
 * `Idempotency-Key: <runId>:<nodeId>` (Stripe replays the first answer for 24 h). `Stripe-Version` pins the
 * API version when set. Errors: Stripe's `{ error: { type, code, message, param } }` → `stripe-<code>`.
 */
import { z } from 'zod';
import { callApi, presetFields, withAnswer } from './presets/call.js';
import { readStripeError, toStripeForm } from './presets/stripe.js';
import { defineNode } from './sdk/define.js';
import { expressionField, templateField } from './sdk/fields.js';
import { compileTemplate, renderTemplate } from './sdk/template.js';

const vendor = { name: 'Stripe', readError: readStripeError };

export const stripeRequest = defineNode({
  type: 'stripe.request',
  version: 1,
  title: 'Stripe request',
  category: 'connector',
  icon: 'card',
  sideEffect: true,
  description: 'Calls the Stripe API (form-encoded, idempotent writes) with the connection\'s secret key.',
  config: z.object({
    method: z.enum(['GET', 'POST', 'DELETE']).default('POST').meta({ title: 'Method' }),
    path: templateField('Path', 'Relative to the connection, e.g. v1/customers or v1/subscriptions/{{ payload.id }}').pipe(z.string().min(1, 'Path is empty')),
    params: expressionField('Parameters', 'JSONata for the parameters: the query of a GET, the form body of a write').default('payload'),
    stripeVersion: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/)
      .optional()
      .meta({ title: 'Stripe-Version', description: 'Pin the API version of the answer, e.g. 2025-08-27.basil' }),
    ...presetFields('billing'),
  }),
  inputs: ['in'],
  outputs: ['out'],
  connection: (config) => config.connection,
  compile: (config, tools) => ({ path: compileTemplate(config.path, ['path'], tools), params: tools.expression(config.params, ['params']) }),
  async execute(ctx, message) {
    const path = (await renderTemplate(ctx.compiled.path, message)).replace(/^\/+/, '');
    const params = (await ctx.compiled.params.evaluate(message, { idempotencyKey: ctx.idempotencyKey })) ?? null;
    const form = params === null ? '' : toStripeForm(params);
    const method = ctx.config.method;
    const headers: Record<string, string> = ctx.config.stripeVersion ? { 'Stripe-Version': ctx.config.stripeVersion } : {};
    const call =
      method === 'GET'
        ? { method, url: form ? `${path}${path.includes('?') ? '&' : '?'}${form}` : path, headers }
        : { method, url: path, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: form };
    const response = await callApi(ctx, call, vendor);
    return { out: withAnswer(message, response.body, ctx.config.responseField) };
  },
});
