/**
 * The connection form's draft: every field as text, secrets as "unchanged" (undefined) or a new value.
 * `draftOf` starts from a stored profile (never holding a secret), `bodyOf` builds the PUT body, leaving out
 * every secret the user did not type, so the server keeps it.
 */
import type { ConnectionProfileView, ProfileInput } from '../api/connectionProfiles.js';

export type AuthKind = 'none' | 'bearer' | 'basic' | 'apiKey' | 'oauth2';
export type SystemKind = '' | 'salesforce' | 'stripe' | 'netsuite' | 'generic';

export interface ProfileDraft {
  name: string;
  description: string;
  system: SystemKind;
  baseUrl: string;
  auth: AuthKind;
  username: string;
  apiKeyIn: 'header' | 'query';
  apiKeyName: string;
  tokenUrl: string;
  clientId: string;
  scope: string;
  clientAuth: 'basic' | 'body';
  /** New auth secret (token, password, key or client secret); undefined: unchanged. */
  authSecret?: string;
  webhookUser: string;
  /** New webhook secret; undefined: unchanged. */
  webhookSecret?: string;
}

/** The secret field of each auth kind, as named by the API (`auth.<field>`). */
export const AUTH_SECRET_FIELD: Record<AuthKind, string | undefined> = { none: undefined, bearer: 'token', basic: 'password', apiKey: 'value', oauth2: 'clientSecret' };

export const AUTH_SECRET_LABEL: Record<AuthKind, string> = { none: '', bearer: 'Token', basic: 'Password', apiKey: 'API key', oauth2: 'Client secret' };

export function draftOf(profile?: ConnectionProfileView, name = ''): ProfileDraft {
  const auth = profile?.auth;
  return {
    name: profile?.name ?? name,
    description: profile?.description ?? '',
    system: profile?.system ?? '',
    baseUrl: profile?.baseUrl ?? '',
    auth: auth?.type ?? 'none',
    username: auth?.type === 'basic' ? auth.username : '',
    apiKeyIn: auth?.type === 'apiKey' ? auth.in : 'header',
    apiKeyName: auth?.type === 'apiKey' ? auth.name : 'X-Api-Key',
    tokenUrl: auth?.type === 'oauth2' ? auth.tokenUrl : '',
    clientId: auth?.type === 'oauth2' ? auth.clientId : '',
    scope: auth?.type === 'oauth2' ? (auth.scope ?? '') : '',
    clientAuth: auth?.type === 'oauth2' ? auth.clientAuth : 'basic',
    webhookUser: profile?.webhook?.username ?? '',
  };
}

/** The PUT body for a draft; secrets the user did not type are left out (kept by the server). */
export function bodyOf(draft: ProfileDraft): ProfileInput {
  const secret = draft.authSecret ? { [AUTH_SECRET_FIELD[draft.auth]!]: draft.authSecret } : {};
  const text = (value: string) => (value.trim() ? value.trim() : undefined);
  let auth: ProfileInput['auth'];
  switch (draft.auth) {
    case 'bearer':
      auth = { type: 'bearer', ...secret };
      break;
    case 'basic':
      auth = { type: 'basic', username: draft.username.trim(), ...secret };
      break;
    case 'apiKey':
      auth = { type: 'apiKey', in: draft.apiKeyIn, name: draft.apiKeyName.trim(), ...secret };
      break;
    case 'oauth2':
      auth = { type: 'oauth2', tokenUrl: draft.tokenUrl.trim(), clientId: draft.clientId.trim(), clientAuth: draft.clientAuth, ...(text(draft.scope) ? { scope: text(draft.scope) } : {}), ...secret };
      break;
    default:
      auth = { type: 'none' };
  }
  return {
    ...(text(draft.baseUrl) ? { baseUrl: text(draft.baseUrl) } : {}),
    ...(text(draft.description) ? { description: text(draft.description) } : {}),
    ...(draft.system ? { system: draft.system } : {}),
    auth,
    webhook: { ...(text(draft.webhookUser) ? { username: text(draft.webhookUser) } : {}), ...(draft.webhookSecret ? { secret: draft.webhookSecret } : {}) },
  };
}
