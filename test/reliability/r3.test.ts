/**
 * R3: killed under load. With 5 runs finished, 2 in flight (waiting on a slow ERP) and 10 accepted and
 * queued, the server is killed with SIGKILL and restarted on the same data folder. Finished runs stay as
 * they were, every accepted event runs to completion exactly once, in-flight runs resume at the step that
 * was cut off with the same idempotency key, and the ERP holds one invoice per event.
 * The ERP stand-in lives in this test process, so the kill does not take it down.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import { afterAll, describe, expect, it } from 'vitest';
import { createSandbox } from '../../server/sandbox/index.js';
import { startChildServer, type ChildServer } from '../support/child-server.js';
import { invoiceFlow, invoicePaidEvent } from '../support/invoice-flow.js';

const sandbox = createSandbox();
let erpServer: Server;
let server: ChildServer | undefined;
let dir: string;

afterAll(async () => {
  if (server) await server.kill('SIGKILL');
  erpServer?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function call(method: string, path: string, body?: unknown) {
  const response = await fetch(server!.url + path, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json().catch(() => undefined) };
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const runsOf = async () => (await call('GET', '/api/runs?flowId=r3-killed&limit=500')).body as Array<{ id: string; status: string; finishedAt?: string }>;

describe('crash recovery', () => {
  it('R3: SIGKILL with runs finished, in flight and queued loses nothing and posts nothing twice', async () => {
    const app = express();
    app.use('/sandbox', sandbox.router);
    erpServer = app.listen(0, '127.0.0.1');
    await new Promise((r) => erpServer.once('listening', r));
    const erpUrl = `http://127.0.0.1:${(erpServer.address() as AddressInfo).port}/sandbox/erp/invoices`;

    dir = await mkdtemp(join(tmpdir(), 'ledgerflow-r3-'));
    const env = { LEDGERFLOW_DATA: dir, LEDGERFLOW_MAX_RUNS: '2' };
    server = await startChildServer(env);
    const flow = invoiceFlow({ id: 'r3-killed', webhookPath: 'r3/invoices', erpUrl, responseMode: 'accepted', timeoutMs: 20_000 });
    expect((await call('PUT', `/api/flows/${flow.id}`, flow)).status).toBe(200);
    expect((await call('POST', `/api/flows/${flow.id}/publish`, {})).status).toBe(201);

    // 5 finished
    for (let i = 1; i <= 5; i++) expect((await call('POST', '/hooks/r3/invoices', invoicePaidEvent(`r3-${i}`))).status).toBe(202);
    await until('5 finished runs', async () => ((await runsOf()).filter((r) => r.status === 'succeeded').length === 5 ? true : undefined));
    const finishedBefore = new Map((await runsOf()).map((r) => [r.id, r.finishedAt]));

    // 2 in flight: the ERP holds each POST for 2 s
    sandbox.erp.faults.arm({ delayMs: 2000 });
    for (let i = 6; i <= 7; i++) expect((await call('POST', '/hooks/r3/invoices', invoicePaidEvent(`r3-${i}`))).status).toBe(202);
    const inFlight = await until('2 runs waiting on the ERP', async () => {
      const running = (await runsOf()).filter((r) => r.status === 'running');
      const details = await Promise.all(running.map(async (r) => (await call('GET', `/api/runs/${r.id}`)).body));
      const posting = details.filter((d) => d.steps.some((s: { nodeId: string; status: string }) => s.nodeId === 'post-invoice' && s.status === 'running'));
      return posting.length === 2 ? posting.map((d) => d.id as string) : undefined;
    });

    // 10 accepted and queued behind them (2 runs at a time)
    for (let i = 8; i <= 17; i++) expect((await call('POST', '/hooks/r3/invoices', invoicePaidEvent(`r3-${i}`))).status).toBe(202);
    expect((await runsOf()).filter((r) => r.status === 'running')).toHaveLength(12);

    expect(await server.kill('SIGKILL')).toBe('SIGKILL');
    sandbox.erp.faults.clear();
    server = await startChildServer(env);

    const runs = await until('every run to finish', async () => {
      const all = await runsOf();
      return all.length === 17 && all.every((r) => r.status !== 'running') ? all : undefined;
    }, 45_000);
    expect(runs.map((r) => r.status)).toEqual(Array(17).fill('succeeded'));
    for (const [id, finishedAt] of finishedBefore) expect(runs.find((r) => r.id === id)!.finishedAt).toBe(finishedAt);

    for (const id of inFlight) {
      const run = (await call('GET', `/api/runs/${id}`)).body;
      const attempts = run.steps.filter((s: { nodeId: string }) => s.nodeId === 'post-invoice');
      expect(attempts.map((s: { attempt: number; status: string; error?: { code: string } }) => [s.attempt, s.status, s.error?.code])).toEqual([
        [1, 'failed', 'interrupted'],
        [2, 'succeeded', undefined],
      ]);
      expect(run.steps.filter((s: { nodeId: string }) => s.nodeId === 'map-invoice')).toHaveLength(1); // replayed, not re-run
    }

    await new Promise((r) => setTimeout(r, 2500)); // let the ERP finish the POSTs it was holding at the kill
    const invoices = sandbox.erp.invoices().map((i) => i.externalId).sort();
    expect(invoices).toEqual(Array.from({ length: 17 }, (_, i) => `in_TEST_r3-${i + 1}`).sort());
    const created = sandbox.erp.postings().filter((p) => p.outcome === 'created');
    expect(created).toHaveLength(17);
    for (const externalId of invoices) {
      const keys = new Set(sandbox.erp.postings().filter((p) => p.externalId === externalId).map((p) => p.idempotencyKey));
      expect(keys.size, `${externalId} was posted under one idempotency key`).toBe(1);
    }
  });
});
