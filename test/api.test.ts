/**
 * The HTTP API end to end (in-process server, real sockets on 127.0.0.1): webhooks of published flows,
 * run history, publishing, and the clear errors bad input must get.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/ledgerflow.js';

const invoicePaid = JSON.parse(readFileSync(new URL('./fixtures/stripe/invoice.paid.proration.json', import.meta.url), 'utf8'));

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t?.stop();
});

const scratchFlow = (id: string, nodes: unknown[], edges: unknown[]) => ({ schemaVersion: 1, id, name: id, nodes, edges });

describe('API', () => {
  it('serves the node types with their config JSON Schema', async () => {
    const { status, body } = await t.call('GET', '/api/node-types');
    expect(status).toBe(200);
    expect(body.map((n: { type: string }) => n.type).sort()).toEqual(
      [
        'guard.idempotentConsumer', 'guard.staleEvent', 'http.request', 'netsuite.record', 'reconcile.compare', 'reconcile.report', 'respond',
        'route.switch', 'salesforce.cdc', 'salesforce.query', 'salesforce.record', 'stripe.event', 'stripe.request', 'transform.jsonata',
        'trigger.manual', 'trigger.schedule', 'trigger.webhook', 'validate.schema', 'xref.lookup', 'xref.save',
      ],
    );
    const map = body.find((n: { type: string }) => n.type === 'transform.jsonata');
    expect(map.configSchema.properties.expression).toMatchObject({ type: 'string', format: 'jsonata' });
    expect(map.outputs).toEqual(['out', 'error']);
  });

  it('lists both example flows, published', async () => {
    const { body } = await t.call('GET', '/api/flows');
    const byId = Object.fromEntries(body.map((f: { id: string }) => [f.id, f]));
    expect(byId['stripe-invoice-to-erp']).toMatchObject({ publishedVersion: 1 });
    expect(byId['closed-won-to-subscription']).toMatchObject({ publishedVersion: 1 });
  });

  it('posting the invoice.paid fixture to the published webhook posts one exact invoice to the ERP and records the run', async () => {
    await t.call('POST', '/sandbox/_reset');
    const hook = await t.call('POST', '/hooks/stripe/invoices', invoicePaid, { 'X-Correlation-Id': 'corr-invoice-paid-1' });
    expect(hook.status).toBe(202);
    expect(hook.headers.get('x-correlation-id')).toBe('corr-invoice-paid-1');
    const runId = hook.headers.get('x-ledgerflow-run-id');

    const erp = await t.call('GET', '/sandbox/erp/invoices');
    expect(erp.body.count).toBe(1);
    const invoice = erp.body.items[0];
    expect(invoice.externalId).toBe('in_FAKE0000000000000002');
    expect(invoice.item.items.map((l: { amount: number; rate: number; quantity: number }) => [l.quantity, l.rate, l.amount])).toEqual([
      [5, -25.29, -126.45],
      [8, 25.29, 202.32],
    ]);

    const list = await t.call('GET', '/api/runs?flowId=stripe-invoice-to-erp');
    expect(list.body[0]).toMatchObject({ id: runId, status: 'succeeded', correlationId: 'corr-invoice-paid-1', mode: 'published', flowVersion: 1 });
    const run = await t.call('GET', `/api/runs/${runId}`);
    expect(run.body.input.id).toBe('evt_FAKE0000000000000004');
    expect(run.body.steps.every((s: { status: string }) => s.status === 'succeeded')).toBe(true);
    const types = run.body.steps.map((s: { nodeType: string }) => s.nodeType);
    expect(types).toEqual(['trigger.webhook', 'guard.idempotentConsumer', 'xref.lookup', 'transform.jsonata', 'validate.schema', 'http.request', 'xref.save', 'respond']);
    for (const step of run.body.steps) {
      expect(step).toMatchObject({ attempt: 1, startedAt: expect.any(String), durationMs: expect.any(Number), input: expect.anything() });
    }
  });

  it('answers malformed JSON with a 400 problem and runs nothing', async () => {
    const before = (await t.call('GET', '/api/runs?limit=500')).body.length;
    const response = await fetch(`${t.url}/hooks/stripe/invoices`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"id": "evt_1",' });
    expect(response.status).toBe(400);
    expect(response.headers.get('content-type')).toContain('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, code: 'malformed-json' });
    expect(problem.detail).toMatch(/not valid JSON/);
    expect((await t.call('GET', '/api/runs?limit=500')).body.length).toBe(before);

    const api = await fetch(`${t.url}/api/flows/x`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"id": ' });
    expect(api.status).toBe(400);
    expect((await api.json()).code).toBe('malformed-json');
  });

  it('refuses a body over the limit with 413 and an unknown webhook with 404', async () => {
    const huge = await t.call('POST', '/hooks/stripe/invoices', { blob: 'x'.repeat(1_100_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.code).toBe('body-too-large');
    const missing = await t.call('POST', '/hooks/nobody/here', {});
    expect(missing.status).toBe(404);
    expect(missing.body.detail).toBe('No published flow serves /hooks/nobody/here');
  });

  it('E1: a saved flow with an edge to a missing port lists the edge and port, and publishing it is refused', async () => {
    const flow = scratchFlow(
      'e1-broken-edge',
      [
        { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        { id: 'map', type: 'transform.jsonata', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: 'payload' } },
      ],
      [{ id: 'paid', source: 'start', sourcePort: 'amount_paid', target: 'map', targetPort: 'in' }],
    );
    const saved = await t.call('PUT', '/api/flows/e1-broken-edge', flow);
    expect(saved.status).toBe(200);
    expect(saved.body.issues).toEqual([
      expect.objectContaining({ code: 'edge-port-missing', edgeId: 'paid', path: ['edges', 0, 'sourcePort'], message: expect.stringContaining('port "amount_paid" of node "start"') }),
    ]);
    const published = await t.call('POST', '/api/flows/e1-broken-edge/publish', {});
    expect(published.status).toBe(422);
    expect(published.body.issues[0]).toMatchObject({ edgeId: 'paid', code: 'edge-port-missing' });
  });

  it('refuses to publish a JSONata syntax error and gives its position', async () => {
    const flow = scratchFlow(
      'bad-mapping',
      [
        { id: 'start', type: 'trigger.manual', typeVersion: 1, position: { x: 0, y: 0 }, config: {} },
        { id: 'map', type: 'transform.jsonata', typeVersion: 1, position: { x: 200, y: 0 }, config: { expression: '{ "amount": payload.amount_paid / 100, }' } },
      ],
      [{ id: 'e', source: 'start', sourcePort: 'out', target: 'map', targetPort: 'in' }],
    );
    expect((await t.call('PUT', '/api/flows/bad-mapping', flow)).status).toBe(200);
    const published = await t.call('POST', '/api/flows/bad-mapping/publish', {});
    expect(published.status).toBe(422);
    expect(published.headers.get('content-type')).toContain('application/problem+json');
    expect(published.body.issues).toEqual([
      expect.objectContaining({ code: 'expression-syntax', nodeId: 'map', path: ['nodes', 1, 'config', 'expression'], position: 39 }),
    ]);
    expect((await t.call('GET', '/api/flows/bad-mapping/versions')).body).toEqual([]);
  });

  it('a run finishes on the version it started with, even when a new version is published meanwhile', async () => {
    const version = (label: string) =>
      scratchFlow(
        'pinned-version',
        [
          { id: 'hook', type: 'trigger.webhook', typeVersion: 1, position: { x: 0, y: 0 }, config: { path: 'pinned' } },
          { id: 'slow', type: 'http.request', typeVersion: 1, position: { x: 200, y: 0 }, config: { method: 'GET', url: '/sandbox/erp/invoices' } },
          { id: 'answer', type: 'respond', typeVersion: 1, position: { x: 400, y: 0 }, config: { body: `"${label}"` } },
        ],
        [
          { id: 'a', source: 'hook', sourcePort: 'out', target: 'slow', targetPort: 'in' },
          { id: 'b', source: 'slow', sourcePort: 'out', target: 'answer', targetPort: 'in' },
        ],
      );
    await t.call('PUT', '/api/flows/pinned-version', version('v1'));
    expect((await t.call('POST', '/api/flows/pinned-version/publish', { message: 'first' })).body.version).toBe(1);
    await t.call('PUT', '/sandbox/erp/_faults', { status: 200, delayMs: 600, count: 1 });
    const first = t.call('POST', '/hooks/pinned', {});
    await new Promise((r) => setTimeout(r, 150));
    await t.call('PUT', '/api/flows/pinned-version', version('v2'));
    expect((await t.call('POST', '/api/flows/pinned-version/publish', { message: 'second' })).body.version).toBe(2);
    expect((await first).body).toBe('v1');
    await t.call('DELETE', '/sandbox/erp/_faults');
    expect((await t.call('POST', '/hooks/pinned', {})).body).toBe('v2');
    const versions = await t.call('GET', '/api/flows/pinned-version/versions');
    expect(versions.body.map((v: { version: number; message: string }) => [v.version, v.message])).toEqual([[1, 'first'], [2, 'second']]);
    // One frozen version, by number (`1` or `v1`): the flow as it was published.
    const v1 = await t.call('GET', '/api/flows/pinned-version/versions/v1');
    expect(v1.body).toMatchObject({ flowId: 'pinned-version', version: 1, message: 'first' });
    expect(v1.body.flow.nodes.find((n: { id: string }) => n.id === 'answer').config.body).toBe('"v1"');
    expect((await t.call('GET', '/api/flows/pinned-version/versions/2')).body.flow.nodes[2].config.body).toBe('"v2"');
    expect((await t.call('GET', '/api/flows/pinned-version/versions/3')).status).toBe(404);
    expect((await t.call('GET', '/api/flows/pinned-version/versions/latest')).status).toBe(404);
  });

  it('test-run runs the unsaved draft on a sample input', async () => {
    const samples = await t.call('GET', '/api/samples');
    expect(samples.body.map((s: { name: string }) => s.name)).toContain('stripe/invoice.paid.proration');
    const sample = await t.call('GET', '/api/samples/stripe/invoice.paid.proration');
    const { body: stored } = await t.call('GET', '/api/flows/stripe-invoice-to-erp');
    const started = await t.call('POST', '/api/flows/stripe-invoice-to-erp/test-run', { input: sample.body, flow: stored.flow });
    expect(started.status).toBe(202);
    let run;
    for (let i = 0; i < 100; i++) {
      run = (await t.call('GET', `/api/runs/${started.body.runId}`)).body;
      if (run.status !== 'running') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(run).toMatchObject({ status: 'succeeded', mode: 'draft', flowVersion: 0 });
  });
});
