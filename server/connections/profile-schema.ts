/**
 * The shape of a connection profile: a named target system (`erp`, `crm`, `billing`…) with its base URL,
 * how Ledgerflow authenticates to it (outbound) and how it authenticates its webhooks to Ledgerflow
 * (inbound). Secret fields are write-only: in a request body, a secret that is absent keeps the stored
 * value, `null` clears it, a string replaces it; answers only say which secrets are set.
 *
 * Auth kinds: bearer token (RFC 6750), basic (RFC 7617), API key in a header or the query, OAuth2 client
 * credentials (RFC 6749 §4.4, client authenticated with HTTP Basic per §2.3.1, or in the body).
 */
import { z } from 'zod';

/** Connection names: the same rule as `http.request`'s `connection` and `/api/connections/:name`. */
export const ConnectionName = z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'lower-case letters, digits, ".", "_" and "-"').max(100);

/** A secret in a write: absent keeps the stored one, `null` clears it, a string replaces it. */
const SecretInput = z.string().min(1, 'empty secret: leave the field out to keep the stored one').max(8192).nullable().optional();

/** Absolute http(s) URL, or a path on this Ledgerflow server (starting with `/`, e.g. the stand-ins). */
export const UrlField = z
  .string()
  .max(2000)
  .refine((value) => value.startsWith('/') || /^https?:\/\/[^\s/]+/i.test(value), 'an http(s) URL, or a path starting with /');

export const AuthInput = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('bearer'), token: SecretInput }),
  z.object({ type: z.literal('basic'), username: z.string().min(1).max(200).refine((u) => !u.includes(':'), 'RFC 7617: no ":" in the user-id'), password: SecretInput }),
  z.object({
    type: z.literal('apiKey'),
    in: z.enum(['header', 'query']),
    name: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'letters, digits, "_", "." and "-"').max(100),
    value: SecretInput,
  }),
  z.object({
    type: z.literal('oauth2'),
    tokenUrl: UrlField,
    clientId: z.string().min(1).max(500),
    clientSecret: SecretInput,
    scope: z.string().max(1000).optional(),
    audience: z.string().max(1000).optional(),
    /** RFC 6749 §2.3.1: HTTP Basic (recommended, default) or client_id/client_secret in the form body. */
    clientAuth: z.enum(['basic', 'body']).default('basic'),
  }),
]);

export const ProfileInput = z.object({
  baseUrl: UrlField.optional(),
  description: z.string().max(500).optional(),
  /** Which presets the profile is meant for; informational. */
  system: z.enum(['salesforce', 'stripe', 'netsuite', 'generic']).optional(),
  auth: AuthInput.default({ type: 'none' }),
  /** Inbound: the signing secret (Stripe, HMAC) or the basic-auth user and password webhooks must carry. */
  webhook: z.object({ username: z.string().min(1).max(200).optional(), secret: SecretInput }).optional(),
});
export type ProfileInput = z.input<typeof ProfileInput>;
export type AuthType = z.output<typeof AuthInput>['type'];

/** The secret field of each auth kind (path inside the profile: `auth.<field>`). */
export const AUTH_SECRET: Record<AuthType, string | undefined> = {
  none: undefined,
  bearer: 'token',
  basic: 'password',
  apiKey: 'value',
  oauth2: 'clientSecret',
};

/** A profile's auth with its secret taken out (what is stored in clear and shown). */
export type PlainAuth =
  | { type: 'none' }
  | { type: 'bearer' }
  | { type: 'basic'; username: string }
  | { type: 'apiKey'; in: 'header' | 'query'; name: string }
  | { type: 'oauth2'; tokenUrl: string; clientId: string; scope?: string; audience?: string; clientAuth: 'basic' | 'body' };

/** What the API answers for a profile: never a secret, only which ones are set. */
export interface ConnectionProfileView {
  name: string;
  baseUrl?: string;
  description?: string;
  system?: 'salesforce' | 'stripe' | 'netsuite' | 'generic';
  auth: PlainAuth;
  webhook?: { username?: string };
  /** Secret paths that hold a value, e.g. `{ "auth.clientSecret": "set", "webhook.secret": "set" }`. */
  secrets: Record<string, 'set'>;
  /** Increases with every change (token caches are keyed on it). */
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A profile with its secrets opened: runtime only, never serialised. */
export interface ResolvedProfile {
  name: string;
  baseUrl?: string;
  auth: PlainAuth & { secret?: string };
  webhook?: { username?: string; secret?: string };
  version: number;
  /** Every secret value of the profile, for masking text that might echo one. */
  secretValues: string[];
}
