/**
 * `trigger.webhook`: starts a run for each HTTP request to `/hooks/<path>` of a published flow. With
 * `verify`, a request must carry a valid Stripe signature, HMAC or basic credentials (secret from a
 * connection profile) or it is refused with 401 before any run starts.
 */
import { z } from 'zod';
import { defineNode } from './sdk/define.js';
import { WebhookVerifySchema } from './webhook/verify.js';

export const webhookTrigger = defineNode({
  type: 'trigger.webhook',
  version: 1,
  title: 'Webhook',
  category: 'trigger',
  icon: 'webhook',
  description: 'Starts a run for each request posted to /hooks/<path> once the flow is published.',
  config: z.object({
    path: z
      .string()
      .regex(/^[a-z0-9][a-z0-9/_-]*$/, 'lower-case letters, digits, "/", "_" and "-" only')
      .max(200)
      .meta({ title: 'Path', description: 'Served at /hooks/<path>' }),
    method: z.enum(['POST', 'PUT']).default('POST').meta({ title: 'Method' }),
    responseMode: z
      .enum(['respondNode', 'accepted'])
      .default('respondNode')
      .meta({
        title: 'Response',
        description: 'respondNode: a Respond node answers the caller; accepted: answer 202 as soon as the event is recorded',
      }),
    responseTimeoutMs: z.number().int().min(100).max(120_000).default(10_000).meta({
      title: 'Response time-out (ms)',
      description: 'If no Respond node answered by then, the caller gets 202 with the run id',
    }),
    verify: WebhookVerifySchema,
  }),
  inputs: [],
  outputs: ['out'],
  execute: (_ctx, message) => ({ out: message }),
});
