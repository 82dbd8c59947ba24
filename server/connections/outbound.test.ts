/**
 * Outbound auth per connection profile: base URL joining, bearer, basic (RFC 7617's own example), API key in
 * a header or the query, OAuth2 client credentials (RFC 6749 §4.4) cached and refreshed before expiry, and
 * secrets masked out of errors.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient, OutboundRequest, OutboundResponse } from '../../nodes/sdk/context.js';
import { NodeError } from '../../nodes/sdk/errors.js';
import { RecordLog } from '../storage/record-log.js';
import { basicCredentials, ConnectionAuthenticator, joinUrl } from './outbound.js';
import { ConnectionProfiles, type StoredProfile } from './profiles.js';
import { loadSecretKey, SecretBox } from './secret-box.js';

let dir: string;
let profiles: ConnectionProfiles;
let clock = Date.parse('2025-03-16T00:00:00Z');
let auth: ConnectionAuthenticator;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ledgerflow-outbound-'));
  profiles = new ConnectionProfiles(await RecordLog.open<StoredProfile>(dir, 'connection-profiles'), new SecretBox(await loadSecretKey(dir, {})), () => clock);
  auth = new ConnectionAuthenticator(profiles, () => clock);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A fake HTTP client: records requests; the token endpoint answers `expires_in: 100`. */
function fakeHttp(answer: (request: OutboundRequest) => OutboundResponse = () => ({ status: 200, headers: {}, body: { ok: true } })) {
  const sent: OutboundRequest[] = [];
  let tokens = 0;
  const http: HttpClient = {
    async request(request) {
      sent.push(request);
      if (request.url.endsWith('/token')) return { status: 200, headers: {}, body: { access_token: `tok-${++tokens}`, token_type: 'bearer', expires_in: 100 } };
      return answer(request);
    },
  };
  return { http, sent, tokens: () => tokens };
}
const get = (url: string): OutboundRequest => ({ method: 'GET', url, headers: {}, timeoutMs: 1000 });

describe('outbound auth', () => {
  it('joins relative URLs to the base URL and leaves absolute ones and this server\'s paths alone', () => {
    expect(joinUrl('https://x.example.com/services/rest/', 'record/v1/invoice')).toBe('https://x.example.com/services/rest/record/v1/invoice');
    expect(joinUrl('/sandbox/erp', './record/v1/invoice')).toBe('/sandbox/erp/record/v1/invoice');
    expect(joinUrl('https://x.example.com', 'https://y.example.com/a')).toBe('https://y.example.com/a');
    expect(joinUrl('https://x.example.com', '/sandbox/erp/invoices')).toBe('/sandbox/erp/invoices');
  });

  it('bearer: adds the token to URLs inside the base, never to another host', async () => {
    profiles.put('billing', { baseUrl: 'https://api.stripe.example', auth: { type: 'bearer', token: 'sk_test_bearer_123' } });
    const { http, sent } = fakeHttp();
    const client = auth.client('billing', http);
    await client.request(get('v1/customers'));
    await client.request(get('https://api.stripe.example/v1/prices'));
    await client.request(get('https://elsewhere.example/v1/customers'));
    expect(sent.map((r) => [r.url, r.headers.Authorization])).toEqual([
      ['https://api.stripe.example/v1/customers', 'Bearer sk_test_bearer_123'],
      ['https://api.stripe.example/v1/prices', 'Bearer sk_test_bearer_123'],
      ['https://elsewhere.example/v1/customers', undefined],
    ]);
  });

  it('basic: RFC 7617 §2 example credentials', async () => {
    expect(basicCredentials('Aladdin', 'open sesame')).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
    profiles.put('legacy', { baseUrl: 'https://legacy.example', auth: { type: 'basic', username: 'Aladdin', password: 'open sesame' } });
    const { http, sent } = fakeHttp();
    await auth.client('legacy', http).request(get('orders'));
    expect(sent[0]!.headers.Authorization).toBe('Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==');
  });

  it('API key: in a header, or in the query (and masked out of errors)', async () => {
    profiles.put('tax', { baseUrl: 'https://tax.example', auth: { type: 'apiKey', in: 'header', name: 'X-Api-Key', value: 'key-in-header-1' } });
    profiles.put('fx', { baseUrl: 'https://fx.example', auth: { type: 'apiKey', in: 'query', name: 'api_key', value: 'key/in query' } });
    const { http, sent } = fakeHttp();
    await auth.client('tax', http).request(get('rates'));
    await auth.client('fx', http).request(get('latest?base=USD'));
    expect(sent[0]!.headers['X-Api-Key']).toBe('key-in-header-1');
    expect(sent[1]!.url).toBe('https://fx.example/latest?base=USD&api_key=key%2Fin%20query');
    const failing: HttpClient = {
      request: async (request) => {
        throw new NodeError('network-error', `GET ${request.url} failed: ECONNREFUSED`, { retryable: true });
      },
    };
    const error = await auth.client('fx', failing).request(get('latest')).catch((e: unknown) => e as NodeError);
    expect(error).toBeInstanceOf(NodeError);
    expect((error as NodeError).message).toBe('GET https://fx.example/latest?api_key=**** failed: ECONNREFUSED');
    expect((error as NodeError).retryable).toBe(true);
  });

  it('OAuth2 client credentials: one token for many calls, a new one before it expires and after a 401', async () => {
    profiles.put('erp', {
      baseUrl: 'https://erp.example/services/rest',
      auth: { type: 'oauth2', tokenUrl: 'https://erp.example/token', clientId: 'my client', clientSecret: 'p@ss:word', scope: 'rest_webservices' },
    });
    let status = 200;
    const { http, sent, tokens } = fakeHttp(() => ({ status, headers: {}, body: {} }));
    const client = auth.client('erp', http);
    await Promise.all([client.request(get('record/v1/invoice/1')), client.request(get('record/v1/invoice/2'))]);
    expect(tokens()).toBe(1);
    const tokenRequest = sent.find((r) => r.url.endsWith('/token'))!;
    expect(tokenRequest.method).toBe('POST');
    expect(tokenRequest.body).toBe('grant_type=client_credentials&scope=rest_webservices');
    expect(tokenRequest.headers.Authorization).toBe(basicCredentials('my%20client', 'p%40ss%3Aword')); // §2.3.1: form-urlencoded first
    expect(sent.filter((r) => !r.url.endsWith('/token')).map((r) => r.headers.Authorization)).toEqual(['Bearer tok-1', 'Bearer tok-1']);

    clock += 89_000; // 100 s token, refreshed with 10 s (10 %) left
    await client.request(get('record/v1/invoice/3'));
    expect(tokens()).toBe(1);
    clock += 2_000;
    await client.request(get('record/v1/invoice/4'));
    expect(tokens()).toBe(2);
    expect(sent.at(-1)!.headers.Authorization).toBe('Bearer tok-2');

    status = 401;
    await client.request(get('record/v1/invoice/5'));
    status = 200;
    await client.request(get('record/v1/invoice/6'));
    expect(tokens()).toBe(3);
    expect(sent.at(-1)!.headers.Authorization).toBe('Bearer tok-3');
  });

  it('OAuth2: a refused client is a clear, non-retryable error without the secret', async () => {
    profiles.put('erp2', { baseUrl: 'https://erp.example', auth: { type: 'oauth2', tokenUrl: 'https://erp.example/oauth/token', clientId: 'c', clientSecret: 'wrong-secret-1' } });
    const http: HttpClient = { request: async () => ({ status: 401, headers: {}, body: { error: 'invalid_client', error_description: 'Client authentication failed' } }) };
    const error = (await auth.client('erp2', http).request(get('x')).catch((e: unknown) => e)) as NodeError;
    expect(error.code).toBe('oauth2-token-failed');
    expect(error.retryable).toBe(false);
    expect(error.message).toBe('Connection "erp2": the token endpoint refused the client credentials (invalid_client: Client authentication failed)');
  });

  it('a relative URL without a profile fails clearly; an absolute one passes through', async () => {
    const { http, sent } = fakeHttp();
    await expect(auth.client('nobody', http).request(get('record/v1/invoice'))).rejects.toMatchObject({ code: 'connection-not-configured' });
    await auth.client('nobody', http).request(get('https://open.example/x'));
    expect(sent.map((r) => r.url)).toEqual(['https://open.example/x']);
  });
});
