/**
 * Other web pages cannot use the API through the analyst's browser: a DNS-rebound Host is refused, and a
 * cross-site request may not change anything. Webhooks stay open to other servers.
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

/** A raw request, so the Host header can be set (fetch does not allow it). */
function raw(method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; body: string }> {
  const url = new URL(t.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser-borne requests from other sites', () => {
  it('refuses a request whose Host is not this server (DNS rebinding)', async () => {
    const refused = await raw('GET', '/api/flows', { Host: 'evil.example:5170' });
    expect(refused.status).toBe(403);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'forbidden-origin', detail: expect.stringContaining('Host "evil.example:5170"') });
    expect((await raw('GET', '/api/flows', { Host: `localhost:${new URL(t.url).port}` })).status).toBe(200);
  });

  it('refuses a cross-site request that would change something, and allows the same site', async () => {
    const runs = await t.call('GET', '/api/runs');
    const before = runs.body.length;
    const crossSite = await raw('POST', '/api/schedules/reconcile-billing-vs-erp/daily/run', { Host: new URL(t.url).host, Origin: 'http://evil.example', 'Content-Type': 'application/x-www-form-urlencoded' }, 'a=1');
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).detail).toContain('http://evil.example');
    expect((await t.call('GET', '/api/runs')).body.length).toBe(before);
    const sameSite = await t.call('POST', '/api/flows/stripe-invoice-to-erp/publish', { message: 'from the designer' }, { Origin: t.url });
    expect(sameSite.status).toBe(201);
  });

  it('still accepts webhooks from other servers', async () => {
    const event = JSON.parse(readFileSync(new URL('./fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));
    const hook = await t.call('POST', '/hooks/stripe/invoices', { ...event, id: 'evt_security_1' }, { Origin: 'https://stripe.example' });
    expect(hook.status).toBe(202);
  });
});
