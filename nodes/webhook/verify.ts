/**
 * The `verify` setting of the webhook trigger: how a request proves it comes from the sender, checked over
 * the raw body before a run starts (server/connections/webhook-signatures.ts). The secret is never in the
 * flow: `connection` names the connection profile whose webhook secret (and user name, for basic) is used.
 *
 * - `stripe`: `Stripe-Signature: t=…,v1=…` (docs.stripe.com/webhooks/signature), tolerance default 300 s.
 * - `hmac`: a header with an HMAC of the body or of `<timestamp>.<body>` (GitHub, Shopify, Slack style).
 * - `basic`: `Authorization: Basic …` (RFC 7617).
 */
import { z } from 'zod';

const connection = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"')
  .max(100)
  .meta({ title: 'Connection', description: 'The connection profile holding the webhook secret (Connections page)' });

const tolerance = z.number().int().min(0).max(86_400).default(300).meta({
  title: 'Tolerance (s)',
  description: 'Refuse signatures whose timestamp is older than this; 0: no check',
});

export const WebhookVerifySchema = z
  .discriminatedUnion('scheme', [
    z.object({ scheme: z.literal('none').meta({ title: 'None' }) }).meta({ title: 'No check' }),
    z.object({ scheme: z.literal('stripe'), connection, toleranceSeconds: tolerance }).meta({ title: 'Stripe signature' }),
    z
      .object({
        scheme: z.literal('hmac'),
        connection,
        header: z.string().regex(/^[A-Za-z0-9-]+$/).max(100).meta({ title: 'Signature header', description: 'e.g. X-Hub-Signature-256' }),
        algorithm: z.enum(['sha256', 'sha1', 'sha512']).default('sha256').meta({ title: 'Algorithm' }),
        encoding: z.enum(['hex', 'base64']).default('hex').meta({ title: 'Encoding' }),
        prefix: z.string().max(40).optional().meta({ title: 'Prefix', description: 'Text before the digest, e.g. sha256=' }),
        signed: z.enum(['body', 'timestamp.body']).default('body').meta({ title: 'Signed content', description: 'The raw body, or "<timestamp>.<body>"' }),
        timestampHeader: z.string().regex(/^[A-Za-z0-9-]+$/).max(100).optional().meta({ title: 'Timestamp header', description: 'Unix seconds; needed when the timestamp is signed' }),
        toleranceSeconds: tolerance,
      })
      .refine((v) => v.signed === 'body' || Boolean(v.timestampHeader), { message: 'a signed timestamp needs its header', path: ['timestampHeader'] })
      .meta({ title: 'HMAC signature' }),
    z.object({ scheme: z.literal('basic'), connection }).meta({ title: 'Basic auth' }),
  ])
  .default({ scheme: 'none' })
  .meta({ title: 'Verify', description: 'Check each request before a run starts; refused requests get 401 and are listed under /api/webhooks/rejections' });

export type WebhookVerifyConfig = z.output<typeof WebhookVerifySchema>;
