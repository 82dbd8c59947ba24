/**
 * `stripe.event`: the first node after a Stripe webhook. Checks the payload is a Stripe event, sends event
 * types not in `types` to `ignored`, and records the event's identity as business keys — `stripeEventId`,
 * `stripeEventType`, `stripeApiVersion` (the endpoint's API version decides the payload's shape, so it is
 * kept with every run) and the object's id (`stripeObjectId`, `stripeCustomerId`, `stripeSubscriptionId`).
 *
 * The payload goes on unchanged plus `resolved`: the fields basil moved, read where this event's API
 * version keeps them (nodes/presets/stripe.ts has the table), e.g. an invoice's subscription from
 * `parent.subscription_details.subscription` (basil) or `subscription` (earlier versions).
 */
import { z } from 'zod';
import { resolveStripeFields } from './presets/stripe.js';
import { defineNode } from './sdk/define.js';
import { NodeError } from './sdk/errors.js';
import type { Json } from './sdk/message.js';

/** `invoice.*` matches `invoice.paid`; other patterns match exactly. */
const matches = (pattern: string, type: string) => (pattern.endsWith('.*') ? type.startsWith(pattern.slice(0, -1)) : pattern === type);

export const stripeEvent = defineNode({
  type: 'stripe.event',
  version: 1,
  title: 'Stripe event',
  category: 'transform',
  icon: 'card',
  description: "Reads a Stripe webhook event: keeps its api_version and ids as business keys, resolves fields basil moved, filters by type.",
  config: z.object({
    types: z
      .array(z.string().regex(/^[a-z_]+(\.[a-z_]+)*(\.\*)?$/, 'an event type, e.g. invoice.paid or invoice.*'))
      .max(50)
      .default([])
      .meta({ title: 'Event types', description: 'Only these go to out (invoice.* for a family); empty: all' }),
    apiVersions: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}(\.[a-z]+)?$/))
      .max(10)
      .default([])
      .meta({ title: 'API versions', description: 'Fail events of other API versions (their shape differs); empty: any' }),
  }),
  inputs: ['in'],
  outputs: ['out', 'ignored'],
  execute(ctx, message) {
    const event = message.payload as Record<string, Json> | null;
    if (!event || typeof event !== 'object' || Array.isArray(event) || event.object !== 'event' || typeof event.type !== 'string' || typeof event.id !== 'string') {
      throw new NodeError('stripe-not-an-event', 'The payload is not a Stripe event ({ object: "event", id: "evt_…", type, data: { object } })', { retryable: false });
    }
    const apiVersion = typeof event.api_version === 'string' ? event.api_version : undefined;
    ctx.setBusinessKey('stripeEventId', event.id);
    ctx.setBusinessKey('stripeEventType', event.type);
    if (apiVersion) ctx.setBusinessKey('stripeApiVersion', apiVersion);
    const { types, apiVersions } = ctx.config;
    if (apiVersions.length && (!apiVersion || !apiVersions.includes(apiVersion))) {
      throw new NodeError('stripe-api-version', `Event ${event.id} has API version ${apiVersion ?? '(none)'}; this flow maps ${apiVersions.join(', ')}`, { retryable: false });
    }
    if (types.length && !types.some((pattern) => matches(pattern, event.type as string))) return { ignored: message };
    const data = event.data as Record<string, Json> | undefined;
    const resolved = resolveStripeFields(data?.object, apiVersion);
    if (resolved.objectId) ctx.setBusinessKey('stripeObjectId', resolved.objectId);
    if (resolved.customer) ctx.setBusinessKey('stripeCustomerId', resolved.customer);
    if (resolved.subscription) ctx.setBusinessKey('stripeSubscriptionId', resolved.subscription);
    return { out: { ...message, payload: { ...event, resolved: { apiVersion: apiVersion ?? null, ...resolved } as Json } } };
  },
});
