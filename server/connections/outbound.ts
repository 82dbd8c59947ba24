/**
 * Outbound use of connection profiles: the HTTP client a node gets for a step that names a connection.
 * - **Base URL**: a relative URL (`record/v1/invoice`, no scheme and no leading `/`) is joined to the
 *   profile's base URL (`https://acct.suitetalk.api.netsuite.com/services/rest` + `/` + path). Absolute URLs
 *   and paths on this server (`/sandbox/…`) are left as they are.
 * - **Auth** is added to relative URLs (joined to the base) and to absolute URLs inside the base URL (any
 *   absolute URL when the profile has none), so credentials never follow a URL to another host; a path on
 *   this server written with a leading `/` is sent without them. Kinds: bearer (RFC 6750 §2.1), basic (RFC 7617:
 *   base64 of `user:password`), API key in a header or the query, OAuth2 client credentials (RFC 6749
 *   §4.4) with the token cached and fetched again shortly before it expires, or after a 401.
 * - **Masking**: errors are re-thrown with every secret of the profile (and the current token) replaced by
 *   `****`; auth headers are added below the node, so step records and traces never see them.
 */
import { NodeError } from '../../nodes/sdk/errors.js';
import type { HttpClient, OutboundRequest } from '../../nodes/sdk/context.js';
import type { ResolvedProfile } from './profile-schema.js';
import type { ConnectionProfiles } from './profiles.js';

/** Refresh margin: a token is replaced when 10 % of its lifetime (at most 60 s) is left. */
const MAX_REFRESH_MARGIN_MS = 60_000;
/** Lifetime assumed when the token answer has no `expires_in` (RFC 6749 §5.1 only recommends it). */
const DEFAULT_TOKEN_LIFETIME_S = 300;

interface CachedToken {
  accessToken: string;
  /** ms since the epoch when the token is replaced (before its expiry). */
  refreshAt: number;
  version: number;
}

/** Joins a relative URL to a base URL with exactly one `/` between them. */
export function joinUrl(base: string, url: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url) || url.startsWith('/')) return url;
  return `${base.replace(/\/+$/, '')}/${url.replace(/^\.?\/+/, '')}`;
}

/** True when `url` is the base URL or below it (path boundary respected: `/erp` does not cover `/erpx`). */
export function insideBase(base: string, url: string): boolean {
  const root = base.replace(/\/+$/, '');
  return url === root || url.startsWith(`${root}/`) || url.startsWith(`${root}?`);
}

/** `text` with each secret replaced by `****`. */
export function maskSecrets(text: string, secrets: readonly string[]): string {
  let masked = text;
  for (const secret of secrets) if (secret.length >= 4) masked = masked.split(secret).join('****');
  for (const secret of secrets) if (secret.length >= 4) masked = masked.split(encodeURIComponent(secret)).join('****');
  return masked;
}

/** HTTP Basic credentials (RFC 7617 §2): base64 of `user-id:password`, UTF-8. */
export function basicCredentials(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
}

export class ConnectionAuthenticator {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();

  constructor(
    private readonly profiles: ConnectionProfiles,
    private readonly now: () => number = Date.now,
  ) {
    profiles.onChange((name) => this.tokens.delete(name));
  }

  /** True when `name` has a profile (its requests are then joined and authenticated). */
  has(name: string): boolean {
    return this.profiles.has(name);
  }

  /**
   * Wraps `http` for connection `name`. Without a profile, requests pass through, except relative URLs,
   * which fail with `connection-not-configured`.
   */
  client(name: string, http: HttpClient): HttpClient {
    return {
      request: async (request: OutboundRequest) => {
        const profile = this.profiles.resolve(name);
        if (!profile?.baseUrl && !/^[a-z][a-z0-9+.-]*:/i.test(request.url) && !request.url.startsWith('/')) {
          throw new NodeError('connection-not-configured', `Connection "${name}" has no base URL for "${request.url}": set one on the Connections page (#/connections)`, { retryable: false });
        }
        if (!profile) return http.request(request);
        const secrets = [...profile.secretValues];
        try {
          const absolute = /^[a-z][a-z0-9+.-]*:/i.test(request.url);
          const relative = !absolute && !request.url.startsWith('/');
          const url = relative && profile.baseUrl ? joinUrl(profile.baseUrl, request.url) : request.url;
          const authorised = relative || (absolute && (!profile.baseUrl || insideBase(profile.baseUrl, url)));
          const sent = authorised ? await this.authorise(profile, { ...request, url }, http, secrets) : { ...request, url };
          const response = await http.request(sent);
          if (response.status === 401 && profile.auth.type === 'oauth2') this.tokens.delete(name); // fetch a new one next time
          return response;
        } catch (error) {
          throw masked(error, secrets);
        }
      },
    };
  }

  private async authorise(profile: ResolvedProfile, request: OutboundRequest, http: HttpClient, secrets: string[]): Promise<OutboundRequest> {
    const { auth } = profile;
    const headers = { ...request.headers };
    switch (auth.type) {
      case 'bearer':
        headers.Authorization = `Bearer ${auth.secret ?? ''}`;
        break;
      case 'basic':
        headers.Authorization = basicCredentials(auth.username, auth.secret ?? '');
        break;
      case 'apiKey':
        if (auth.in === 'header') headers[auth.name] = auth.secret ?? '';
        else return { ...request, url: `${request.url}${request.url.includes('?') ? '&' : '?'}${encodeURIComponent(auth.name)}=${encodeURIComponent(auth.secret ?? '')}` };
        break;
      case 'oauth2': {
        const token = await this.token(profile, http);
        secrets.push(token.accessToken);
        headers.Authorization = `Bearer ${token.accessToken}`;
        break;
      }
      default:
        break;
    }
    return { ...request, headers };
  }

  /** The cached token of an OAuth2 profile, fetched (once, however many steps ask at the same time) when missing or due. */
  private async token(profile: ResolvedProfile, http: HttpClient): Promise<CachedToken> {
    const cached = this.tokens.get(profile.name);
    if (cached && cached.version === profile.version && this.now() < cached.refreshAt) return cached;
    let pending = this.pending.get(profile.name);
    if (!pending) {
      pending = this.fetchToken(profile, http).finally(() => this.pending.delete(profile.name));
      this.pending.set(profile.name, pending);
    }
    const token = await pending;
    this.tokens.set(profile.name, token);
    return token;
  }

  /**
   * Client credentials grant (RFC 6749 §4.4.2): `POST tokenUrl` with `grant_type=client_credentials`
   * (form encoded), the client authenticated per §2.3.1. Answer (§5.1): `{ access_token, token_type: "Bearer",
   * expires_in? }`; errors (§5.2): `{ error, error_description? }`.
   * @throws NodeError `oauth2-token-failed` (retryable for 429 and 5xx).
   */
  private async fetchToken(profile: ResolvedProfile, http: HttpClient): Promise<CachedToken> {
    const auth = profile.auth as Extract<ResolvedProfile['auth'], { type: 'oauth2' }> & { secret?: string };
    const form = new URLSearchParams({ grant_type: 'client_credentials' });
    if (auth.scope) form.set('scope', auth.scope);
    if (auth.audience) form.set('audience', auth.audience);
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    // §2.3.1: with HTTP Basic, client id and secret are form-urlencoded before base64.
    if (auth.clientAuth === 'body') {
      form.set('client_id', auth.clientId);
      form.set('client_secret', auth.secret ?? '');
    } else {
      headers.Authorization = basicCredentials(encodeURIComponent(auth.clientId), encodeURIComponent(auth.secret ?? ''));
    }
    const requestedAt = this.now();
    const tokenUrl = profile.baseUrl && !auth.tokenUrl.startsWith('/') && !/^https?:/i.test(auth.tokenUrl) ? joinUrl(profile.baseUrl, auth.tokenUrl) : auth.tokenUrl;
    const response = await http.request({ method: 'POST', url: tokenUrl, headers, body: form.toString(), timeoutMs: 10_000 });
    const body = (typeof response.body === 'object' && response.body !== null && !Array.isArray(response.body) ? response.body : {}) as Record<string, unknown>;
    if (response.status < 200 || response.status >= 300 || typeof body.access_token !== 'string') {
      const reason = typeof body.error === 'string' ? `${body.error}${typeof body.error_description === 'string' ? `: ${body.error_description}` : ''}` : `status ${response.status}`;
      throw new NodeError('oauth2-token-failed', `Connection "${profile.name}": the token endpoint refused the client credentials (${reason})`, {
        retryable: response.status === 429 || response.status >= 500,
        status: response.status,
      });
    }
    if (typeof body.token_type === 'string' && body.token_type.toLowerCase() !== 'bearer') {
      throw new NodeError('oauth2-token-failed', `Connection "${profile.name}": token_type "${body.token_type}" is not Bearer`, { retryable: false });
    }
    const lifetimeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFETIME_S) * 1000;
    const margin = Math.min(MAX_REFRESH_MARGIN_MS, lifetimeMs / 10);
    return { accessToken: body.access_token, refreshAt: requestedAt + lifetimeMs - margin, version: profile.version };
  }
}

function masked(error: unknown, secrets: readonly string[]): unknown {
  if (!(error instanceof NodeError)) return error;
  const message = maskSecrets(error.message, secrets);
  if (message === error.message) return error;
  return new NodeError(error.code, message, {
    retryable: error.retryable,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.details !== undefined ? { details: error.details } : {}),
  });
}
