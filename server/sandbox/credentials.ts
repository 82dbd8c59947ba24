/**
 * Credentials of the stand-ins (all FAKE, for the sandbox only) and the connection profiles that reach
 * them. At first start with the sandbox on, Ledgerflow creates the profiles `crm`, `billing` and `erp`
 * (secrets sealed like any other), so the example flows run out of the box:
 * - `crm` (Salesforce-shaped): bearer token; its webhooks (CDC relay) carry basic auth.
 * - `billing` (Stripe-shaped): secret API key as bearer; webhooks signed with the endpoint secret
 *   (the one of test/fixtures/stripe/signature/vectors.json, so the fixture's signatures hold).
 * - `erp` (NetSuite-shaped): OAuth2 client credentials against `/sandbox/erp/auth/oauth2/v1/token`.
 */
import type { ProfileInput } from '../connections/profile-schema.js';

export interface SandboxCredentials {
  crm: { accessToken: string; webhookUser: string; webhookPassword: string };
  billing: { apiKey: string; webhookSecret: string };
  erp: { clientId: string; clientSecret: string; /** Lifetime of issued tokens, seconds. */ tokenLifetimeS: number };
}

export const SANDBOX_CREDENTIALS: SandboxCredentials = {
  crm: { accessToken: '00DFAKE!sandbox.crm.token.do.not.use', webhookUser: 'cdc-relay', webhookPassword: 'FAKE-sandbox-crm-relay-password' },
  billing: { apiKey: 'sk_test_FAKE_sandbox_billing_key_0000', webhookSecret: 'whsec_FAKE_test_secret_do_not_use_0000000000' },
  erp: { clientId: 'ledgerflow-sandbox', clientSecret: 'FAKE-sandbox-erp-client-secret', tokenLifetimeS: 3600 },
};

/** The profiles that reach the stand-ins mounted at `/sandbox` of this server. */
export function sandboxProfiles(credentials: SandboxCredentials = SANDBOX_CREDENTIALS): Record<'crm' | 'billing' | 'erp', ProfileInput> {
  return {
    crm: {
      baseUrl: '/sandbox/crm',
      system: 'salesforce',
      description: 'Salesforce-shaped CRM stand-in (REST v62)',
      auth: { type: 'bearer', token: credentials.crm.accessToken },
      webhook: { username: credentials.crm.webhookUser, secret: credentials.crm.webhookPassword },
    },
    billing: {
      baseUrl: '/sandbox/billing',
      system: 'stripe',
      description: 'Stripe-shaped billing stand-in (API 2025-08-27.basil)',
      auth: { type: 'bearer', token: credentials.billing.apiKey },
      webhook: { secret: credentials.billing.webhookSecret },
    },
    erp: {
      baseUrl: '/sandbox/erp',
      system: 'netsuite',
      description: 'NetSuite-shaped ERP stand-in (REST record API v1)',
      auth: {
        type: 'oauth2',
        tokenUrl: '/sandbox/erp/auth/oauth2/v1/token',
        clientId: credentials.erp.clientId,
        clientSecret: credentials.erp.clientSecret,
        scope: 'rest_webservices',
        clientAuth: 'basic',
      },
    },
  };
}

/**
 * Creates the sandbox profiles that do not exist yet (a profile someone changed or created is left alone).
 * @returns the names created.
 */
export function seedSandboxProfiles(profiles: { has(name: string): boolean; put(name: string, input: unknown): unknown }, credentials?: SandboxCredentials): string[] {
  const created: string[] = [];
  for (const [name, input] of Object.entries(sandboxProfiles(credentials))) {
    if (profiles.has(name)) continue;
    profiles.put(name, input);
    created.push(name);
  }
  return created;
}
