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

  it('refuses a cross-site page resetting or breaking the stand-ins', async () => {
    const host = new URL(t.url).host;
    const reset = await raw('POST', '/sandbox/_reset', { Host: host, Origin: 'http://evil.example' });
    expect(reset.status).toBe(403);
    const fault = await raw('PUT', '/sandbox/erp/_faults', { Host: host, Origin: 'http://evil.example', 'Content-Type': 'application/json' }, '{"status":503}');
    expect(fault.status).toBe(403);
    expect((await t.call('GET', '/sandbox/erp/_faults')).body).not.toMatchObject({ status: 503 });
  });

  it('still accepts webhooks from other servers', async () => {
    const event = JSON.parse(readFileSync(new URL('./fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));
    const hook = await t.call('POST', '/hooks/stripe/invoices', { ...event, id: 'evt_security_1' }, { Origin: 'https://stripe.example' });
    expect(hook.status).toBe(202);
  });
});

describe('payloads too deep to handle', () => {
  const deep = (levels: number) => `{"id":"evt_deep","x":${'['.repeat(levels)}${']'.repeat(levels)}}`;

  it('a webhook body nested 5,000 levels deep is refused with 400 naming where, and the next events are answered and recorded', async () => {
    const refused = await raw('POST', '/hooks/stripe/invoices', { Host: new URL(t.url).host, 'Content-Type': 'application/json' }, deep(5000));
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'too-deep', detail: expect.stringContaining('deeper than 100 levels at $.x[0][0]') });
    const event = JSON.parse(readFileSync(new URL('./fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));
    const next = await t.call('POST', '/hooks/stripe/invoices', { ...event, id: 'evt_after_deep', data: { object: { ...event.data.object, id: 'in_after_deep' } } });
    expect(next.status).toBe(202);
    let recorded = await t.call('GET', `/api/runs?businessKey=evt_after_deep`);
    for (let i = 0; i < 50 && recorded.body[0]?.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      recorded = await t.call('GET', `/api/runs?businessKey=evt_after_deep`);
    }
    expect(recorded.body.map((r: { status: string }) => r.status)).toEqual(['succeeded']);
  });

  it('a test-run input nested too deep is refused with 400', async () => {
    const body = `{"input":${deep(500).replace('{"id":"evt_deep","x":', '{"x":')}}`;
    const refused = await raw('POST', '/api/flows/stripe-invoice-to-erp/test-run', { Host: new URL(t.url).host, 'Content-Type': 'application/json', Origin: t.url }, body);
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.body)).toMatchObject({ code: 'too-deep', detail: expect.stringContaining('test-run: the JSON nests deeper than 100 levels at $.input.x') });
  });
});

describe('events the flow cannot use', () => {
  it('an event without the ids the flow looks up is answered 422 (the sender should not simply resend), not 500', async () => {
    const answer = await t.call('POST', '/hooks/stripe/invoices', { id: 'evt_no_invoice' });
    expect(answer.status).toBe(422);
    expect(answer.body).toMatchObject({ code: 'run-failed', detail: expect.stringContaining('gave no string or number') });
  });
});
