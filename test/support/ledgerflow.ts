/**
 * Starts a Ledgerflow server for a test: in this process, on a free 127.0.0.1 port, with a fresh data
 * folder, the stand-ins, and the example flows seeded and published. Call `stop()` in afterAll.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { createLedgerflow, type Ledgerflow, type LedgerflowOptions } from '../../server/app.js';

export interface TestServer {
  ledgerflow: Ledgerflow;
  url: string;
  dataDir: string;
  /** fetch against the server; JSON in and out. */
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; headers: Headers; body: any }>;
  stop(): Promise<void>;
}

export async function startTestServer(options: Partial<LedgerflowOptions> = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ledgerflow-test-')));
  // Schedule triggers do not fire by themselves in tests (a tick could add runs a test does not expect);
  // a test starts them with POST /api/schedules/:flowId/:nodeId/run, or passes `schedules: true`.
  const ledgerflow = await createLedgerflow({ port: 0, logger: pino({ level: process.env.LOG_LEVEL ?? 'silent' }), schedules: false, ...options, dataDir });
  const url = await ledgerflow.listen();
  return {
    ledgerflow,
    url,
    dataDir,
    async call(method, path, body, headers = {}) {
      const response = await fetch(url + path, {
        method,
        headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed };
    },
    async stop() {
      await ledgerflow.close();
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
