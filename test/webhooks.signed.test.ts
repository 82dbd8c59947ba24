/**
 * Signed webhooks against the real endpoint (`POST /hooks/<path>` of a published flow): every Stripe vector
 * by its label, the rotated header, generic HMAC and basic auth. A refused request answers 401
 * problem+json, is listed by `GET /api/webhooks/rejections`, and starts no run; an accepted one runs.
 * The server's clock is pinned per case (the vectors' timestamp is March 2025).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Flow } from '../nodes/sdk/flow.js';
import { hmacDigest } from '../server/connections/webhook-signatures.js';
import { startTestServer, type TestServer } from './support/ledgerflow.js';
import { OLD_SECRET, rawBody, vectorRequest, vectors } from './support/stripe-vectors.js';

let t: TestServer;
let now = Date.now();

function hookFlow(id: string, path: string, verify: Record<string, unknown>): Flow {
  return {
    schemaVersion: 1,
    id,
    name: id,
    settings: { expressionMaxDepth: 500, expressionTimeoutMs: 1000, runTimeoutMs: 30_000 },
    nodes: [
      { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: { x: 0, y: 0 }, config: { path, verify } },
      { id: 'ok', type: 'respond', typeVersion: 1, position: { x: 200, y: 0 }, config: { status: 200, body: '{ "received": payload.id }' } },
    ],
    edges: [{ id: 'hook-ok', source: 'hook', sourcePort: 'out', target: 'ok', targetPort: 'in' }],
  } as unknown as Flow;
}

async function publish(flow: Flow): Promise<void> {
  expect((await t.call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
  expect((await t.call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);
}

async function post(path: string, body: Buffer | string, headers: Record<string, string>) {
  const response = await fetch(`${t.url}/hooks/${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : new Uint8Array(body) });
  return { status: response.status, type: response.headers.get('content-type'), headers: response.headers, body: (await response.json()) as Record<string, any> };
}

const runsOf = async (flowId: string) => ((await t.call('GET', `/api/runs?flowId=${flowId}&limit=500`)).body as unknown[]).length;

beforeAll(async () => {
  t = await startTestServer({ clock: () => now });
  const put = (name: string, body: unknown) => t.call('PUT', `/api/connections/${name}`, body);
  expect((await put('stripe-vectors', { system: 'stripe', webhook: { secret: vectors.endpoint_secret } })).status).toBe(201);
  expect((await put('stripe-vectors-old', { system: 'stripe', webhook: { secret: OLD_SECRET } })).status).toBe(201);
  expect((await put('signer', { webhook: { secret: 'hmac-shared-secret-1' } })).status).toBe(201);
  expect((await put('relay', { webhook: { username: 'relay', secret: 'relay-password-1' } })).status).toBe(201);
  await publish(hookFlow('stripe-signed', 'signed/stripe', { scheme: 'stripe', connection: 'stripe-vectors' }));
  await publish(hookFlow('stripe-signed-old', 'signed/stripe-old', { scheme: 'stripe', connection: 'stripe-vectors-old' }));
  await publish(hookFlow('hmac-signed', 'signed/hmac', { scheme: 'hmac', connection: 'signer', header: 'X-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', signed: 'timestamp.body', timestampHeader: 'X-Timestamp' }));
  await publish(hookFlow('basic-auth', 'signed/basic', { scheme: 'basic', connection: 'relay' }));
});
afterAll(() => t?.stop());

describe('Stripe-signed webhook endpoint', () => {
  it.each(vectors.cases)('$label', async ({ label, verifies, error }) => {
    const request = vectorRequest(label);
    const [path, flowId] = request.secret === OLD_SECRET ? ['signed/stripe-old', 'stripe-signed-old'] : ['signed/stripe', 'stripe-signed'];
    now = request.receivedAtMs;
    const before = await runsOf(flowId);
    const answer = await post(path, request.body, { 'Stripe-Signature': request.header });
    if (verifies) {
      expect(answer.status).toBe(200);
      expect(answer.body).toEqual({ received: 'evt_FAKE0000000000000003' });
      expect(await runsOf(flowId)).toBe(before + 1);
      return;
    }
    expect(answer.status).toBe(401);
    expect(answer.type).toContain('application/problem+json');
    expect(answer.body.detail.startsWith(error!)).toBe(true);
    expect(await runsOf(flowId)).toBe(before); // nothing ran
    const [latest] = (await t.call('GET', `/api/webhooks/rejections?flowId=${flowId}&limit=1`)).body;
    expect(latest).toMatchObject({ path, flowId, scheme: 'stripe', code: answer.body.code, status: 401, bodyBytes: request.body.length, signatureHeader: request.header.slice(0, 300) });
  });

  it('accepts the rotated header of the vectors (two v1 values) with the endpoint secret', async () => {
    now = (vectors.timestamp + 5) * 1000;
    const answer = await post('signed/stripe', rawBody, { 'Stripe-Signature': vectors.rotated_header });
    expect(answer.status).toBe(200);
  });

  it('refuses an unsigned request and keeps neither body nor secret in the record', async () => {
    const answer = await post('signed/stripe', rawBody, {});
    expect(answer).toMatchObject({ status: 401, body: { code: 'signature-header', title: 'Unauthorized' } });
    const listed = JSON.stringify((await t.call('GET', '/api/webhooks/rejections')).body);
    expect(listed).not.toContain(vectors.endpoint_secret);
    expect(listed).not.toContain('evt_FAKE0000000000000003');
  });
});

describe('HMAC and basic-auth webhook endpoints', () => {
  const body = JSON.stringify({ id: 'evt_hmac_1', type: 'deal.won' });

  it('HMAC over "timestamp.body": accepted when signed, refused when the body changed', async () => {
    now = Date.now();
    const ts = String(Math.floor(now / 1000));
    const signature = `sha256=${hmacDigest(body, 'hmac-shared-secret-1', { algorithm: 'sha256', encoding: 'hex', signed: 'timestamp.body' }, ts)}`;
    expect((await post('signed/hmac', body, { 'X-Signature': signature, 'X-Timestamp': ts })).status).toBe(200);
    const tampered = await post('signed/hmac', body.replace('1', '2'), { 'X-Signature': signature, 'X-Timestamp': ts });
    expect(tampered).toMatchObject({ status: 401, body: { code: 'signature-mismatch' } });
  });

  it('basic auth: right credentials run, wrong ones get 401 with WWW-Authenticate', async () => {
    const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
    expect((await post('signed/basic', body, { Authorization: basic('relay', 'relay-password-1') })).status).toBe(200);
    const refused = await post('signed/basic', body, { Authorization: basic('relay', 'guess') });
    expect(refused).toMatchObject({ status: 401, body: { code: 'credentials-invalid' } });
    expect(refused.headers.get('www-authenticate')).toContain('Basic realm=');
  });

  it('a connection without a webhook secret answers 503 and runs nothing', async () => {
    await t.call('PUT', '/api/connections/signer', { webhook: { secret: null } });
    const answer = await post('signed/hmac', body, { 'X-Signature': 'sha256=00', 'X-Timestamp': '1' });
    expect(answer).toMatchObject({ status: 503, body: { code: 'webhook-not-configured' } });
  });
});
